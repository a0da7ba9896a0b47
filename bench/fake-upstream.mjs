// Fake identity provider + fake Qlik tenant for the benchmark, on one loopback port.
//   node fake-upstream.mjs <port> <tenant-latency-ms> <tokens-file> <users> [one]
// Serves OIDC discovery and JWKS for a key generated at start, writes one RS256 bearer token per user to
// <tokens-file>, answers POST /qlik/oauth/token after the given latency as qlik.dev documents, and reports how
// many token requests it served at GET /stats (POST /stats/reset zeroes it).
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';

const [port, latencyMs, tokensFile, users, subjects] = process.argv.slice(2).map((v, i) => (i === 2 || i === 4 ? v : Number(v)));
const issuer = `http://127.0.0.1:${port}`;
const audience = 'bench-app';
const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'bench', alg: 'RS256', use: 'sig' };
const b64url = (data) => Buffer.from(data).toString('base64url');

function sign(claims) {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'bench' }));
  const body = b64url(JSON.stringify(claims));
  const signature = crypto.sign('sha256', Buffer.from(`${head}.${body}`), privateKey).toString('base64url');
  return `${head}.${body}.${signature}`;
}

const now = Math.floor(Date.now() / 1000);
const tokens = [];
for (let i = 0; i < users; i++) {
  // With "one" as fifth argument: every token for the same user, distinct by jti (a user minting many tokens).
  const sub = subjects === 'one' ? 'bench-user-0' : `bench-user-${i}`;
  tokens.push(sign({ iss: issuer, aud: audience, sub, iat: now, exp: now + 3600, jti: `t${i}` }));
}
fs.writeFileSync(tokensFile, tokens.join('\n') + '\n');

let tokenRequests = 0;
const json = (res, status, body) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};

http.createServer((req, res) => {
  if (req.url === '/.well-known/openid-configuration') {
    return json(res, 200, { issuer, jwks_uri: `${issuer}/jwks`, token_endpoint: `${issuer}/token`,
      authorization_endpoint: `${issuer}/authorize`, id_token_signing_alg_values_supported: ['RS256'] });
  }
  if (req.url === '/jwks') return json(res, 200, { keys: [jwk] });
  if (req.url === '/stats') return json(res, 200, { tokenRequests });
  if (req.url === '/stats/reset') { tokenRequests = 0; return json(res, 200, {}); }
  if (req.url === '/qlik/.well-known/oauth-authorization-server') {
    return json(res, 200, { issuer: `${issuer}/qlik`, token_endpoint: `${issuer}/qlik/oauth/token` });
  }
  if (req.method === 'POST' && req.url === '/qlik/oauth/token') {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      tokenRequests++;
      const value = JSON.parse(body).user_lookup.value;
      setTimeout(() => json(res, 200, { access_token: `bench-${value}-${crypto.randomUUID()}`, token_type: 'bearer',
        expires_in: 21600, expires_at: new Date(Date.now() + 21600e3).toISOString(), scope: 'user_default' }),
      latencyMs);
    });
    return undefined;
  }
  return json(res, 404, { errors: [{ code: 'HTTP-404', title: 'Not Found', status: '404' }] });
}).listen(port, '127.0.0.1', () => console.log(`fake upstream on ${issuer}, ${users} users, ${latencyMs} ms tenant`));
