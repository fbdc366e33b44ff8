# shellcheck shell=bash
# The portal's Quarkus services, run as plain `java -jar` processes. Sourced after common.sh.

# module:port, in start order (the gateway last, it fronts the others).
PORTAL_SERVICES=(
  environment-service:8081
  deployment-service:8082
  monitoring-service:8083
  alert-service:8084
  cost-service:8085
  admin-service:8086
  gateway:8080
)
SERVICE_READY_TIMEOUT=90
SERVICE_STOP_TIMEOUT=30

service_names() {
  local entry
  for entry in "${PORTAL_SERVICES[@]}"; do printf '%s\n' "${entry%%:*}"; done
}

service_port() {
  local name="$1" entry
  for entry in "${PORTAL_SERVICES[@]}"; do
    [[ "${entry%%:*}" == "$name" ]] && { printf '%s\n' "${entry##*:}"; return 0; }
  done
  return 1
}

is_service() {
  service_port "$1" >/dev/null
}

service_jar() { printf '%s\n' "$1/target/quarkus-app/quarkus-run.jar"; }
service_pid_file() { printf '%s\n' "$RUN_DIR/$1.pid"; }
service_log() { printf '%s\n' "$LOG_DIR/$1.log"; }

# Class data sharing (AppCDS): the classes a service loaded in one run are mapped from an archive in the next, which
# cuts the start's CPU by about a quarter (docs/benchmarks.md, Start-up). The archive belongs to one build of the jar
# (its size and time are in the name); a service without one for its jar writes it when it exits (./portal down).
CDS_DIR="$PORTAL_DIR/cds"
service_cds_archive() {
  local jar="$ROOT/$(service_jar "$1")"
  printf '%s\n' "$CDS_DIR/$1-$(stat -c '%s-%Y' "$jar").jsa"
}

# The JVM option that uses the service's archive, or that writes it at exit (dropping archives of older builds).
service_cds_opt() {
  local name="$1" archive
  archive="$(service_cds_archive "$name")"
  if [[ -s "$archive" ]]; then
    printf '%s\n' "-XX:SharedArchiveFile=$archive"
  else
    mkdir -p "$CDS_DIR"
    find "$CDS_DIR" -maxdepth 1 -name "$name-*.jsa" -delete
    printf '%s\n' "-XX:ArchiveClassesAtExit=$archive"
  fi
}

# The JVM flags of a service, one per line: a small heap and the serial collector, so seven services, Kafka and
# PostgreSQL share 2 cores and a few GB. The six domain services run on C1 alone (-XX:TieredStopAtLevel=1): their work
# is mostly waiting on PostgreSQL and Kafka, and C2's compiles were about 40% of a start's CPU and 35 MB of its RSS
# (docs/benchmarks.md, Start-up); the gateway, on the path of every request, keeps C2.
service_jvm_opts() {
  printf '%s\n' -Xmx128m -Xms32m -XX:+UseSerialGC -XX:MaxMetaspaceSize=160m -Xss512k
  [[ "$1" == gateway ]] || printf '%s\n' -XX:TieredStopAtLevel=1
}

service_pid() {
  local name="$1"
  live_pid_from_file "$(service_pid_file "$name")" "$(service_jar "$name")"
}

# Prints the HTTP status of /q/health/ready, or 000 when nothing answers.
service_ready_code() {
  local port="$1"
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/q/health/ready" 2>/dev/null || true
}

build_services() {
  if [[ "${PORTAL_SKIP_BUILD:-0}" == 1 ]]; then
    say "Skipping the build (PORTAL_SKIP_BUILD=1)"
    return 0
  fi
  require_command mvn
  say "Building the services (mvn -B -q -DskipTests package) ..."
  # Debian's Maven 3.8.7 prints stray colour resets even in batch mode; drop them.
  (cd "$ROOT" && mvn -B -q -DskipTests package 9>&-) 2>&1 | sed -u $'s/\x1b\\[0m//g' \
    || die "the build failed (see the Maven output above)"
}

