#!/usr/bin/env bash
# Start-up: each packaged service's time from `java` to /q/health/ready 200 and its RSS then, one service at a time
# with the JVM flags ./portal uses, first without and then with its AppCDS archive (written by an unmeasured start in
# between, as ./portal's first start writes it); then all seven started at once with their archives, time until every
# one is ready.
# Writes docs/benchmarks.md "## Start-up" and docs/bench-startup.png. Needs PostgreSQL and Kafka up and the jars
# built. Databases: per service the first idle one (no session in pg_stat_activity) of <db>_flt, <db>_rep and, only
# when no packaged service runs on the machine (no system test), <db>_e2e; BENCH_STARTUP_DB_SUFFIX=<suffix> forces one.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ROOT
source "$ROOT/deploy/local/common.sh"
source "$ROOT/deploy/local/services.sh"
source "$ROOT/deploy/local/bench-lib.sh"

OUT="$BENCH_DIR/startup"
PLOT="docs/bench-startup.png"
TIMEOUT=120

bench_ensure_packages gnuplot:gnuplot-nox
for name in $(service_names); do bench_require_jar "$name"; done
mkdir -p "$OUT"
trap bench_stop_all EXIT
trap "exit 130" INT TERM

psql_portal() { PGPASSWORD=portal psql -h 127.0.0.1 -U portal -d postgres -Atqc "$1"; }
db_exists() { [[ "$(psql_portal "select count(*) from pg_database where datname = '$1'")" == 1 ]]; }
db_idle() { [[ "$(psql_portal "select count(*) from pg_stat_activity where datname = '$1'")" == 0 ]]; }

# Checked before this script starts anything: a running quarkus-run.jar means a system test (or a portal) runs.
system_test_running=0
pgrep -f quarkus-run.jar >/dev/null && system_test_running=1

declare -A DB
pick_database() {
  local name="$1" base candidate suffixes=(flt rep e2e)
  base="${name%-service}"
  [[ "$base" == gateway ]] && { DB[$name]="-"; return 0; }
  [[ -n "${BENCH_STARTUP_DB_SUFFIX:-}" ]] && suffixes=("$BENCH_STARTUP_DB_SUFFIX")
  for suffix in "${suffixes[@]}"; do
    candidate="${base}_$suffix"
    [[ "$suffix" == e2e && $system_test_running == 1 && -z "${BENCH_STARTUP_DB_SUFFIX:-}" ]] && continue
    if db_exists "$candidate" && db_idle "$candidate"; then
      DB[$name]="$candidate"
      return 0
    fi
  done
  die "no idle database for $name among ${suffixes[*]/#/${base}_} (set BENCH_STARTUP_DB_SUFFIX)"
}
for name in $(service_names); do pick_database "$name"; done

declare -A PORT
for name in $(service_names); do PORT[$name]="$(bench_free_port)"; done

# Prod profile (no demo seeding, no local-devnet); events to bench.* topics; the outbox relay held back so that no
# row another run left in these databases is published; gateway routes to the ports used here.
service_opts() {
  local name="$1" opts other
  opts=(-Dquarkus.http.port="${PORT[$name]}" -Dportal.kafka.topic-prefix="$BENCH_TOPIC_PREFIX")
  if [[ "${DB[$name]}" != - ]]; then
    opts+=(-Dportal.db="${DB[$name]}" -Doutbox.relay.interval=24h)
  else
    for other in $(service_names); do
      [[ "$other" == gateway ]] || opts+=("-Dgateway.services.${other%-service}=http://127.0.0.1:${PORT[$other]}")
    done
  fi
  printf '%s\n' "${opts[@]}"
}

# start_timed <name> <log suffix> [extra JVM option]
start_timed() {
  local name="$1" opts
  mapfile -t opts < <(service_opts "$name")
  STARTED_AT[$name]="$(bench_ms)"
  bench_start_service "$name" "$OUT/$name$2.log" "${@:3}" "${opts[@]}"
  PID[$name]=$BENCH_STARTED_PID
}

