# Shared by the bench scripts (sourced, not run): a free loopback port, and processes stopped when the script ends.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pids=()
trap 'for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done' EXIT

# What the load scripts need: wrk (installed when run as root), Node.js for the fakes, and the packaged jar.
require_load_tools() {
  command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null 2>&1 || { echo "bench: install wrk (apt-get install wrk)" >&2; exit 1; }; }
  command -v node >/dev/null || { echo "bench: needs Node.js for the fake upstream" >&2; exit 1; }
  [ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
}

# What the wrk scripts (run.sh, replicas.sh) share: their settings, each overridable from the environment, a work
# directory, and the load tools. $1: the connections per wrk when BENCH_CONNECTIONS is not set.
load_settings() {
  duration=${BENCH_DURATION:-20}
  connections=${BENCH_CONNECTIONS:-$1}
  latency=${BENCH_TENANT_LATENCY_MS:-50}
  heap=${BENCH_HEAP:-128m}
  users=100
  work=target/bench
  mkdir -p "$work"
  require_load_tools
}

# Starts bench/fake-upstream.mjs on a free port (sets fake_port) with $latency ms and $users users' bearer tokens
# written to $work/tokens.txt, and waits for them.
start_fake_upstream() {
  fake_port=$(free_port)
  rm -f "$work/tokens.txt"
  node bench/fake-upstream.mjs "$fake_port" "$latency" "$work/tokens.txt" "$users" > "$work/fake.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do [ -s "$work/tokens.txt" ] && break; sleep 0.1; done
}
