# Conflict Ledger — the commands a newcomer needs. `make help` lists them.
SHELL := /bin/bash
MVN ?= mvn -B
MAVEN39_VERSION := 3.9.16
MAVEN39 := .tools/apache-maven-$(MAVEN39_VERSION)/bin/mvn
FUNCTIONS := submit lookup aggregate import

.PHONY: help run test import deployed-test e2e lint guard openapi-lint token gateway-test package build tools aggregate demo deploy sam-api invoke clean bench

help:
	@echo "make run        the whole API locally: submit :3001, lookup :3002, aggregate :3003, import :3004, DynamoDB and S3 :8000"
	@echo "make test       every test (unit, function tests against moto_server, event replays, template lint)"
	@echo "make deployed-test  only the deployed-shape tests: each function.zip under the Lambda runtime client"
	@echo "make e2e        the demo data set, the gateway checks, the sample imports and the generated client, through the four running functions"
	@echo "make token      a bearer token of the local issuer: make -s token ROLE=reporter [SUB=alice]"
	@echo "make lint       cfn-lint and make guard on infra/template.yaml; Redocly and Spectral on docs/openapi.yaml"
	@echo "make guard      cfn-guard with the AWS Control Tower rules on the expanded template (npm ci in infra/guard)"
	@echo "make package    build each function's target/function.zip"
	@echo "make aggregate  trigger one aggregation run on the local aggregate function"
	@echo "make import FILE=... FORMAT=acled|acled-deletions|ucdp-ged|hxl  a whole import through make run (docs/imports.md)"
	@echo "make bench      benchmarks (not part of make test): bench/results/latest.json, docs/performance.md"
	@echo "make demo       load the Aleppo demo data set, aggregate, print the reconciled figures"
	@echo "make deploy     sam build + sam deploy (guided without infra/samconfig.toml)"
	@echo "make sam-api | make invoke FN=submit EVENT=events/submit/...  (need Docker and SAM CLI)"

# quarkus:dev needs Maven 3.9+: the installed Maven fetches it from Maven Central as an artifact.
$(MAVEN39):
	@mkdir -p .tools
	$(MVN) -q -N dependency:copy -Dartifact=org.apache.maven:apache-maven:$(MAVEN39_VERSION):tar.gz:bin -DoutputDirectory=.tools
	tar -xzf .tools/apache-maven-$(MAVEN39_VERSION)-bin.tar.gz -C .tools

# The npm linters, pinned in package-lock.json (installed again only when the lock changes).
node_modules/.installed: package-lock.json
	@# To stderr: `$$(make -s token)` must print the token alone, even on a first run.
	npm ci --no-audit --no-fund >&2
	@touch $@

tools: $(MAVEN39) node_modules/.installed
	@command -v moto_server >/dev/null || { echo "moto_server not found: pip install 'moto[server]'"; exit 1; }

run: tools
	MVN39=$(MAVEN39) infra/local/run.sh

test: tools lint gateway-test
	$(MVN) install
	@# The benchmark harness is not run here (it measures, it does not test), but it must keep compiling against the store.
	$(MVN) -q -f bench/pom.xml -pl harness compile
	$(MAKE) e2e

# The local gateway of make run (infra/local/gateway.mjs), against a stand-in function.
gateway-test: node_modules/.installed
	node --test infra/local/

# A bearer token of the local issuer: make token ROLE=reporter|editor|analyst [SUB=alice] [ACCESS=1]
token: node_modules/.installed
	@ROLE="$(ROLE)" SUB="$(SUB)" ACCESS="$(ACCESS)" node infra/local/token.mjs

# The deployed-shape layer alone (functions/deployed-test, also part of make test): packages the
# functions, then runs each function.zip under the Lambda runtime interface client.
deployed-test: tools
	$(MVN) -q install -DskipTests -pl functions/domain,functions/store-dynamodb,functions/test-support,functions/lambda,functions/lambda-http,functions/submit,functions/aggregate,functions/lookup,functions/import
	$(MVN) install -pl functions/deployed-test

