#!/usr/bin/env bash
# End to end through all three functions' Lambda handlers: its own moto_server on a free port,
# submit/lookup/aggregate in Quarkus dev mode on :4001-:4003, the demo data set with assertions.
set -euo pipefail
cd "$(dirname "$0")/../.."
MVN39=${MVN39:?run through make e2e}
log=target/e2e
mkdir -p "$log"
pids=()
stop() {
  for p in "${pids[@]}"; do kill -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

moto_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
setsid moto_server -H 127.0.0.1 -p "$moto_port" >"$log/moto.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$moto_port/moto-api/" && break; sleep 0.1; done

# The AWS SDK's standard settings, as in AWS (docs/deploy.md, "Configuration").
export AWS_ENDPOINT_URL_DYNAMODB="http://127.0.0.1:$moto_port" AWS_REGION=us-east-1
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local

declare -A port=([submit]=4001 [lookup]=4002 [aggregate]=4003)
for fn in submit lookup aggregate; do
  setsid "$MVN39" -B -f "functions/$fn/pom.xml" quarkus:dev -Ddebug=false -Dquarkus.console.enabled=false \
    -Dquarkus.lambda.mock-event-server.dev-port="${port[$fn]}" \
    -Dledger.table=ledger-e2e \
    >"$log/$fn.log" 2>&1 &
  pids+=($!)
done
for fn in submit lookup aggregate; do
  for _ in $(seq 1 400); do
    grep -q "Listening on" "$log/$fn.log" 2>/dev/null && break
    if grep -q "BUILD FAILURE\|Failed to start" "$log/$fn.log" 2>/dev/null; then cat "$log/$fn.log"; exit 1; fi
    sleep 0.5
  done
  grep -q "Listening on" "$log/$fn.log" || { echo "$fn did not start"; tail -50 "$log/$fn.log"; exit 1; }
done
SUBMIT_URL=http://localhost:4001 LOOKUP_URL=http://localhost:4002 AGGREGATE_URL=http://localhost:4003 \
  python3 infra/local/demo.py --check
