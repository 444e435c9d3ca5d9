// make token ROLE=reporter [SUB=alice] [TTL=3600] [ACCESS=1]: prints a bearer token of the local
// issuer (infra/local/issuer.mjs) that the local gateway and the lookup function accept.
import { token } from './issuer.mjs';

const roles = (process.env.ROLE || 'reporter').split(/[ ,]+/).filter(Boolean);
const allowed = new Set(['reporter', 'editor', 'analyst']);
for (const r of roles) {
  if (!allowed.has(r)) {
    console.error(`ROLE must be reporter, editor or analyst (several: ROLE="reporter editor"), not ${r}`);
    process.exit(2);
  }
}
const sub = process.env.SUB || `local-${roles[0] ?? 'public'}`;
const ttl = Number.parseInt(process.env.TTL ?? '3600', 10);
process.stdout.write(`${await token({ sub, roles, ttlSeconds: ttl, clientId: process.env.ACCESS === '1' })}\n`);
