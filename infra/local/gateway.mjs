// The local gateway of `make run` (docs/local.md): what the HTTP API does in AWS, in front of the
// functions' mock event servers.
// - Routes come from infra/template.yaml (each function's HttpApi events), never from a list here.
// - On routes with the JWT authorizer it verifies the bearer token as API Gateway does (signature
//   against the issuer's JWKS, iss, exp/nbf, aud or else client_id), answers 401 otherwise, and
//   puts the claims into the event as API Gateway does (every value a string, arrays as "[a b]").
// - Other routes pass Authorization through (the lookup function verifies it itself).
// - CORS from the HttpApi's CorsConfiguration, with its parameters' values from the environment.
// The raw event goes to the function's /_lambda_ endpoint and its raw response comes back.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { parse } from 'yaml';
import { AUDIENCE, ISSUER, keys, ROOT } from './issuer.mjs';

const PORT = Number.parseInt(process.env.GATEWAY_PORT ?? '3000', 10);
// Which local port serves which function of the template (make run starts them).
const TARGETS = Object.fromEntries((process.env.GATEWAY_TARGETS ?? 'SubmitFunction=3001,LookupFunction=3002,ImportFunction=3004')
  .split(',').map((t) => t.split('=')).map(([fn, port]) => [fn, Number.parseInt(port, 10)]));
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'content-length']);