# alone_start <name> <log suffix> <result key> [extra JVM option]: one service alone, its time, RSS and CPU noted.
declare -A STARTED_AT PID ALONE_MS ALONE_RSS ALONE_CPU SUITE_MS SUITE_RSS
alone_start() {
  local name="$1" key="$3"
  start_timed "$name" "$2" "${@:4}"
  bench_wait_ready "${PORT[$name]}" "${PID[$name]}" "$TIMEOUT" "$OUT/$name$2.log"
  ALONE_MS[$key]=$(($(bench_ms) - STARTED_AT[$name]))
  ALONE_RSS[$key]="$(bench_rss_mb "${PID[$name]}")"
  ALONE_CPU[$key]="$(bench_cpu_seconds "${PID[$name]}")"
  say "$key ready in ${ALONE_MS[$key]} ms, RSS ${ALONE_RSS[$key]} MB, ${ALONE_CPU[$key]} CPU s"
  bench_stop "${PID[$name]}"
}

load_before="$(bench_load)"
started="$(bench_now)"

for name in $(service_names); do
  say "Starting $name alone without a CDS archive (port ${PORT[$name]}, database ${DB[$name]})"
  alone_start "$name" "-plain" "$name/plain"
  if [[ "$(service_cds_opt "$name")" == -XX:ArchiveClassesAtExit=* ]]; then
    say "Writing $name's CDS archive (an unmeasured start, as ./portal's first)"
    alone_start "$name" "-archiving" "$name/archiving" "$(service_cds_opt "$name")"
  fi
  say "Starting $name alone with its CDS archive"
  alone_start "$name" "" "$name" "$(service_cds_opt "$name")"
  if service_jvm_opts "$name" | grep -qx -- -XX:TieredStopAtLevel=1; then
    say "Starting $name alone with its CDS archive and C2 as well (context: what C1 alone saves)"
    alone_start "$name" "-tiered" "$name/tiered" "$(service_cds_opt "$name")" -XX:TieredStopAtLevel=4
  fi
done
load_middle="$(bench_load)"

