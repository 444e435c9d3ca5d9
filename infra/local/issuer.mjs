// The local token issuer: one RSA key pair per checkout (in .run/issuer, never committed), so that
// `make token` and the local gateway agree, and the lookup function (dev mode) can verify the same
// tokens through its mp.jwt.verify.* settings. Deployed, the issuer is Cognito or any OIDC provider
// (docs/deploy.md); nothing here runs in AWS.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIR = join(ROOT, '.run', 'issuer');
export const ISSUER = process.env.LEDGER_LOCAL_ISSUER ?? 'http://localhost:3000/local-issuer';
export const AUDIENCE = process.env.LEDGER_LOCAL_AUDIENCE ?? 'conflict-ledger-local';
const KID = 'local-1';

/** The key pair, made on first use; the first writer wins, so concurrent first uses agree. */
export async function keys() {
  const priv = join(DIR, 'private.jwk.json');
  if (!existsSync(priv)) {
    mkdirSync(DIR, { recursive: true });
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    try {
      writeFileSync(priv, JSON.stringify({ ...(await exportJWK(privateKey)), kid: KID, alg: 'RS256' }), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
  }
  const jwk = JSON.parse(readFileSync(priv, 'utf8'));
  const jwks = { keys: [{ kty: jwk.kty, n: jwk.n, e: jwk.e, kid: KID, alg: 'RS256', use: 'sig' }] };
  // The lookup function (dev mode) reads the public keys from this file (mp.jwt.verify.publickey.location).
  writeFileSync(join(DIR, 'jwks.json'), JSON.stringify(jwks));
  return { privateKey: await importJWK(jwk, 'RS256'), jwks };
}

/**
 * A token shaped like a Cognito ID token: sub, cognito:groups, aud. With clientId set it is shaped
 * like a Cognito access token instead (client_id and scope, no aud).
 */
export async function token({ sub, roles = [], ttlSeconds = 3600, clientId = false }) {
  const { privateKey } = await keys();
  const claims = clientId
    ? { client_id: AUDIENCE, scope: roles.join(' '), token_use: 'access' }
    : { 'cognito:groups': roles, token_use: 'id' };
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
    .setIssuer(ISSUER)
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds);
  if (!clientId) {
    jwt = jwt.setAudience(AUDIENCE);
  }
  return jwt.sign(privateKey);
}
