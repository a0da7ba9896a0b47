// Sends one POST /access-token per bearer token in <tokens-file>, all at once, and prints how many got 200 and
// the latency percentiles: the first visit of many users to a freshly started broker.
//   node burst-client.mjs <broker-url> <tokens-file>
import fs from 'node:fs';

const [broker, tokensFile] = process.argv.slice(2);
const tokens = fs.readFileSync(tokensFile, 'utf8').split('\n').filter(Boolean);
const started = performance.now();
const results = await Promise.all(tokens.map(async (token) => {
  const t0 = performance.now();
  try {
    const response = await fetch(`${broker}/access-token`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    await response.text();
    return { status: response.status, ms: performance.now() - t0 };
  } catch {
    return { status: 0, ms: performance.now() - t0 };
  }
}));
const ms = results.map((r) => r.ms).sort((a, b) => a - b);
const pick = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))].toFixed(0);
const statuses = {};
results.forEach((r) => { statuses[r.status] = (statuses[r.status] || 0) + 1; });
console.log(`ok=${statuses[200] || 0}/${results.length} p50_ms=${pick(0.5)} p99_ms=${pick(0.99)} `
  + `all_done_ms=${(performance.now() - started).toFixed(0)} statuses=${JSON.stringify(statuses)}`);