export function loadTemplate(file = join(ROOT, 'infra', 'template.yaml')) {
  const t = parse(readFileSync(file, 'utf8'));
  const api = Object.values(t.Resources).find((r) => r.Type === 'AWS::Serverless::HttpApi');
  const defaultAuthorizer = api?.Properties?.Auth?.DefaultAuthorizer ?? null;
  const routes = [];
  for (const [name, r] of Object.entries(t.Resources)) {
    if (r.Type !== 'AWS::Serverless::Function') continue;
    for (const e of Object.values(r.Properties?.Events ?? {})) {
      if (e.Type !== 'HttpApi') continue;
      const { Path: path, Method: method } = e.Properties;
      const authorizer = e.Properties.Auth?.Authorizer ?? defaultAuthorizer;
      routes.push({
        fn: name, method: method.toUpperCase(), path,
        authorizer: authorizer === 'NONE' ? null : authorizer,
        // /v1/reports/{id} -> ^/v1/reports/(?<id>[^/]+)$
        pattern: new RegExp(`^${path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
      });
    }
  }
  const ctx = { params: t.Parameters ?? {}, conditions: t.Conditions ?? {} };
  return { routes, cors: corsOf(resolve(api?.Properties?.CorsConfiguration, ctx), ctx) };
}

// The few intrinsics the API's CORS block uses. A parameter's value comes from the environment
// (PARAM_<Name>, as make run sets it) or its default.
function resolve(v, ctx) {
  if (Array.isArray(v)) return v.map((x) => resolve(x, ctx));
  if (!v || typeof v !== 'object') return v;
  if ('Ref' in v) {
    if (v.Ref === 'AWS::NoValue') return undefined;
    const p = ctx.params[v.Ref] ?? {};
    const value = process.env[`PARAM_${v.Ref}`] ?? p.Default ?? '';
    return p.Type === 'CommaDelimitedList' ? String(value).split(',').map((s) => s.trim()).filter(Boolean) : value;
  }
  if ('Fn::If' in v) {
    const [cond, yes, no] = v['Fn::If'];
    return resolve(condition(cond, ctx) ? yes : no, ctx);
  }
  if ('Fn::Split' in v) {
    const [sep, str] = v['Fn::Split'];
    return String(resolve(str, ctx)).split(sep);
  }
  if ('Fn::Join' in v) {
    const [sep, list] = v['Fn::Join'];
    return [].concat(resolve(list, ctx)).join(sep);
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x, ctx)]));
}

function condition(name, ctx) {
  const evalc = (c) => {
    if ('Fn::Not' in c) return !evalc(c['Fn::Not'][0]);
    if ('Fn::Equals' in c) {
      const [a, b] = c['Fn::Equals'].map((x) => resolve(x, ctx));
      return JSON.stringify(a) === JSON.stringify(b);
    }
    if ('Condition' in c) return condition(c.Condition, ctx);
    throw new Error(`condition not supported by the local gateway: ${JSON.stringify(c)}`);
  };
  return evalc(ctx.conditions[name]);
}

function corsOf(c, ctx) {
  if (!c) return null;
  const params = ctx;
  const list = (v) => [].concat(resolve(v ?? [], params)).filter(Boolean).map(String);
  return {
    origins: list(c.AllowOrigins), methods: list(c.AllowMethods).map((m) => m.toUpperCase()),
    headers: list(c.AllowHeaders).map((h) => h.toLowerCase()), expose: list(c.ExposeHeaders),
    maxAge: c.MaxAge === undefined ? null : Number(resolve(c.MaxAge, params)), credentials: resolve(c.AllowCredentials, params) === true,
  };
}

function allowedOrigin(cors, origin) {
  if (!cors || !origin) return null;
  if (cors.origins.includes('*')) return cors.credentials ? origin : '*';
  return cors.origins.includes(origin) ? origin : null;
}

// API Gateway's claims: strings; a JSON array becomes "[a b]".
function claimsForEvent(payload) {
  return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : typeof v === 'object' ? JSON.stringify(v) : String(v)]));
}

async function verify(header, jwks) {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return null;
  try {
    const { payload } = await jwtVerify(m[1], jwks, { issuer: ISSUER, algorithms: ['RS256'] });
    const aud = payload.aud === undefined ? [] : [].concat(payload.aud);
    // The HTTP API authorizer: aud must name a configured audience; a token without aud, its client_id.
    const ok = aud.length > 0 ? aud.includes(AUDIENCE) : payload.client_id === AUDIENCE;
    return ok ? payload : null;
  } catch (e) {
    if (process.env.GATEWAY_DEBUG) console.error('token rejected:', e.code ?? e.message);
    return null;
  }
}

function send(res, status, headers, body) {
  res.writeHead(status, headers);
  res.end(body);
}

export async function start({ port = PORT, template = loadTemplate(), targets = TARGETS } = {}) {
  const jwks = createLocalJWKSet((await keys()).jwks);
  const { routes, cors } = template;
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      const origin = req.headers.origin;
      const allow = allowedOrigin(cors, origin);
      if (url.pathname === '/local-issuer/.well-known/jwks.json') {
        return send(res, 200, { 'content-type': 'application/json' }, JSON.stringify((await keys()).jwks));
      }
      // Preflight: answered by the gateway itself when CORS is configured, as the HTTP API does.
      if (cors && req.method === 'OPTIONS' && origin && req.headers['access-control-request-method']) {
        const h = { vary: 'Origin' };
        const wanted = String(req.headers['access-control-request-method']).toUpperCase();
        if (allow && (cors.methods.includes('*') || cors.methods.includes(wanted))) {
          h['access-control-allow-origin'] = allow;
          h['access-control-allow-methods'] = cors.methods.join(',');
          if (cors.headers.length) h['access-control-allow-headers'] = cors.headers.join(',');
          if (cors.maxAge !== null) h['access-control-max-age'] = String(cors.maxAge);
          if (cors.credentials) h['access-control-allow-credentials'] = 'true';
        }
        return send(res, 204, h, '');
      }
      const corsHeaders = allow ? {
        'access-control-allow-origin': allow,
        ...(cors.expose.length ? { 'access-control-expose-headers': cors.expose.join(',') } : {}),
        ...(cors.credentials ? { 'access-control-allow-credentials': 'true' } : {}),
      } : {};
      const route = routes.find((r) => r.method === req.method && r.pattern.test(url.pathname));
      if (!route) {
        return send(res, 404, { 'content-type': 'application/json', ...corsHeaders }, '{"message":"Not Found"}');
      }
      let claims = null;
      if (route.authorizer) {
        claims = await verify(req.headers.authorization, jwks);
        if (!claims) {
          return send(res, 401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer', ...corsHeaders }, '{"message":"Unauthorized"}');
        }
      }
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const body = Buffer.concat(chunks);
      const type = String(req.headers['content-type'] ?? '');
      const text = body.length === 0 || /^text\/|json|xml|csv|x-www-form-urlencoded/i.test(type);
      const headers = {};
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const k = req.rawHeaders[i].toLowerCase();
        headers[k] = headers[k] === undefined ? req.rawHeaders[i + 1] : `${headers[k]},${req.rawHeaders[i + 1]}`;
      }
      const query = {};
      for (const [k, v] of url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
      const now = new Date();
      const routeKey = `${route.method} ${route.path}`;
      const event = {
        version: '2.0', routeKey, rawPath: url.pathname, rawQueryString: url.search.slice(1),
        headers, ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
        ...(route.pattern.exec(url.pathname).groups ? { pathParameters: { ...route.pattern.exec(url.pathname).groups } } : {}),
        requestContext: {
          accountId: '000000000000', apiId: 'local', domainName: headers.host ?? 'localhost', domainPrefix: 'localhost',
          http: { method: route.method, path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress, userAgent: headers['user-agent'] ?? '' },
          requestId: randomUUID(), routeKey, stage: '$default', time: now.toUTCString(), timeEpoch: now.getTime(),
          ...(claims ? { authorizer: { jwt: { claims: claimsForEvent(claims), scopes: null } } } : {}),
        },
        ...(body.length ? { body: text ? body.toString('utf8') : body.toString('base64'), isBase64Encoded: !text } : { isBase64Encoded: false }),
      };
      const target = targets[route.fn];
      if (!target) {
        return send(res, 502, { 'content-type': 'application/json' }, `{"message":"no local target for ${route.fn}"}`);
      }
      const reply = await fetch(`http://127.0.0.1:${target}/_lambda_`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
      if (!reply.ok) {
        return send(res, 502, { 'content-type': 'application/json', ...corsHeaders }, '{"message":"Internal Server Error"}');
      }
      const out = await reply.json();
      const h = {};
      for (const [k, v] of Object.entries(out.headers ?? {})) {
        if (!HOP_BY_HOP.has(k.toLowerCase()) && v !== '') h[k.toLowerCase()] = v;
      }
      for (const [k, vs] of Object.entries(out.multiValueHeaders ?? {})) {
        if (!HOP_BY_HOP.has(k.toLowerCase()) && !(k.toLowerCase() in h)) h[k.toLowerCase()] = vs.join(',');
      }
      if (out.cookies?.length) h['set-cookie'] = out.cookies;
      Object.assign(h, corsHeaders);
      const payload = out.body === undefined || out.body === null ? Buffer.alloc(0) : Buffer.from(out.body, out.isBase64Encoded ? 'base64' : 'utf8');
      h['content-length'] = String(payload.length);
      return send(res, out.statusCode ?? 200, h, payload);
    } catch (e) {
      console.error('gateway:', e);
      if (!res.headersSent) send(res, 502, { 'content-type': 'application/json' }, '{"message":"Internal Server Error"}');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  return server;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const t = loadTemplate();
  await start({ template: t });
  console.log(`gateway on :${PORT}: ${t.routes.length} routes from infra/template.yaml; issuer ${ISSUER}, audience ${AUDIENCE}`);
}
