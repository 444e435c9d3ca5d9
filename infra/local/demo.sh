#!/usr/bin/env bash
# make demo: needs `make run` in another terminal.
set -euo pipefail
cd "$(dirname "$0")"
for port in 3001 3002 3003; do
  curl -s -o /dev/null "http://localhost:$port/" -m 2 || curl -s -o /dev/null "http://localhost:$port/_lambda_" -m 2 || {
    echo "nothing listens on :$port — start 'make run' in another terminal first"; exit 1; }
done
exec python3 demo.py
