// A Qlik tenant over TLS for the cold-burst benchmark: HTTP/2 with HTTP/1.1 fallback (ALPN), as Qlik Cloud.
//   node fake-tls-tenant.mjs <port> <latency-ms> <cert.pem> <key.pem>
// Answers POST /oauth/token after the latency as qlik.dev documents, the RFC 8414 metadata, and GET /stats:
// token requests served, the most in flight at once, and which HTTP versions were used.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http2 from 'node:http2';

const [port, latencyMs, cert, key] = process.argv.slice(2);
let tokenRequests = 0;
let inFlight = 0;
let maxInFlight = 0;
const versions = {};

const json = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

http2.createSecureServer({ cert: fs.readFileSync(cert), key: fs.readFileSync(key), allowHTTP1: true }, (req, res) => {
  versions[req.httpVersion] = (versions[req.httpVersion] || 0) + 1;
  if (req.url === '/stats') return json(res, 200, { tokenRequests, maxInFlight, versions });
  if (req.url === '/.well-known/oauth-authorization-server') {
    return json(res, 200, { issuer: `https://127.0.0.1:${port}`, token_endpoint: `https://127.0.0.1:${port}/oauth/token` });
  }
  if (req.method === 'POST' && req.url === '/oauth/token') {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      tokenRequests++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const value = JSON.parse(body).user_lookup.value;
      setTimeout(() => {
        inFlight--;
        json(res, 200, { access_token: `burst-${value}-${crypto.randomUUID()}`, token_type: 'bearer',
          expires_in: 21600, expires_at: new Date(Date.now() + 21600e3).toISOString(), scope: 'user_default' });
      }, Number(latencyMs));
    });
    return undefined;
  }
  return json(res, 404, { errors: [{ code: 'HTTP-404', title: 'Not Found', status: '404' }] });
}).listen(Number(port), '127.0.0.1');
