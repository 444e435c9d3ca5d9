// docs/openapi.yaml and infra/template.yaml name the same routes (issue 14): a route API Gateway
// serves but the document lacks, or a documented route nothing serves, fails here. The functions'
// own tests compare each function's JAX-RS resources with the document (RoutesMatchDocumentTest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadTemplate } from './gateway.mjs';
import { ROOT } from './issuer.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

function documentRoutes(doc) {
  const out = new Map();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const m of METHODS) {
      if (item[m]) out.set(`${m.toUpperCase()} ${path}`, item[m].security ?? doc.security ?? []);
    }
  }
  return out;
}

const doc = parse(readFileSync(join(ROOT, 'docs', 'openapi.yaml'), 'utf8'));

test('the template serves exactly the routes the document has', () => {
  const served = loadTemplate().routes.map((r) => `${r.method} ${r.path}`).sort();
  const documented = [...documentRoutes(doc).keys()].sort();
  assert.deepEqual(served.filter((r) => !documented.includes(r)), [], 'served but not in docs/openapi.yaml');
  assert.deepEqual(documented.filter((r) => !served.includes(r)), [], 'in docs/openapi.yaml but not in infra/template.yaml');
  assert.equal(new Set(served).size, served.length, 'a route is mapped twice in the template');
});

test('a route with the JWT authorizer requires the bearer scheme; one without it lets anyone call', () => {
  const security = documentRoutes(doc);
  for (const r of loadTemplate().routes) {
    const s = security.get(`${r.method} ${r.path}`);
    const anonymous = s.some((req) => Object.keys(req).length === 0);
    const bearer = s.some((req) => 'bearer' in req);
    assert.ok(bearer, `${r.method} ${r.path}: the document names no bearer scheme`);
    assert.equal(anonymous, r.authorizer === null, `${r.method} ${r.path}: authorizer ${r.authorizer} vs document security ${JSON.stringify(s)}`);
  }
});

test('the check fails on a route the document lacks', () => {
  const trimmed = structuredClone(doc);
  delete trimmed.paths['/v1/changes'];
  const documented = [...documentRoutes(trimmed).keys()];
  const missing = loadTemplate().routes.map((r) => `${r.method} ${r.path}`).filter((r) => !documented.includes(r));
  assert.deepEqual(missing, ['GET /v1/changes']);
});
