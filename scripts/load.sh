#!/usr/bin/env bash
# Load test of inferra serve on loopback, with authentication on: builds
# the binary, starts it on a free 127.0.0.1 port with a temporary data
# directory (or on PostgreSQL when DATABASE_URL is set) and a random
# SUPABASE_JWT_SECRET, runs scripts/loadtest with a token signed by that
# secret (POST /api/decide and sync POST /api/analyze on a 1,000-row
# dataset, for each number of CLIENTS, DURATION each), then stops it.
#
#   scripts/load.sh                                  # SQLite, DURATION=5s CLIENTS=1,50
#   DATABASE_URL=postgres://… scripts/load.sh        # PostgreSQL
#   DURATION=10s CLIENTS=1,8,50 SCENARIOS=decide scripts/load.sh
#   MAX_INFLIGHT=16 CLIENTS=32,1 SCENARIOS=analyze scripts/load.sh   # overload, then recovery
#
# The per-user rate limit and the cap on one user's unfinished jobs are off
# (RATE_LIMIT_PER_MIN=0, MAX_QUEUED_PER_USER=0) unless set: one user sends
# all the load, and the point is the server's capacity.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$pid" ] && wait "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
go build -o "$tmp/inferra" ./cmd/inferra
go build -o "$tmp/loadtest" ./scripts/loadtest
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
export SUPABASE_JWT_SECRET=$secret RATE_LIMIT_PER_MIN=${RATE_LIMIT_PER_MIN:-0} MAX_QUEUED_PER_USER=${MAX_QUEUED_PER_USER:-0}
ADDR="127.0.0.1:$port" DATA_DIR="$tmp/data" LOG_LEVEL="${LOG_LEVEL:-info}" "$tmp/inferra" serve >"$tmp/server.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
  sleep 0.1
done
store=SQLite; [ -n "${DATABASE_URL:-}" ] && store=PostgreSQL
echo "store: $store; MAX_INFLIGHT=${MAX_INFLIGHT:-256 (default)}; rate limit per minute: $RATE_LIMIT_PER_MIN (0 = off); MAX_QUEUED_PER_USER=$MAX_QUEUED_PER_USER"
"$tmp/loadtest" -url "http://127.0.0.1:$port" -jwt-secret "$secret" -clients "${CLIENTS:-1,50}" \
  -duration "${DURATION:-5s}" -rows 1000 -scenarios "${SCENARIOS:-decide,analyze}"
echo "server log lines: $(wc -l <"$tmp/server.log")"