# Submit -> aggregate -> lookup through the three running functions (after the build above).
e2e: tools
	MVN39=$(MAVEN39) infra/local/e2e.sh

lint: openapi-lint
	cfn-lint infra/template.yaml
	$(MAKE) guard

# cfn-guard and the Control Tower proactive-control rules come from an npm package pinned in
# infra/guard/package-lock.json; check.py expands the SAM transform (samtranslator, installed with
# cfn-lint) and applies the template's Metadata.guard.SuppressedRules (docs/deploy.md).
GUARD_INSTALLED := infra/guard/node_modules/.package-lock.json
$(GUARD_INSTALLED): infra/guard/package-lock.json
	cd infra/guard && npm ci --no-audit --no-fund >&2

guard: $(GUARD_INSTALLED)
	python3 infra/guard/check.py infra/template.yaml

# docs/openapi.yaml is the contract: both linters must report no error and no warning.
openapi-lint: node_modules/.installed
	@# Redocly exits 0 on warnings: its summary line decides.
	@out=$$(REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npx --no-install redocly lint --max-problems 50 docs/openapi.yaml 2>&1); \
	  echo "$$out"; ! grep -qiE "[0-9]+ (warning|error)s?\.?$$" <<<"$$out"
	npx --no-install spectral lint --fail-severity=warn -r .spectral.yaml docs/openapi.yaml

build package:
	$(MVN) -q package -DskipTests

# Benchmarks of the packaged functions (bench/, not a module of the root pom; see docs/performance.md).
# Sizes: BENCH_ITERATIONS, BENCH_WARMUP, BENCH_COLD_RUNS, BENCH_FIXTURE, BENCH_SIZES, BENCH_NEW_REPORTS, BENCH_PHASES,
# BENCH_IMPORT_ROWS, BENCH_IMPORT_PHASES (docs/performance.md, "How it measures").
bench: tools
	$(MVN) -q install -DskipTests
	$(MVN) -q -f bench/pom.xml package -DskipTests
	java -cp "bench/harness/target/harness.jar:bench/harness/target/lib/*" org.conflictledger.bench.Bench

# POST /v1/imports, PUT the file to the upload URL, poll until done (against make run; docs/imports.md).
import: node_modules/.installed
	@FILE="$(FILE)" FORMAT="$(FORMAT)" ROLE="$(ROLE)" SUB="$(SUB)" infra/local/import.sh

aggregate:
	@curl -sS -X POST localhost:3003 -H 'content-type: application/json' -d @events/aggregate/scheduled.ok.json; echo

demo:
	infra/local/demo.sh

SAM_LOCAL_PARAMS ?= JwtIssuer=https://issuer.invalid JwtAudience=local JwtJwksUri=https://issuer.invalid/.well-known/jwks.json
FN_ID = $(if $(filter submit,$(FN)),SubmitFunction,$(if $(filter lookup,$(FN)),LookupFunction,$(if $(filter aggregate,$(FN)),AggregateFunction,$(FN))))

deploy: package
	cd infra && sam build && \
	sam deploy $(if $(wildcard infra/samconfig.toml),,--guided) $(if $(PARAMS),--parameter-overrides $(PARAMS))

sam-api: package
	cd infra && sam local start-api --port 3000 --parameter-overrides $(SAM_LOCAL_PARAMS)

invoke:
	@test -n "$(FN)" -a -n "$(EVENT)" || { echo "usage: make invoke FN=submit|lookup|aggregate EVENT=events/<fn>/<file>.json"; exit 2; }
	cd infra && sam local invoke $(FN_ID) -e $(abspath $(EVENT)) --parameter-overrides $(SAM_LOCAL_PARAMS)

clean:
	$(MVN) -q clean
	rm -rf .run
