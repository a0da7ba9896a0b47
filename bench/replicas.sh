#!/usr/bin/env bash
# Two replicas of the broker behind one fake tenant, broker.store=memory against broker.store=redis, in one run.
#   bench/replicas.sh   (env: BENCH_DURATION=20 BENCH_ROUNDS=2 BENCH_CONNECTIONS=16 BENCH_TENANT_LATENCY_MS=50 BENCH_HEAP=128m
#                        BENCH_PROFILE=1)
# Starts a real redis-server (Debian's), the fake identity provider + tenant (bench/fake-upstream.mjs), two packaged
# broker jars per case, and one wrk per replica at the same time with 100 users' bearer tokens. Prints each replica's
# cached-path requests/s and p99, and upstream token calls per user (warm-up included: every user reaches both
# replicas), then redis against memory as ratios: over all rounds, and each round's with their median. Rounds alternate
# which case runs first; use an even BENCH_ROUNDS. Also the CPU time each cached request costs, brokers and (with
# redis) redis-server together, from /proc: unlike req/s it does not depend on how much of the shared machine's CPU
# was free during the round.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

load_settings 16
command -v redis-server >/dev/null || { echo "bench: install redis-server (apt-get install redis-server)" >&2; exit 1; }

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no > "$work/redis.log" 2>&1 < /dev/null &
redis_pid=$!
pids+=("$redis_pid")
start_fake_upstream

start_replica() { # label, extra env assignments... ; prints "pid port management-port"
  local label=$1; shift
  local port; port=$(free_port)
  local mport; mport=$(free_port)
  local jfr=(); [ -z "$profile_flags" ] || jfr=("$profile_flags$work/$label-$round.jfr")
  env QUARKUS_LOG_LEVEL=WARN "$@" QUARKUS_HTTP_PORT="$port" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="$mport" QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
    QUARKUS_OIDC_AUTH_SERVER_URL="http://127.0.0.1:$fake_port" QUARKUS_OIDC_CLIENT_ID=bench-app QUARKUS_OIDC_TOKEN_AUDIENCE=bench-app \
    QLIK_TENANT_URL="http://127.0.0.1:$fake_port/qlik" QLIK_CLIENT_ID=bench-client QLIK_CLIENT_SECRET=bench-secret \
    BROKER_RATE_LIMIT_PER_USER=100000000 \
    java "${jfr[@]}" -Xmx"$heap" -jar target/quarkus-app/quarkus-run.jar > "$work/replica-$label.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$mport/q/health/ready" >/dev/null && break; sleep 0.2; done
  echo "$pid $port $mport"
}

load() { # port, seconds
  BENCH_TOKENS="$work/tokens.txt" wrk -t1 -c"$connections" -d"$2s" --latency -s bench/bearer-tokens.lua \
    "http://127.0.0.1:$1" | grep '^BENCH'
}

cpu_ticks() { # pid...: their user + system CPU time so far, in clock ticks
  local sum=0 pid
  for pid in "$@"; do sum=$((sum + $(awk '{ print $14 + $15 }' "/proc/$pid/stat"))); done
  echo "$sum"
}

run_case() { # label, extra env assignments...
  local label=$1; shift
  redis-cli -p "$redis_port" FLUSHALL > /dev/null < /dev/null
  redis-cli -p "$redis_port" CONFIG RESETSTAT > /dev/null < /dev/null
  curl -sf "http://127.0.0.1:$fake_port/stats/reset" >/dev/null
  read -r pid_a port_a mport_a < <(start_replica "$label-a" "$@")
  read -r pid_b port_b mport_b < <(start_replica "$label-b" "$@")
  # Warm-up, one replica after the other: every user's first request reaches both (JIT, first mints).
  load "$port_a" 5 > /dev/null
  load "$port_b" 5 > /dev/null
  local upstream; upstream=$(curl -sf "http://127.0.0.1:$fake_port/stats" | grep -o '[0-9]\+')
  local brokers_cpu; brokers_cpu=$(cpu_ticks "$pid_a" "$pid_b")
  local redis_cpu; redis_cpu=$(cpu_ticks "$redis_pid")
  load "$port_a" "$duration" > "$work/$label-a.txt" &
  local wrk_a=$!
  load "$port_b" "$duration" > "$work/$label-b.txt"
  wait "$wrk_a"
  brokers_cpu=$(( $(cpu_ticks "$pid_a" "$pid_b") - brokers_cpu ))
  redis_cpu=$(( $(cpu_ticks "$redis_pid") - redis_cpu ))
  local requests; requests=$(cat "$work/$label-a.txt" "$work/$label-b.txt" | sed -E 's/.*requests=([0-9]+).*/\1/' \
    | awk '{ s += $1 } END { print s }')
  upstream=$(curl -sf "http://127.0.0.1:$fake_port/stats" | grep -o '[0-9]\+')
  local store_errors; store_errors=$( (curl -sf "http://127.0.0.1:$mport_a/q/metrics"; curl -sf "http://127.0.0.1:$mport_b/q/metrics") \
    | awk '/^broker_store_errors_total/ { s += $2 } END { print s + 0 }')
  # Calls made by the replicas (commands run inside the rate limit's script are not theirs).
  local redis_calls; redis_calls=$(redis-cli -p "$redis_port" INFO commandstats < /dev/null | tr -d '\r' \
    | awk -F'[=,:]' '/^cmdstat_/ && !/^cmdstat_(incrby|pttl|pexpire|info|config)/ { s += $3 } END { print s + 0 }')
  kill "$pid_a" "$pid_b"; wait "$pid_a" "$pid_b" 2>/dev/null || true
  for side in a b; do
    printf '%-8s round=%s replica-%s %s\n' "$label" "$round" "$side" "$(sed 's/^BENCH //' "$work/$label-$side.txt")" \
      | tee -a "$work/replicas.txt"
  done
  printf '%-8s upstream_per_user=%.2f store_errors=%s redis_calls=%s\n' "$label" \
    "$(awk -v u="$upstream" -v n="$users" 'BEGIN { print u / n }')" "$store_errors" "$redis_calls" | tee -a "$work/replicas.txt"
  awk -v label="$label" -v round="$round" -v b="$brokers_cpu" -v r="$redis_cpu" -v n="$requests" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%-8s round=%s cpu_us_per_request brokers=%.1f redis_server=%.1f ticks=%d,%d requests=%d\n",
      label, round, b * 1e6 / hz / n, r * 1e6 / hz / n, b, r, n }' | tee -a "$work/replicas.txt"
}

