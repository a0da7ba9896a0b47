#!/usr/bin/env bash
# Benchmark of the token route, cache on against cache off, measured in the same run on this machine.
#   bench/run.sh            (env: BENCH_DURATION=20 BENCH_CONNECTIONS=32 BENCH_TENANT_LATENCY_MS=50 BENCH_HEAP=128m
#                                 BENCH_AUDIT_PAIRS=3 BENCH_AUDIT_SLICES=8 BENCH_AUDIT_SLICE_SECONDS=5)
# Starts a fake identity provider + tenant (bench/fake-upstream.mjs, Node), the packaged broker jar, and wrk with
# 100 users' bearer tokens; prints requests/s, p50/p99 latency, upstream calls per 1000 requests and RSS after load.
# The per-user rate limit is lifted: wrk replays each user's request thousands of times a second, and what is
# measured here is the broker's own cost.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

load_settings 32

start_fake_upstream

# Starts the jar with the given extra environment (sets broker_port, broker_pid) and waits until it is ready.
start_broker() { # label, extra env assignments...
  local label=$1; shift
  broker_port=$(free_port)
  local mport; mport=$(free_port)
  # Cases may override QUARKUS_LOG_LEVEL (WARN: audit lines off), so it comes before their assignments.
  env QUARKUS_LOG_LEVEL=WARN "$@" QUARKUS_HTTP_PORT="$broker_port" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="$mport" QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
    QUARKUS_OIDC_AUTH_SERVER_URL="http://127.0.0.1:$fake_port" QUARKUS_OIDC_CLIENT_ID=bench-app QUARKUS_OIDC_TOKEN_AUDIENCE=bench-app \
    QLIK_TENANT_URL="http://127.0.0.1:$fake_port/qlik" QLIK_CLIENT_ID=bench-client QLIK_CLIENT_SECRET=bench-secret \
    BROKER_RATE_LIMIT_PER_USER=100000000 \
    java -Xmx"$heap" -jar target/quarkus-app/quarkus-run.jar > "$work/broker-$label.log" 2>&1 &
  broker_pid=$!
  pids+=("$broker_pid")
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$mport/q/health/ready" >/dev/null && break; sleep 0.2; done
}

load() { # port, seconds, [wrk options...]: wrk's BENCH line
  local port=$1 seconds=$2; shift 2
  BENCH_TOKENS="$work/tokens.txt" wrk -t2 -c"$connections" -d"${seconds}s" "$@" -s bench/bearer-tokens.lua \
    "http://127.0.0.1:$port" | grep '^BENCH'
}

run_case() { # label, extra env assignments...
  local label=$1; shift
  start_broker "$label" "$@"
  local port=$broker_port pid=$broker_pid
  # Warm-up (JIT, first mints of every user), then the measured run.
  curl -sf "http://127.0.0.1:$fake_port/stats/reset" >/dev/null
  load "$port" 5 >/dev/null
  local warmup_upstream; warmup_upstream=$(curl -sf "http://127.0.0.1:$fake_port/stats" | grep -o '[0-9]\+')
  curl -sf "http://127.0.0.1:$fake_port/stats/reset" >/dev/null
  local result; result=$(load "$port" "$duration" --latency)
  local upstream; upstream=$(curl -sf "http://127.0.0.1:$fake_port/stats" | grep -o '[0-9]\+')
  local rss; rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  local requests; requests=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$result")
  printf '%-22s %s upstream_per_1000=%.2f upstream_per_user=%.2f rss_mib=%s\n' "$label" "${result#BENCH }" \
    "$(awk -v u="$upstream" -v r="$requests" 'BEGIN { print (r > 0 ? 1000 * u / r : 0) }')" \
    "$(awk -v u="$upstream" -v w="$warmup_upstream" -v n="$users" 'BEGIN { print (u + w) / n }')" \
    "$rss" | tee -a "$work/results.txt"
}

: > "$work/results.txt"
echo "users=$users connections=$connections duration=${duration}s tenant_latency=${latency}ms heap=$heap cores=$(nproc)"
# Audit off against audit at INFO (the default): two brokers side by side, wrk alternating between them in short
# slices, off-on-on-off..., so that a machine whose speed drifts during the run (these are shared, and drift by 20 %
# within a minute) weighs on both alike; and over several pairs of fresh brokers, since each JVM's JIT makes it a few
# per cent faster or slower than the next.
audit_slices() {
  local pairs=${BENCH_AUDIT_PAIRS:-3} slices=${BENCH_AUDIT_SLICES:-8} seconds=${BENCH_AUDIT_SLICE_SECONDS:-5}
  local off_requests=0 info_requests=0 per_pair=""
  for pair in $(seq "$pairs"); do
    start_broker audit-off BROKER_CACHE_ENABLED=true
    local off=$broker_port off_pid=$broker_pid
    start_broker audit-info BROKER_CACHE_ENABLED=true QUARKUS_LOG_LEVEL=INFO
    local info=$broker_port info_pid=$broker_pid
    load "$off" 5 >/dev/null
    load "$info" 5 >/dev/null
    local pair_off=0 pair_info=0 requests
    for slice in $(seq "$slices"); do
      for side in $( [ $((slice % 4)) -lt 2 ] && echo "off info" || echo "info off"); do
        requests=$(load "$([ "$side" = off ] && echo "$off" || echo "$info")" "$seconds" | sed -E 's/.*requests=([0-9]+).*/\1/')
        if [ "$side" = off ]; then pair_off=$((pair_off + requests)); else pair_info=$((pair_info + requests)); fi
      done
    done
    kill "$off_pid" "$info_pid"; wait "$off_pid" "$info_pid" 2>/dev/null || true
    per_pair="$per_pair $(awk -v off="$pair_off" -v info="$pair_info" 'BEGIN { printf "%.1f%%", 100 * (1 - info / off) }')"
    off_requests=$((off_requests + pair_off)); info_requests=$((info_requests + pair_info))
  done
  awk -v off="$off_requests" -v info="$info_requests" -v s="$((pairs * slices * seconds))" -v per_pair="$per_pair" 'BEGIN {
    printf "audit at INFO (the default) costs %.1f%% of cached-path throughput against audit off (%.0f against %.0f req/s, %d s each, interleaved; per pair of brokers:%s)\n",
      100 * (1 - info / off), info / s, off / s, s, per_pair }'
}

run_case cache-on BROKER_CACHE_ENABLED=true
run_case cache-on-verify-always BROKER_CACHE_ENABLED=true BROKER_BEARER_CACHE_ENABLED=false
run_case cache-off BROKER_CACHE_ENABLED=false
rps() { grep "^$1 " "$work/results.txt" | sed -E 's/.*rps=([0-9]+).*/\1/'; }
awk -v on="$(rps cache-on)" -v off="$(rps cache-off)" -v always="$(rps cache-on-verify-always)" 'BEGIN {
  printf "throughput ratios: cache-on / cache-off = %.1fx, cache-on / cache-on-verify-always = %.1fx\n", on / off, on / always }'
audit_slices