# Fail before starting anything if a jar is missing, naming every missing one.
check_service_jars_exist() {
  local name missing=()
  for name in $(service_names); do
    [[ -f "$ROOT/$(service_jar "$name")" ]] || missing+=("$(service_jar "$name")")
  done
  if ((${#missing[@]} > 0)); then
    printf 'portal: error: missing service jar(s):\n' >&2
    printf '  %s\n' "${missing[@]}" >&2
    die "build them first: run ./portal up without PORTAL_SKIP_BUILD=1, or mvn -DskipTests package"
  fi
}

# Starts one service in the background unless it already runs; prints nothing on stdout.
start_service_if_stopped() {
  local name="$1" port pid log cds jvm_opts extra_opts=()
  port="$(service_port "$name")"
  log="$(service_log "$name")"
  if pid="$(service_pid "$name")"; then
    say "$name already running (pid $pid, port $port)"
    return 0
  fi
  if port_is_open 127.0.0.1 "$port"; then
    die "port $port for $name is already in use by another process (not started by ./portal)"
  fi
  # PORTAL_JAVA_OPTS is split on whitespace on purpose: it holds several JVM options.
  read -r -a extra_opts <<<"${PORTAL_JAVA_OPTS:-}"
  mapfile -t jvm_opts < <(service_jvm_opts "$name")
  [[ -f "$log" ]] && mv -f "$log" "$log.1"
  cds="$(service_cds_opt "$name")"
  (
    cd "$ROOT" || exit 1
    # The local profile: demo data (labelled source: demo) on empty databases, local-devnet live.
    QUARKUS_PROFILE="${QUARKUS_PROFILE:-local}" exec setsid java "${jvm_opts[@]}" "$cds" "${extra_opts[@]}" -jar "$(service_jar "$name")" \
      </dev/null >>"$log" 2>&1 9>&-
  ) &
  pid=$!
  echo "$pid" >"$(service_pid_file "$name")"
  say "Started $name (pid $pid, port $port, log .portal/logs/$name.log)"
}

# Waits until /q/health/ready answers 200. The clock runs from the service's own start, so
# services that started together are waited for together.
wait_for_service_ready() {
  local name="$1" started_at="$2" port pid code
  port="$(service_port "$name")"
  while :; do
    code="$(service_ready_code "$port")"
    [[ "$code" == 200 ]] && return 0
    if ! pid="$(service_pid "$name")"; then
      print_log_tail "$(service_log "$name")" 30
      die "$name exited during start-up (last readiness answer: HTTP $code); log: .portal/logs/$name.log"
    fi
    if ((SECONDS - started_at >= SERVICE_READY_TIMEOUT)); then
      print_log_tail "$(service_log "$name")" 30
      die "$name (pid $pid) was not ready within ${SERVICE_READY_TIMEOUT}s: http://127.0.0.1:$port/q/health/ready answered HTTP $code"
    fi
    sleep 1
  done
}

start_all_services() {
  local name started_at
  check_service_jars_exist
  require_command curl
  started_at=$SECONDS
  for name in $(service_names); do
    start_service_if_stopped "$name"
  done
  say "Waiting for the services to be ready (up to ${SERVICE_READY_TIMEOUT}s) ..."
  for name in $(service_names); do
    wait_for_service_ready "$name" "$started_at"
    say "$name ready on port $(service_port "$name")"
  done
}

# Stops every service with a live pid file, all in parallel (SIGTERM, 15 s, SIGKILL).
stop_all_services() {
  local name pid pids=() names=()
  for name in $(service_names); do
    if pid="$(service_pid "$name")"; then
      pids+=("$pid")
      names+=("$name")
    fi
  done
  if ((${#pids[@]} > 0)); then
    say "Stopping ${names[*]}"
    terminate_pids "$SERVICE_STOP_TIMEOUT" "${pids[@]}"
  fi
  for name in $(service_names); do rm -f "$(service_pid_file "$name")"; done
}

print_services_status() {
  local name port pid code
  for name in $(service_names); do
    port="$(service_port "$name")"
    if pid="$(service_pid "$name")"; then
      code="$(service_ready_code "$port")"
      printf '%-20s %-8s pid=%-8s port=%-5s ready=%s\n' "$name" running "$pid" "$port" \
        "$([[ "$code" == 200 ]] && echo "UP (200)" || echo "NOT READY (HTTP $code)")"
    elif port_is_open 127.0.0.1 "$port"; then
      code="$(service_ready_code "$port")"
      printf '%-20s %-8s pid=%-8s port=%-5s ready=HTTP %s (not started by ./portal)\n' "$name" running - "$port" "$code"
    else
      printf '%-20s %-8s pid=%-8s port=%-5s\n' "$name" stopped - "$port"
    fi
  done
}
