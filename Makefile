# Daily tasks for Inferra. `make help` lists them. Everything here also
# works by hand: each target is the command it runs.

GO      ?= go
PY      ?= /usr/bin/python3
# The Debian Python with scipy and statsmodels, not a pyenv one.
STATICCHECK = $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2
DATA_DIR ?= ./data
DATABASE_URL ?=
COVER ?= /tmp/inferra-cover.out

.PHONY: help run serve test test-race ci bench bench-side-by-side lint contract openapi migrate references load cover examples build screenshots

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 22

run: ## the README's first command: a Welch t-test on a shipped dataset
	$(GO) run ./cmd/inferra analyze --data testdata/data/plants.csv --analysis ttest_ind --param group=treatment --param value=yield

serve: ## the server and UI on 127.0.0.1:8000 (local mode; Ctrl-C stops it)
	DATA_DIR='$(DATA_DIR)' $(GO) run ./cmd/inferra serve

build: ## a static binary ./inferra
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags='-s -w' -o inferra ./cmd/inferra

test: ## the tests (Postgres ones need TEST_DATABASE_URL)
	$(GO) test ./...

test-race: ## the tests under the race detector
	$(GO) test -race ./...

ci: ## what CI runs (installs Chromium if missing, uses the local PostgreSQL)
	bash .ci/run

bench: ## the Go benchmarks (BENCHMARKS.md says which figures come from where)
	$(GO) test -run='^$$' -bench=. -benchmem ./...

bench-side-by-side: ## inferra against pandas + scipy on the 1M-row workload
	scripts/bench-side-by-side.sh

lint: ## gofmt, go vet, staticcheck
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(STATICCHECK) -checks 'all,-ST1003' ./...

openapi: ## regenerate the result schemas of server/openapi.json from the Go result types
	$(GO) generate ./server

contract: ## a TypeScript client of server/openapi.json compiles; redocly lint finds no error (npm)
	cd web/contract && npm ci --no-audit --no-fund --loglevel=error && npm run --silent check

migrate: ## create or update the job store's tables (DATABASE_URL, or SQLite under DATA_DIR)
	@# not echoed: the URL may hold a password
	@DATABASE_URL='$(DATABASE_URL)' $(GO) run ./cmd/inferra migrate --data-dir '$(DATA_DIR)'

references: ## recompute testdata/reference*.json with scipy and statsmodels (datasets kept)
	$(PY) testdata/reference.py --keep-data
	$(PY) testdata/reference_ols.py --keep-data
	$(PY) testdata/reference_exact.py
	$(PY) testdata/reference_plots.py

load: ## load test of the server on loopback (scripts/load.sh)
	scripts/load.sh

cover: ## test coverage per package, and $(COVER) for `go tool cover -html`
	$(GO) test -coverprofile=$(COVER) ./...
	$(GO) tool cover -func=$(COVER) | tail -n 1

screenshots: ## docs/screenshots: a chart of each kind, the UI's answer page and report.html (Chromium)
	$(GO) run ./scripts/screenshots -go '$(GO)' -out docs/screenshots

examples: ## build and run every program under examples/
	@for d in examples/*/; do echo "== $$d"; timeout 120 $(GO) run ./$$d >/dev/null || exit 1; done
