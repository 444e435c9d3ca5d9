#!/usr/bin/env bash
# End to end through the four functions' Lambda handlers: its own moto_server on a free port,
# submit/lookup/aggregate/import in Quarkus dev mode on :4001-:4004, the demo data set with assertions,
# the gateway's checks, the sample imports through `make import`'s flow, and the generated client.
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
# S3 on the same moto_server for the import function's uploads bucket, as make run has it.
export AWS_ENDPOINT_URL_S3="http://127.0.0.1:$moto_port" LEDGER_UPLOADS_BUCKET=ledger-e2e-uploads
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local

# The local issuer, as make run uses it: lookup verifies read tokens against its keys.
node -e "import('./infra/local/issuer.mjs').then((m) => m.keys())"
export MP_JWT_VERIFY_ISSUER=http://localhost:3000/local-issuer MP_JWT_VERIFY_AUDIENCES=conflict-ledger-local
export MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$PWD/.run/issuer/jwks.json"

declare -A port=([submit]=4001 [lookup]=4002 [aggregate]=4003 [import]=4004)
for fn in submit lookup aggregate import; do
  setsid "$MVN39" -B -f "functions/$fn/pom.xml" quarkus:dev -Ddebug=false -Dquarkus.console.enabled=false \
    -Dquarkus.lambda.mock-event-server.dev-port="${port[$fn]}" \
    -Dledger.table=ledger-e2e \
    >"$log/$fn.log" 2>&1 &
  pids+=($!)
done
for fn in submit lookup aggregate import; do
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
GATEWAY_PORT=$gw_port GATEWAY_TARGETS=SubmitFunction=4001,LookupFunction=4002,ImportFunction=4004 PARAM_CorsAllowOrigins=https://newsroom.example \
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

# Issue 16's "done when", through the gateway exactly as `make import` runs it (docs/imports.md):
# each sample imports, imports again with every row unchanged (nothing written), and the ACLED
# deletions file retracts what it names, once.
import_counts() { # file format -> "rows created corrected unchanged retracted rejected"
  API=$gw FILE=$1 FORMAT=$2 SUB=e2e-importer infra/local/import.sh >"$log/import.out" 2>&1 \
    || { echo "import: $1 did not finish"; cat "$log/import.out"; exit 1; }
  sed -n 's/^  rows \([0-9]*\)  created \([0-9]*\)  corrected \([0-9]*\)  unchanged \([0-9]*\)  retracted \([0-9]*\)  rejected \([0-9]*\).*/\1 \2 \3 \4 \5 \6/p' "$log/import.out"
}
for sample in acled-syria.csv:acled ucdp-ged-syria.csv:ucdp-ged hxl-export.csv:hxl; do
  file=docs/samples/imports/${sample%%:*} format=${sample##*:}
  read -r rows created corrected unchanged retracted rejected <<<"$(import_counts "$file" "$format")"
  [ "${created:-0}" -gt 0 ] && [ "$corrected" -eq 0 ] \
    || { echo "import: $file: expected new reports, got $(cat "$log/import.out")"; exit 1; }
  read -r rows2 created2 corrected2 unchanged2 retracted2 rejected2 <<<"$(import_counts "$file" "$format")"
  [ "$rows2" -eq "$rows" ] && [ $((created2 + corrected2 + retracted2)) -eq 0 ] && [ $((unchanged2 + rejected2)) -eq "$rows" ] \
    || { echo "import: $file again: expected every row unchanged and nothing written, got $(cat "$log/import.out")"; exit 1; }
  echo "import: $file: $created created, $rejected rejected; again: $unchanged2 unchanged, nothing written"
done
read -r rows created corrected unchanged retracted rejected <<<"$(import_counts docs/samples/imports/acled-deletions.csv acled-deletions)"
[ "$retracted" -eq "$rows" ] || { echo "import: deletions: expected $rows retracted, got $(cat "$log/import.out")"; exit 1; }
read -r rows created corrected unchanged retracted rejected <<<"$(import_counts docs/samples/imports/acled-deletions.csv acled-deletions)"
[ "$retracted" -eq 0 ] && [ "$unchanged" -eq "$rows" ] || { echo "import: deletions again retracted more: $(cat "$log/import.out")"; exit 1; }
echo "import: the ACLED deletions file retracted $rows reports; again: nothing more"

# The Java client generated from docs/openapi.yaml (functions/client-e2e) walks the demo through
# the gateway: submit, correct with If-Match, search with paging, the change feed, figures.
LEDGER_API=$gw LEDGER_AGGREGATE_URL=http://localhost:4003 \
LEDGER_REPORTER_TOKEN=$(ROLE=reporter SUB=e2e-client node infra/local/token.mjs) \
  "$MVN39" -B -q -f functions/client-e2e/pom.xml verify -Pscenario \
  || { echo "generated client: the scenario failed (functions/client-e2e/target/failsafe-reports)"; exit 1; }
echo "generated client: the demo scenario passed"
