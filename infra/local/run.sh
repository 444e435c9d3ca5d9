#!/usr/bin/env bash
# make run: moto_server on :8000, then every function in Quarkus dev mode behind its mock Lambda
# event server (submit :3001, lookup :3002, aggregate :3003, import :3004), and the local gateway on :3000 with
# every route of the template, the JWT authorizer and CORS (docs/local.md). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/../.."
MVN39=${MVN39:?run through make run}
mkdir -p .run
pids=()
stop() {
  for p in "${pids[@]}"; do kill -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

if curl -s -o /dev/null "http://127.0.0.1:8000/moto-api/"; then
  echo "DynamoDB (moto_server) already listening on :8000"
else
  setsid moto_server -H 127.0.0.1 -p 8000 >.run/moto.log 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:8000/moto-api/" && break; sleep 0.1; done
  echo "DynamoDB (moto_server) on :8000"
fi

# The functions find DynamoDB through the AWS SDK's standard settings, as in AWS (docs/deploy.md,
# "Configuration"): moto checks no signature, so any keys do.
export AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:8000 AWS_REGION=us-east-1
# S3 on the same moto_server: the import function's uploads bucket (it creates the bucket, and its
# dev-only poller turns new uploads into ObjectCreated events: docs/imports.md, "Local run").
export AWS_ENDPOINT_URL_S3=http://127.0.0.1:8000 LEDGER_UPLOADS_BUCKET=ledger-uploads
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local

# The local issuer's keys (made on first use): the gateway verifies write tokens with them, and the
# lookup function verifies read tokens against the same keys, as it does against Cognito in AWS.
node -e "import('./infra/local/issuer.mjs').then((m) => m.keys())"
export MP_JWT_VERIFY_ISSUER=http://localhost:3000/local-issuer MP_JWT_VERIFY_AUDIENCES=conflict-ledger-local
export MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$PWD/.run/issuer/jwks.json"

# The shared modules first (and aggregate, whose Aggregator the lookup tests use), so that each
# function's dev mode finds them.
"$MVN39" -B -q install -DskipTests -pl functions/test-support,functions/lambda-http,functions/aggregate -am

for fn in submit lookup aggregate import; do
  [ -d "functions/$fn" ] || continue
  # Tables are created by the functions on start (%dev.ledger.create-table=true).
  setsid "$MVN39" -B -f "functions/$fn/pom.xml" quarkus:dev -Ddebug=false -Dquarkus.console.enabled=false \
    >".run/$fn.log" 2>&1 &
  pids+=($!)
done

declare -A port=([submit]=3001 [lookup]=3002 [aggregate]=3003 [import]=3004)
for fn in submit lookup aggregate import; do
  [ -d "functions/$fn" ] || continue
  for _ in $(seq 1 600); do
    grep -q "Listening on\|started in" ".run/$fn.log" 2>/dev/null && break
    sleep 0.5
  done
  echo "$fn on :${port[$fn]} (log: .run/$fn.log)"
done
# CORS as the template configures it, with every origin allowed locally unless CORS_ORIGINS names some.
PARAM_CorsAllowOrigins="${CORS_ORIGINS:-*}" setsid node infra/local/gateway.mjs >.run/gateway.log 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do grep -q "gateway on" .run/gateway.log 2>/dev/null && break; sleep 0.1; done
cat .run/gateway.log
echo "Ready. Try:"
echo '  TOKEN=$(make -s token ROLE=reporter SUB=alice)'
echo '  curl -s -H "Authorization: Bearer $TOKEN" -H "content-type: application/json" -d @docs/samples/report.json localhost:3000/v1/reports'
echo "  make import FILE=docs/samples/imports/acled-syria.csv FORMAT=acled"
echo "Raw Lambda events: curl -s localhost:3001/_lambda_ -d @events/submit/post-report.reporter.201.json"
echo "Ctrl-C stops everything."
wait