: > "$work/replicas.txt"
echo "users=$users connections=${connections}/replica duration=${duration}s tenant_latency=${latency}ms heap=$heap cores=$(nproc)"
key=$(head -c 32 /dev/urandom | base64)
# BENCH_PROFILE=1: each replica records a JFR CPU profile, and the run ends with the share of its samples spent in
# the Redis client, the store and the shared rate-limit budget: the broker's own Java cost of sharing, which the
# throughput of a busy 2-core machine (Redis, two wrk and both replicas on it) swings too much to show to 10 %. JFR
# samples Java code only: time in socket system calls is not in the share.
profile_flags=
if [ "${BENCH_PROFILE:-0}" = 1 ]; then profile_flags="-XX:StartFlightRecording=settings=profile,filename="; fi
memory_case() { run_case memory BROKER_STORE=memory; }
redis_case() { run_case redis BROKER_STORE=redis QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$redis_port" BROKER_STORE_ENCRYPTION_KEY="$key"; }
# Throughput here drifts down during a run (a shared machine's CPU budget): the case that runs second in a round
# is slowed. Odd rounds run memory first, even rounds redis first, so that an even number of rounds cancels a
# steady drift out of the all-rounds ratio.
for round in $(seq "${BENCH_ROUNDS:-2}"); do
  if [ $((round % 2)) = 1 ]; then memory_case; redis_case; else redis_case; memory_case; fi
done
total() { grep "^$1 .*rps=" "$work/replicas.txt" | sed -E 's/.*rps=([0-9]+).*/\1/' | awk '{ s += $1 } END { print s }'; }
awk -v memory="$(total memory)" -v redis="$(total redis)" 'BEGIN {
  printf "cached path, both replicas, all rounds: redis / memory = %.2f (redis costs %.1f%% of throughput)\n",
    redis / memory, 100 * (1 - redis / memory) }'
# Each round's ratio: redis against the memory case of the same round, on about the same machine state.
grep -E '^(memory|redis) .*rps=' "$work/replicas.txt" | sed -E 's/^([a-z]+) +round=([0-9]+) .*rps=([0-9]+).*/\2 \1 \3/' | awk '
  { sum[$1 " " $2] += $3; if ($1 > rounds) rounds = $1 }
  END {
    for (r = 1; r <= rounds; r++) { ratios[r] = sum[r " redis"] / sum[r " memory"]; line = line sprintf(" %.2f", ratios[r]) }
    for (i = 1; i <= rounds; i++) for (j = i + 1; j <= rounds; j++) if (ratios[j] < ratios[i]) { t = ratios[i]; ratios[i] = ratios[j]; ratios[j] = t }
    median = rounds % 2 ? ratios[(rounds + 1) / 2] : (ratios[rounds / 2] + ratios[rounds / 2 + 1]) / 2
    printf "per round, in order:%s; median redis / memory = %.2f (redis costs %.1f%% of throughput)\n", line, median, 100 * (1 - median) }'
# CPU per cached request over all rounds: redis-server's counts for the redis case only (it idles in the memory case).
grep -E '^(memory|redis) .*cpu_us_per_request' "$work/replicas.txt" | sed -E 's/^([a-z]+) .*ticks=([0-9]+),([0-9]+) requests=([0-9]+).*/\1 \2 \3 \4/' | awk '
  { brokers[$1] += $2; redis[$1] += $3; requests[$1] += $4 }
  END {
    memory = brokers["memory"] / requests["memory"]
    shared = (brokers["redis"] + redis["redis"]) / requests["redis"]
    printf "CPU per cached request, all rounds: redis (brokers + redis-server) / memory (brokers) = %.2f (redis costs %.1f%% more CPU)\n",
      shared / memory, 100 * (shared / memory - 1) }'
if [ -n "$profile_flags" ]; then
  for label in memory redis; do
    for recording in "$work/$label"-*.jfr; do
      jfr print --events jdk.ExecutionSample --stack-depth 64 "$recording"
    done | awk -v label="$label" '
      /^jdk.ExecutionSample/ { samples++; sharing = 0 }
      /io\.vertx\.redis|io\.quarkus\.redis|io\.qlikbroker\.store\.|io\.qlikbroker\.ratelimit\.SharedBudget/ { sharing = 1 }
      /^}/ { if (sharing) shared++ }
      END { printf "%-8s CPU samples in the Redis client, the store and the shared budget: %.1f%% of %d\n",
        label, samples ? 100 * shared / samples : 0, samples }'
  done
fi
