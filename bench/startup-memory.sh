#!/usr/bin/env bash
# Start-up time and memory of the packaged jar and of the native executable, measured in the same run.
#   bench/startup-memory.sh [path/to/native-runner]   (default: target/*-runner; the jar: target/quarkus-app, and
#   with target/quarkus-app/app.aot also the jar on JDK 25 with that AOT cache)
#   BASELINE_JAR=<an older build's quarkus-run.jar> measures it first, on the default JDK: the "before" of a
#   before/after comparison in one run. Each line's ratio is against the first start measured.
# For each: time from exec to the first 200 on /q/health/ready, RSS at ready, and RSS after 1000 token requests
# (100 users, cache on) against the fake identity provider and tenant of bench/fake-upstream.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

runner=${1:-$(ls target/*-runner 2>/dev/null | head -n 1 || true)}
work=target/bench
mkdir -p "$work"
fake_port=$(free_port)

rm -f "$work/tokens.txt"
node bench/fake-upstream.mjs "$fake_port" 5 "$work/tokens.txt" 100 > "$work/fake.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -s "$work/tokens.txt" ] && break; sleep 0.1; done

measure() { # label, command...
  local label=$1; shift
  local port; port=$(free_port)
  local mport; mport=$(free_port)
  local start; start=$(date +%s%N)
  env QUARKUS_HTTP_PORT="$port" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="$mport" QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_LOG_LEVEL=WARN \
    QUARKUS_OIDC_AUTH_SERVER_URL="http://127.0.0.1:$fake_port" QUARKUS_OIDC_CLIENT_ID=bench-app QUARKUS_OIDC_TOKEN_AUDIENCE=bench-app \
    QLIK_TENANT_URL="http://127.0.0.1:$fake_port/qlik" QLIK_CLIENT_ID=bench-client QLIK_CLIENT_SECRET=bench-secret \
    BROKER_RATE_LIMIT_PER_USER=100000 "$@" > "$work/startup-$label.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  # Builds from before the management interface answer the probe on the main port.
  until curl -sf -o /dev/null "http://127.0.0.1:$mport/q/health/ready" \
    || curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do sleep 0.005; done
  local ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  local rss_ready; rss_ready=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
  for _ in $(seq 10); do cat "$work/tokens.txt"; done | head -n 1000 \
    | xargs -P 8 -I{} curl -sf -o /dev/null -X POST -H "Authorization: Bearer {}" "http://127.0.0.1:$port/access-token"
  local rss_load; rss_load=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  # The first start measured is the one every ratio is against.
  baseline_ms=${baseline_ms:-$ready_ms}
  baseline_label=${baseline_label:-$label}
  printf '%-8s ready_ms=%s (%s of %s) rss_at_ready_mib=%s rss_after_1000_requests_mib=%s\n' "$label" "$ready_ms" \
    "$(awk -v a="$ready_ms" -v b="$baseline_ms" 'BEGIN { printf "%.2f", a / b }')" "$baseline_label" "$rss_ready" "$rss_load"
}

[ -n "${BASELINE_JAR:-}" ] && measure before java -Xmx128m -jar "$BASELINE_JAR"

[ -f target/quarkus-app/quarkus-run.jar ] && measure jvm java -Xmx128m -jar target/quarkus-app/quarkus-run.jar
# The fast JVM start: JDK 25 with the AOT cache that a JDK 25 build with -Dquarkus.package.jar.aot.enabled=true
# trained through the ITs (README, "Run it fast on a JVM").
java25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -f target/quarkus-app/app.aot ] && [ -x "$java25" ] && measure jvm-aot "$java25" -XX:AOTCache=target/quarkus-app/app.aot \
  -Xmx128m -jar target/quarkus-app/quarkus-run.jar
[ -n "$runner" ] && [ -x "$runner" ] && measure native "$runner" ${NATIVE_ARGS:--Xmx48m -Xmn8m}
[ -n "$runner" ] && [ -x "$runner" ] && ls -l "$runner" | awk '{printf "native executable size: %.1f MiB\n", $5 / 1048576}'
exit 0
