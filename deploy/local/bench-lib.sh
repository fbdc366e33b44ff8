# shellcheck shell=bash
# Helpers shared by the benchmark scripts deploy/local/bench-{gateway,websocket,startup}.sh.
# Sourced after common.sh and services.sh (ROOT set; the services' JVM flags from service_jvm_opts). Each script starts its own processes on free ports, stops them on exit,
# and rewrites its own "## ..." section of docs/benchmarks.md in place.

BENCH_DIR="$PORTAL_DIR/bench"
BENCH_DOC="$ROOT/docs/benchmarks.md"
# Everything the benchmarks publish or make services publish goes to bench.<topic>, never to the dev topics.
# shellcheck disable=SC2034 # used by the scripts that source this file
BENCH_TOPIC_PREFIX="bench."
BENCH_PIDS=()

# "-Xmx128m -Xms32m ...": a service's JVM flags as ./portal gives them, for the results' text.
bench_jvm_flags() {
  service_jvm_opts "$1" | paste -sd ' '
}

# "1.23, 4.56, 7.89": the 1, 5 and 15 minute load averages.
bench_load() {
  awk '{printf "%s, %s, %s", $1, $2, $3}' /proc/loadavg
}

bench_cores() {
  nproc
}

bench_now() {
  date -u +%Y-%m-%dT%H:%M:%SZ
}

# Milliseconds since the epoch.
bench_ms() {
  date +%s%3N
}

# A TCP port nothing listens on right now (the OS picks it).
bench_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Resident set size of a process in MB (one decimal), from /proc.
bench_rss_mb() {
  awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$1/status" 2>/dev/null
}

# CPU seconds (user + system) a process has used so far, from /proc: less sensitive to other load than wall time.
bench_cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.1f", ($12 + $13) / hz }' "/proc/$1/stat" 2>/dev/null
}

# Installs Debian packages that are missing (idempotent): bench_ensure_packages <command>:<package> ...
bench_ensure_packages() {
  local entry
  for entry in "$@"; do
    apt_install_for "${entry%%:*}" "${entry##*:}"
  done
}

# npm packages for the Node clients, installed into .portal/bench/node (never committed): bench_ensure_npm ws@8 ...
bench_ensure_npm() {
  local dir="$BENCH_DIR/node" pkg need=0
  mkdir -p "$dir"
  [[ -f "$dir/package.json" ]] || echo '{"name":"portal-bench","private":true}' >"$dir/package.json"
  for pkg in "$@"; do
    [[ -d "$dir/node_modules/${pkg%@*}" ]] || need=1
  done
  ((need == 0)) && return 0
  say "Installing $* into $dir"
  (cd "$dir" && npm install --no-audit --no-fund --silent "$@") || die "npm could not install $*"
}

bench_require_jar() {
  [[ -f "$ROOT/$(service_jar "$1")" ]] || die "missing $(service_jar "$1"): build it first (mvn -B -DskipTests package -pl $1 -am)"
}

# Starts a packaged service in the background with the ./portal JVM flags (the CDS archive option only where the
# caller passes it); sets BENCH_STARTED_PID.
# bench_start_service <module> <log file> [JVM option or -Dkey=value ...]
bench_start_service() {
  local name="$1" log="$2"
  shift 2
  (
    cd "$ROOT" || exit 1
    mapfile -t jvm_opts < <(service_jvm_opts "$name")
    exec setsid java "${jvm_opts[@]}" "$@" -jar "$(service_jar "$name")" </dev/null >"$log" 2>&1 9>&-
  ) &
  BENCH_STARTED_PID=$!
  BENCH_PIDS+=("$BENCH_STARTED_PID")
}

# Waits until http://127.0.0.1:<port>/q/health/ready answers 200, polling every 50 ms.
# Fails when the process exits or <timeout> seconds pass. bench_wait_ready <port> <pid> <timeout s> <log>
bench_wait_ready() {
  local port="$1" pid="$2" timeout="$3" log="$4" deadline
  deadline=$((SECONDS + timeout))
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/q/health/ready" 2>/dev/null)" == 200 ]]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      print_log_tail "$log" 30
      die "the process $pid exited before it was ready (log: $log)"
    fi
    if ((SECONDS >= deadline)); then
      print_log_tail "$log" 30
      die "http://127.0.0.1:$port/q/health/ready did not answer 200 within ${timeout}s (log: $log)"
    fi
    sleep 0.05
  done
}

bench_stop() {
  local pid alive=()
  for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
  ((${#alive[@]} > 0)) && terminate_pids 15 "${alive[@]}"
  return 0
}

# Stops every process this script started (an EXIT trap).
bench_stop_all() {
  ((${#BENCH_PIDS[@]} > 0)) && bench_stop "${BENCH_PIDS[@]}"
  return 0
}

# Replaces the section that starts with the heading "## <title>" (up to the next "## " heading) in
# docs/benchmarks.md by the contents of <file>, or appends it when the section is not there yet.
bench_write_section() {
  local title="$1" file="$2" tmp
  tmp="$(mktemp)"
  awk -v heading="## $title" -v body="$file" '
    function emit(  line) { while ((getline line < body) > 0) print line; close(body) }
    $0 == heading { emit(); skipping = 1; done = 1; next }
    skipping && /^## / { skipping = 0; print "" }
    !skipping { print }
    END { if (!done) { print ""; emit() } }
  ' "$BENCH_DOC" >"$tmp"
  # Drop trailing blank lines so that repeated runs leave the file the same shape.
  sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$tmp" >"$BENCH_DOC"
  rm -f "$tmp"
  say "Results: docs/benchmarks.md, ## $title"
}

# "yes" or "no" from an awk comparison: bench_met "<value> <op> <target>", e.g. bench_met "0.81 >= 0.7".
bench_met() {
  awk "BEGIN { exit !($1) }" && echo yes || echo no
}
