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

# The local issuer, as make run uses it: lookup verifies read tokens against its keys.
node -e "import('./infra/local/issuer.mjs').then((m) => m.keys())"
export MP_JWT_VERIFY_ISSUER=http://localhost:3000/local-issuer MP_JWT_VERIFY_AUDIENCES=conflict-ledger-local
export MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$PWD/.run/issuer/jwks.json"

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

# Through the local gateway, as a newcomer or a browser would use it (docs/local.md).
gw_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
GATEWAY_PORT=$gw_port GATEWAY_TARGETS=SubmitFunction=4001,LookupFunction=4002 PARAM_CorsAllowOrigins=https://newsroom.example \
  setsid node infra/local/gateway.mjs >"$log/gateway.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do grep -q "gateway on" "$log/gateway.log" 2>/dev/null && break; sleep 0.1; done
gw=http://127.0.0.1:$gw_port
token=$(ROLE=reporter SUB=e2e-alice node infra/local/token.mjs)
check() { # name, expected status, curl arguments...
  local name=$1 want=$2; shift 2
  local got
  got=$(curl -s -o "$log/last.body" -D "$log/last.headers" -w '%{http_code}' "$@")
  if [ "$got" != "$want" ]; then echo "gateway: $name: expected $want, got $got"; cat "$log/last.headers" "$log/last.body"; exit 1; fi
  echo "gateway: $name: $got"
}
check "create with a bearer token" 201 -H "Authorization: Bearer $token" -H 'content-type: application/json' \
  -d @docs/samples/report.json "$gw/v1/reports"
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$log/last.body")
check "create without a token" 401 -H 'content-type: application/json' -d @docs/samples/report.json "$gw/v1/reports"
check "read own report with the token (full view)" 200 -H "Authorization: Bearer $token" "$gw/v1/reports/$id"
grep -q '"submittedBy":"e2e-alice"' "$log/last.body" || { echo "gateway: the owner's read is not the full view"; exit 1; }
check "read as the public (redacted view)" 200 "$gw/v1/reports/$id"
if grep -q submittedBy "$log/last.body"; then echo "gateway: the public view shows the submitter"; exit 1; fi
check "read with a forged token" 401 -H "Authorization: Bearer ${token}x" "$gw/v1/reports/$id"
check "CORS preflight" 204 -X OPTIONS -H 'Origin: https://newsroom.example' -H 'Access-Control-Request-Method: PUT' "$gw/v1/reports/$id"
grep -qi '^access-control-allow-origin: https://newsroom.example' "$log/last.headers" || { echo "gateway: no CORS allow-origin"; exit 1; }
# Node's HTTP parser is strict about framing headers: every response, large ones too, must parse.
node -e '
  const [gw, fn] = process.argv.slice(1);
  const urls = [`${gw}/v1/reports?country=SYR&limit=500`, `${fn}/v1/reports?country=SYR&limit=500`, `${gw}/v1/changes?since=1970-01-01T00:00:00Z&limit=1000`];
  Promise.all(urls.map(async (u) => { const r = await fetch(u); const b = await r.text(); if (r.status !== 200) throw new Error(`${u}: ${r.status}`); return `${u}: ${b.length} bytes`; }))
    .then((l) => console.log(`node client: ${l.join("; ")}`), (e) => { console.error(`node client: ${e.cause?.code ?? ""} ${e.message}`); process.exit(1); });
' "$gw" http://127.0.0.1:4002

# The Java client generated from docs/openapi.yaml (functions/client-e2e) walks the demo through
# the gateway: submit, correct with If-Match, search with paging, the change feed, figures.
LEDGER_API=$gw LEDGER_AGGREGATE_URL=http://localhost:4003 \
LEDGER_REPORTER_TOKEN=$(ROLE=reporter SUB=e2e-client node infra/local/token.mjs) \
  "$MVN39" -B -q -f functions/client-e2e/pom.xml verify -Pscenario \
  || { echo "generated client: the scenario failed (functions/client-e2e/target/failsafe-reports)"; exit 1; }
echo "generated client: the demo scenario passed"
