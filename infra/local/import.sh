#!/usr/bin/env bash
# make import FILE=... FORMAT=acled|acled-deletions|ucdp-ged|hxl [ROLE=reporter SUB=importer]
# The whole import flow against make run's gateway (docs/imports.md): a token, POST /v1/imports,
# PUT the file to the presigned uploadUrl, then GET /v1/imports/{id} until it is done or failed.
set -euo pipefail
cd "$(dirname "$0")/../.."
FILE=${FILE:?usage: make import FILE=path/to/file.csv FORMAT=acled|acled-deletions|ucdp-ged|hxl}
FORMAT=${FORMAT:?usage: make import FILE=path/to/file.csv FORMAT=acled|acled-deletions|ucdp-ged|hxl}
API=${API:-http://localhost:3000}
[ -f "$FILE" ] || { echo "no such file: $FILE" >&2; exit 2; }
TOKEN=$(ROLE="${ROLE:-reporter}" SUB="${SUB:-importer}" node infra/local/token.mjs)
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(d$1)"; }

body=$(python3 -c 'import json,sys; print(json.dumps({"format": sys.argv[1], "filename": sys.argv[2].split("/")[-1]}))' "$FORMAT" "$FILE")
created=$(curl -sS -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d "$body" "$API/v1/imports")
id=$(json "['id']" <<<"$created" 2>/dev/null) || { echo "POST /v1/imports failed: $created" >&2; exit 1; }
url=$(json "['uploadUrl']" <<<"$created")
echo "import $id: uploading $FILE"
curl -sS -f -o /dev/null -X PUT -T "$FILE" "$url"
for _ in $(seq 1 600); do
  state=$(curl -sS -H "Authorization: Bearer $TOKEN" "$API/v1/imports/$id")
  status=$(json "['status']" <<<"$state")
  case "$status" in
    done|failed) break ;;
  esac
  sleep 1
done
python3 - "$state" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
print(f"import {d['id']} ({d['format']}, {d['filename']}): {d['status']}")
print("  rows {rows}  created {created}  corrected {corrected}  unchanged {unchanged}  retracted {retracted}  rejected {rejected}  warnings {warnings}".format(**d))
for e in d["errors"][:20]:
    print(f"  row {e['row']} {e['field']}: {e['message']}")
if len(d["errors"]) > 20:
    print(f"  ... {len(d['errors']) - 20} more errors (GET /v1/imports/{d['id']})")
for w in d.get("warningList", [])[:20]:
    print(f"  warning, row {w['row']}: {w['message']}")
if len(d.get("warningList", [])) > 20:
    print(f"  ... {len(d['warningList']) - 20} more warnings listed (GET /v1/imports/{d['id']})")
sys.exit(0 if d["status"] == "done" else 1)
PY
