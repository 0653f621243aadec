#!/usr/bin/env bash
# Load test of inferra serve on loopback: builds the binary, starts it on a
# free 127.0.0.1 port with a temporary data directory, runs
# scripts/loadtest (POST /api/decide and sync POST /api/analyze on a
# 1,000-row dataset, 1 and 50 clients, DURATION each), then stops it.
#
#   scripts/load.sh            # DURATION=5s CLIENTS=1,50
#   DURATION=10s CLIENTS=1,8,50 scripts/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/inferra" ./cmd/inferra
go build -o "$tmp/loadtest" ./scripts/loadtest
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ADDR="127.0.0.1:$port" DATA_DIR="$tmp/data" LOG_LEVEL="${LOG_LEVEL:-info}" "$tmp/inferra" serve >"$tmp/server.log" 2>&1 &
pid=$!
for _ in $(seq 50); do
  curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
  sleep 0.1
done
"$tmp/loadtest" -url "http://127.0.0.1:$port" -clients "${CLIENTS:-1,50}" -duration "${DURATION:-5s}" -rows 1000
echo "server log lines: $(wc -l <"$tmp/server.log")"
