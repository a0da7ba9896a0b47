#!/usr/bin/env bash
# A freshly started broker absorbs a burst: 200 first-time users at once, against a TLS tenant (HTTP/2 or 1.1)
# that answers after 50 ms, with qlik.timeout=1s. For the jar and, if built, the native executable, in one run:
# how many got their token, p50/p99, the most upstream requests in flight at once, the HTTP version used, and the
# circuit breaker's state afterwards (0 = closed).
#   bench/burst.sh [path/to/native-runner]     (env: BURST_USERS=200 BURST_LATENCY_MS=50 BURST_TIMEOUT=1s)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

runner=${1:-$(ls target/*-runner 2>/dev/null | head -n 1 || true)}
users=${BURST_USERS:-200}
latency=${BURST_LATENCY_MS:-50}
timeout=${BURST_TIMEOUT:-1s}
work=target/bench/burst
mkdir -p "$work"

# A certificate for 127.0.0.1 and a trust store holding it, for the broker's JVM or native executable.
if [ ! -f "$work/truststore.p12" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
  keytool -importcert -noprompt -alias tenant -file "$work/cert.pem" -keystore "$work/truststore.p12" \
    -storetype PKCS12 -storepass changeit >/dev/null 2>&1
fi

idp_port=$(free_port)
rm -f "$work/tokens.txt"
node bench/fake-upstream.mjs "$idp_port" 0 "$work/tokens.txt" "$users" > "$work/idp.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ "$(wc -l < "$work/tokens.txt" 2>/dev/null || echo 0)" -ge "$users" ] && break; sleep 0.1; done

run() { # label, command...
  local label=$1; shift
  local tls_port; tls_port=$(free_port)
  node bench/fake-tls-tenant.mjs "$tls_port" "$latency" "$work/cert.pem" "$work/key.pem" > "$work/tenant-$label.log" 2>&1 &
  local tenant_pid=$!
  pids+=("$tenant_pid")
  local port; port=$(free_port)
  local mport; mport=$(free_port)
  env QUARKUS_HTTP_PORT="$port" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="$mport" QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_LOG_LEVEL=WARN \
    QUARKUS_OIDC_AUTH_SERVER_URL="http://127.0.0.1:$idp_port" QUARKUS_OIDC_CLIENT_ID=bench-app \
    QUARKUS_OIDC_TOKEN_AUDIENCE=bench-app QLIK_TENANT_URL="https://127.0.0.1:$tls_port" QLIK_CLIENT_ID=bench-client \
    QLIK_CLIENT_SECRET=bench-secret QLIK_TIMEOUT="$timeout" BROKER_RATE_LIMIT_PER_USER=100000 \
    "$@" > "$work/broker-$label.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  until curl -sf -o /dev/null "http://127.0.0.1:$mport/q/health/ready"; do sleep 0.01; done
  local result; result=$(node bench/burst-client.mjs "http://127.0.0.1:$port" "$work/tokens.txt")
  local stats; stats=$(curl -sk "https://127.0.0.1:$tls_port/stats")
  local breaker; breaker=$(curl -s "http://127.0.0.1:$mport/q/metrics" | awk '/^broker_circuit_breaker_state/ {print $2}')
  kill "$pid" "$tenant_pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  printf '%-7s %s upstream=%s breaker=%s\n' "$label" "$result" "$stats" "$breaker"
}

trust="-Djavax.net.ssl.trustStore=$work/truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit"
[ -f target/quarkus-app/quarkus-run.jar ] && run jvm java $trust -jar target/quarkus-app/quarkus-run.jar
[ -n "$runner" ] && [ -x "$runner" ] && run native "$runner" $trust -Xmx48m -Xmn8m
exit 0