say "Starting all seven at once, with their CDS archives"
suite_started="$(bench_ms)"
for name in $(service_names); do start_timed "$name" "-suite" "$(service_cds_opt "$name")"; done
# Each service's own time: polled in turn, each poll notes the first 200.
mapfile -t pending < <(service_names)
deadline=$((SECONDS + TIMEOUT))
while ((${#pending[@]} > 0)); do
  still=()
  for name in "${pending[@]}"; do
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:${PORT[$name]}/q/health/ready")" == 200 ]]; then
      SUITE_MS[$name]=$(($(bench_ms) - STARTED_AT[$name]))
      SUITE_RSS[$name]="$(bench_rss_mb "${PID[$name]}")"
    else
      kill -0 "${PID[$name]}" 2>/dev/null || { print_log_tail "$OUT/$name-suite.log" 30; die "$name exited during the suite start"; }
      still+=("$name")
    fi
  done
  pending=("${still[@]+"${still[@]}"}")
  ((${#pending[@]} == 0)) && break
  ((SECONDS < deadline)) || die "not ready within ${TIMEOUT}s: ${pending[*]}"
  sleep 0.05
done
suite_ms=$(($(bench_ms) - suite_started))
suite_rss_total="$(for name in $(service_names); do bench_rss_mb "${PID[$name]}"; echo; done | awk '{s += $1} END {printf "%.0f", s}')"
load_after="$(bench_load)"
bench_stop_all

seconds() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }
: >"$OUT/plot.dat"
for name in $(service_names); do
  echo "${name%-service} $(seconds "${ALONE_MS[$name/plain]}") $(seconds "${ALONE_MS[$name]}") $(seconds "${SUITE_MS[$name]}") ${ALONE_RSS[$name]} ${SUITE_RSS[$name]}" >>"$OUT/plot.dat"
done

gnuplot <<EOF
set terminal pngcairo size 1000,450 font "DejaVu Sans,10"
set output "$ROOT/$PLOT"
set multiplot layout 1,2 title "Start-up of the packaged services ($started, load $load_before)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set grid ytics
set xtics rotate by -30
set key outside bottom center horizontal
set yrange [0:*]
set title "time to /q/health/ready 200 (s)"
set arrow 1 from graph 0, first 3 to graph 1, first 3 nohead dashtype 2 linecolor rgb "red"
plot "$OUT/plot.dat" using 2:xtic(1) title "alone, no archive", "" using 3 title "alone, CDS archive", "" using 4 title "all seven at once"
set title "RSS when ready (MB)"
set arrow 1 from graph 0, first 250 to graph 1, first 250 nohead dashtype 2 linecolor rgb "red"
plot "$OUT/plot.dat" using 5:xtic(1) title "alone, CDS archive", "" using 6 title "all seven at once"
unset multiplot
EOF

section="$OUT/section.md"
{
  echo "## Start-up"
  echo
  echo "Run $started by \`deploy/local/bench-startup.sh\` on $(bench_cores) cores; load average (1, 5, 15 min) $load_before"
  echo "before, $load_middle after the one-at-a-time starts, $load_after after the suite start (a load above the core"
  echo "count means other work shared the cores). Each packaged service (\`java $(bench_jvm_flags environment-service) -jar quarkus-run.jar\`, the flags of"
  echo "\`./portal up\`; the gateway without \`-XX:TieredStopAtLevel=1\`; default profile: no demo seeding), started alone without and then with its AppCDS archive"
  echo "(\`-XX:SharedArchiveFile\`, the classes a first start loaded, which ./portal writes at a service's first exit), then"
  echo "all seven at once with their archives; each timed from the \`java\` fork to the first 200 from"
  echo "\`/q/health/ready\` (polled every 50 ms); RSS from /proc at that moment. Kafka topics \`$BENCH_TOPIC_PREFIX*\`, outbox relay"
  echo "held back (\`outbox.relay.interval=24h\`). Databases (Flyway migrates them at start):"
  echo "$(for name in $(service_names); do [[ "${DB[$name]}" == - ]] || printf '\x60%s\x60 ' "${DB[$name]}"; done)(the gateway has none)."
  echo
  echo "| service | ready alone, no archive (s) | CPU s | ready alone, archive (s) | met (< 3 s) | CPU s | RSS alone, archive (MB) | met (< 250 MB) | ready in the suite start (s) | RSS in the suite (MB) | with C2 too: ready (s) / CPU s / RSS (MB) |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  for name in $(service_names); do
    s="$(seconds "${ALONE_MS[$name]}")"
    tiered="-"
    [[ -n "${ALONE_MS[$name/tiered]:-}" ]] && tiered="$(seconds "${ALONE_MS[$name/tiered]}") / ${ALONE_CPU[$name/tiered]} / ${ALONE_RSS[$name/tiered]}"
    echo "| $name | $(seconds "${ALONE_MS[$name/plain]}") | ${ALONE_CPU[$name/plain]} | $s | $(bench_met "$s < 3") | ${ALONE_CPU[$name]} | ${ALONE_RSS[$name]} | $(bench_met "${ALONE_RSS[$name]} < 250") | $(seconds "${SUITE_MS[$name]}") | ${SUITE_RSS[$name]} | $tiered |"
  done
  echo
  echo "| figure | this run | target | met |"
  echo "|---|---|---|---|"
  echo "| whole suite, all seven started at once until all ready | $(seconds "$suite_ms") s | < 60 s | $(bench_met "$suite_ms < 60000") |"
  echo "| whole suite, RSS of the seven | $suite_rss_total MB | (context) | - |"
  echo
  echo "CPU seconds until ready (user + system, from /proc) are the work a start needs whatever the other load: with"
  echo "$(bench_cores) cores a start cannot be ready sooner than that divided by $(bench_cores), even on an idle machine."
  echo "The last column starts each domain service once more with its archive and \`-XX:TieredStopAtLevel=4\` (C2 as well"
  echo "as C1, the JVM's default): what running on C1 alone saves at start. C1 alone also gives up C2's faster code for"
  echo "long-running hot paths; these services mostly wait on PostgreSQL and Kafka, and the gateway, which does not, keeps C2."
  echo
  echo "![start-up times and RSS](bench-startup.png)"
} >"$section"
bench_write_section "Start-up" "$section"
sed -n '/^## Start-up/,/^## [^S]/p' "$BENCH_DOC"
