#!/usr/bin/env bash
# Memory held for verified bearer tokens: 10,000 distinct valid tokens of one user (a user who mints tokens as fast
# as the identity provider lets them), each presented once, against the native executable at the Dockerfile's flags
# and the jar at -Xmx64m. Baseline in the same run: the same process with the verified-bearer memory off.
#   bench/bearer-memory.sh [path/to/native-runner]      (env: BENCH_TOKENS=10000)
# Prints RSS at ready and after the tokens, per case, and the ratio memory-on / memory-off. The per-user rate limit
# is lifted so that every token is admitted and remembered: the worst case for the memory.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

runner=${1:-$(ls target/*-runner 2>/dev/null | head -n 1 || true)}
count=${BENCH_TOKENS:-10000}
work=target/bench
mkdir -p "$work"
fake_port=$(free_port)

rm -f "$work/one-user-tokens.txt"
node bench/fake-upstream.mjs "$fake_port" 5 "$work/one-user-tokens.txt" "$count" one > "$work/fake.log" 2>&1 &
pids+=($!)
# Signing 10,000 tokens takes the fake a while on a busy machine; it writes the file whole when done.
for _ in $(seq 3000); do [ -s "$work/one-user-tokens.txt" ] && break; sleep 0.1; done
[ -s "$work/one-user-tokens.txt" ] || { echo "bench: the fake identity provider wrote no tokens" >&2; exit 1; }

rss() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

measure() { # label, bearer-cache on|off, command...
  local label=$1 memory=$2; shift 2
  local port; port=$(free_port)
  local mport; mport=$(free_port)
  env QUARKUS_HTTP_PORT="$port" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="$mport" QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_LOG_LEVEL=WARN \
    QUARKUS_OIDC_AUTH_SERVER_URL="http://127.0.0.1:$fake_port" QUARKUS_OIDC_CLIENT_ID=bench-app \
    QUARKUS_OIDC_TOKEN_AUDIENCE=bench-app \
    QLIK_TENANT_URL="http://127.0.0.1:$fake_port/qlik" QLIK_CLIENT_ID=bench-client QLIK_CLIENT_SECRET=bench-secret \
    BROKER_RATE_LIMIT_PER_USER=100000000 BROKER_BEARER_CACHE_ENABLED="$([ "$memory" = on ] && echo true || echo false)" \
    "$@" > "$work/bearer-memory-$label-$memory.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  until curl -sf -o /dev/null "http://127.0.0.1:$mport/q/health/ready"; do sleep 0.01; done
  local at_ready; at_ready=$(rss "$pid")
  local failed; failed=$(xargs -P 8 -I{} curl -s -o /dev/null -w '%{http_code}\n' -X POST \
    -H "Authorization: Bearer {}" "http://127.0.0.1:$port/access-token" < "$work/one-user-tokens.txt" | grep -vc '^200$' || true)
  local after; after=$(rss "$pid")
  local alive=yes; kill -0 "$pid" 2>/dev/null || alive=no
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  printf '%-7s memory=%-3s rss_at_ready_mib=%s rss_after_%s_tokens_mib=%s non_200=%s alive=%s\n' \
    "$label" "$memory" "$at_ready" "$count" "$after" "$failed" "$alive"
  echo "$after" > "$work/bearer-memory-$label-$memory.rss"
}

ratio() { awk -v a="$(cat "$work/bearer-memory-$1-on.rss")" -v b="$(cat "$work/bearer-memory-$1-off.rss")" \
  'BEGIN { printf "%-7s rss with memory / without: %.2f\n", "'"$1"'", a / b }'; }

if [ -n "$runner" ] && [ -x "$runner" ]; then
  for memory in off on; do measure native "$memory" "$runner" ${NATIVE_ARGS:--Xmx48m -Xmn8m}; done
  ratio native
fi
if [ -f target/quarkus-app/quarkus-run.jar ]; then
  for memory in off on; do measure jvm "$memory" java -Xmx64m -jar target/quarkus-app/quarkus-run.jar; done
  ratio jvm
fi
