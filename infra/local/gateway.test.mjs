// node --test infra/local: the local gateway against a stand-in function that echoes the event it
// got, so each assertion is about what the gateway put into the event or sent back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { SignJWT, generateKeyPair } from 'jose';
import { start, loadTemplate } from './gateway.mjs';
import { AUDIENCE, ISSUER, token } from './issuer.mjs';

let fn;
let gw;
let base;

before(async () => {
  fn = createServer(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    const e = JSON.parse(body);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({
      statusCode: 200,
      // What the Quarkus bridge sends for large bodies (docs/reliability.md): never passed on.
      headers: { 'content-type': 'application/json', 'transfer-encoding': '', connection: 'keep-alive', etag: '"1"' },
      body: JSON.stringify({ routeKey: e.routeKey, pathParameters: e.pathParameters ?? null, query: e.queryStringParameters ?? null,
        claims: e.requestContext.authorizer?.jwt?.claims ?? null, authorization: e.headers.authorization ?? null, body: e.body ?? null,
        isBase64Encoded: e.isBase64Encoded }),
      isBase64Encoded: false,
    }));
  });
  await new Promise((ok) => fn.listen(0, '127.0.0.1', ok));
  const template = loadTemplate();
  template.cors = { origins: ['https://newsroom.example'], methods: ['GET', 'POST'], headers: ['authorization', 'content-type'], expose: ['ETag', 'X-Next-Cursor'], maxAge: 600, credentials: false };
  process.env.GATEWAY_TARGETS = '';
  gw = await start({ port: 0, template, targets: { SubmitFunction: fn.address().port, LookupFunction: fn.address().port } });
  base = `http://127.0.0.1:${gw.address().port}`;
});

after(() => {
  gw?.close();
  fn?.close();
});

test('routes come from the template, with path parameters', () => {
  const { routes } = loadTemplate();
  const keys = routes.map((r) => `${r.method} ${r.path}`);
  assert.ok(keys.includes('POST /v1/reports'));
  assert.ok(keys.includes('GET /v1/reports/{id}/revisions'));
  assert.equal(routes.find((r) => r.method === 'GET' && r.path === '/v1/reports').authorizer, null);
  assert.equal(routes.find((r) => r.method === 'POST' && r.path === '/v1/reports').authorizer, 'LedgerJwt');
});

test('a write with a valid token reaches the function with the claims as API Gateway puts them', async () => {
  const t = await token({ sub: 'alice', roles: ['reporter', 'editor'] });
  const r = await fetch(`${base}/v1/reports/01JDQ3Y9ZK8X6V4T2R0P8N6M4K/review`, { method: 'POST', headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' }, body: '{"status":"accepted"}' });
  assert.equal(r.status, 200);
  const e = await r.json();
  assert.equal(e.routeKey, 'POST /v1/reports/{id}/review');
  assert.deepEqual(e.pathParameters, { id: '01JDQ3Y9ZK8X6V4T2R0P8N6M4K' });
  assert.equal(e.claims.sub, 'alice');
  assert.equal(e.claims['cognito:groups'], '[reporter editor]');
  assert.equal(typeof e.claims.exp, 'string');
  assert.equal(e.body, '{"status":"accepted"}');
  assert.equal(r.headers.get('transfer-encoding'), null);
  assert.equal(r.headers.get('etag'), '"1"');
});

test('an access token without aud is accepted by its client_id', async () => {
  const t = await token({ sub: 'bob', roles: ['editor'], clientId: true });
  const r = await fetch(`${base}/v1/reports`, { method: 'POST', headers: { authorization: `Bearer ${t}` }, body: '{}' });
  assert.equal(r.status, 200);
  assert.equal((await r.json()).claims.client_id, AUDIENCE);
});

test('writes without a valid token are 401 before the function', async () => {
  const { privateKey } = await generateKeyPair('RS256');
  const foreign = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'local-1' }).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject('x').setExpirationTime('1h').sign(privateKey);
  const expired = await token({ sub: 'alice', roles: ['reporter'], ttlSeconds: -60 });
  for (const auth of [undefined, 'Basic abc', `Bearer ${foreign}`, `Bearer ${expired}`]) {
    const r = await fetch(`${base}/v1/reports`, { method: 'POST', headers: auth ? { authorization: auth } : {}, body: '{}' });
    assert.equal(r.status, 401, String(auth));
    assert.deepEqual(await r.json(), { message: 'Unauthorized' });
  }
});

test('reads pass Authorization through unverified, and the query as API Gateway joins it', async () => {
  const r = await fetch(`${base}/v1/reports?country=SYR&status=accepted&status=disputed`, { headers: { authorization: 'Bearer anything' } });
  assert.equal(r.status, 200);
  const e = await r.json();
  assert.equal(e.claims, null);
  assert.equal(e.authorization, 'Bearer anything');
  assert.deepEqual(e.query, { country: 'SYR', status: 'accepted,disputed' });
});

test('an unknown route is 404 as the HTTP API answers it', async () => {
  const r = await fetch(`${base}/v2/reports`);
  assert.equal(r.status, 404);
  assert.deepEqual(await r.json(), { message: 'Not Found' });
});

test('CORS: preflight for an allowed origin, exposed headers on the response, nothing for others', async () => {
  const pre = await fetch(`${base}/v1/reports`, { method: 'OPTIONS', headers: { origin: 'https://newsroom.example', 'access-control-request-method': 'POST' } });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), 'https://newsroom.example');
  assert.match(pre.headers.get('access-control-allow-methods'), /POST/);
  const other = await fetch(`${base}/v1/reports`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
  assert.equal(other.headers.get('access-control-allow-origin'), null);
  const get = await fetch(`${base}/v1/reports?country=SYR`, { headers: { origin: 'https://newsroom.example' } });
  assert.equal(get.headers.get('access-control-allow-origin'), 'https://newsroom.example');
  assert.equal(get.headers.get('access-control-expose-headers'), 'ETag,X-Next-Cursor');
});

test('CORS comes from the template: none by default, the origins of CorsAllowOrigins when set', () => {
  delete process.env.PARAM_CorsAllowOrigins;
  assert.equal(loadTemplate().cors, null);
  process.env.PARAM_CorsAllowOrigins = 'https://a.example,https://b.example';
  try {
    const { cors } = loadTemplate();
    assert.deepEqual(cors.origins, ['https://a.example', 'https://b.example']);
    assert.ok(cors.expose.includes('X-Next-Cursor') && cors.expose.includes('ETag') && cors.expose.includes('Location') && cors.expose.includes('Retry-After'));
    assert.ok(cors.methods.includes('PUT'));
  } finally {
    delete process.env.PARAM_CorsAllowOrigins;
  }
});
