#!/usr/bin/env bash
# Gateway throughput and latency: the same environment-service endpoint called directly, through the packaged
# gateway and through Debian's nginx as a reverse proxy, with wrk, back to back in one run, twice.
# Writes docs/benchmarks.md "## Gateway". Needs PostgreSQL and Kafka up and the jars built.
# Environment: BENCH_GATEWAY_SECONDS (per side and round, default 15), BENCH_GATEWAY_CONNECTIONS (default 64),
# BENCH_GATEWAY_DB (environment-service's database, default deploy_wt).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ROOT
source "$ROOT/deploy/local/common.sh"
source "$ROOT/deploy/local/keys.sh"
source "$ROOT/deploy/local/services.sh"
source "$ROOT/deploy/local/bench-lib.sh"

SECONDS_PER_RUN="${BENCH_GATEWAY_SECONDS:-15}"
CONNECTIONS="${BENCH_GATEWAY_CONNECTIONS:-64}"
DB="${BENCH_GATEWAY_DB:-deploy_wt}"
PATH_UNDER_TEST="/api/environments"
ROUNDS=2
OUT="$BENCH_DIR/gateway"

bench_ensure_packages wrk:wrk nginx:nginx
bench_require_jar environment-service
bench_require_jar gateway
mkdir -p "$OUT"
trap bench_stop_all EXIT
trap "exit 130" INT TERM

env_port="$(bench_free_port)"
env_c1_port="$(bench_free_port)"
gateway_port="$(bench_free_port)"
nginx_port="$(bench_free_port)"

say "Starting environment-service on $env_port (database $DB) and the gateway on $gateway_port"
# The upstream runs with C2 (-XX:TieredStopAtLevel=4 after ./portal's flags): the fastest it can answer, so each
# proxy's overhead weighs as much as it can. ./portal runs it on C1 alone; that copy is measured directly for context.
bench_start_service environment-service "$OUT/environment-service.log" -XX:TieredStopAtLevel=4 \
  -Dquarkus.http.port="$env_port" -Dportal.db="$DB" -Dportal.kafka.topic-prefix="$BENCH_TOPIC_PREFIX"
env_pid=$BENCH_STARTED_PID
bench_start_service environment-service "$OUT/environment-service-c1.log" \
  -Dquarkus.http.port="$env_c1_port" -Dportal.db="$DB" -Dportal.kafka.topic-prefix="$BENCH_TOPIC_PREFIX"
env_c1_pid=$BENCH_STARTED_PID
# The rate limiter allows 200 requests at once and 100/s per client address; wrk is one address sending thousands
# per second, so the bench lifts both (gateway.rate-limit.*) to measure the proxy, not 429 answers.
bench_start_service gateway "$OUT/gateway.log" \
  -Dquarkus.http.port="$gateway_port" -Dportal.kafka.topic-prefix="$BENCH_TOPIC_PREFIX" \
  -Dgateway.services.environment="http://127.0.0.1:$env_port" \
  -Dgateway.rate-limit.capacity=1000000000 -Dgateway.rate-limit.per-second=1000000000
gateway_pid=$BENCH_STARTED_PID

# nginx as it is usually put in front of a service: keep-alive connections to the upstream, HTTP/1.1,
# X-Forwarded-* set like the gateway does; one worker per core, no access log (the gateway keeps none either).
cat >"$OUT/nginx.conf" <<EOF
worker_processes auto;
pid $OUT/nginx.pid;
error_log $OUT/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream environment { server 127.0.0.1:$env_port; keepalive 100; }
  server {
    listen 127.0.0.1:$nginx_port;
    location /api/ {
      proxy_pass http://environment;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$http_host;
    }
  }
}
EOF
nginx -e "$OUT/nginx-error.log" -p "$OUT" -c "$OUT/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
BENCH_PIDS+=("$nginx_pid")

bench_wait_ready "$env_port" "$env_pid" 90 "$OUT/environment-service.log"
bench_wait_ready "$env_c1_port" "$env_c1_pid" 90 "$OUT/environment-service-c1.log"
bench_wait_ready "$gateway_port" "$gateway_pid" 90 "$OUT/gateway.log"
token="$(print_dev_token viewer --user bench-viewer)"

declare -A URL=(
  [direct]="http://127.0.0.1:$env_port$PATH_UNDER_TEST"
  [gateway]="http://127.0.0.1:$gateway_port$PATH_UNDER_TEST"
  [nginx]="http://127.0.0.1:$nginx_port$PATH_UNDER_TEST"
  [direct-c1]="http://127.0.0.1:$env_c1_port$PATH_UNDER_TEST"
)
SIDES=(direct gateway nginx direct-c1)
for side in "${SIDES[@]}"; do
  code="$(curl -s -o "$OUT/$side.body" -w '%{http_code}' -H "Authorization: Bearer $token" "${URL[$side]}")"
  [[ "$code" == 200 ]] || die "$side: GET ${URL[$side]} answered HTTP $code: $(head -c 300 "$OUT/$side.body")"
done
if ! cmp -s "$OUT/direct.body" "$OUT/gateway.body" || ! cmp -s "$OUT/direct.body" "$OUT/nginx.body" || ! cmp -s "$OUT/direct.body" "$OUT/direct-c1.body"; then
  die "the sides answered different bodies (see $OUT/*.body)"
fi
body_bytes="$(wc -c <"$OUT/direct.body")"

run_wrk() {
  local side="$1" seconds="$2" file="$3"
  wrk -t2 -c"$CONNECTIONS" -d"${seconds}s" --latency --timeout 10s \
    -H "Authorization: Bearer $token" "${URL[$side]}" >"$file"
}

# wrk prints latencies as 512.00us, 1.23ms or 1.02s: milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

# The JVMs compile their hot paths with C2 for tens of seconds under load (a profile after 24 s of load still showed a
# quarter of the gateway's CPU in its C2 thread); the figures are of the steady state, as for nginx.
WARMUP_SECONDS="${BENCH_GATEWAY_WARMUP_SECONDS:-30}"
say "Warming up each side for $WARMUP_SECONDS s (JIT), not counted"
for side in "${SIDES[@]}"; do run_wrk "$side" "$WARMUP_SECONDS" "$OUT/warmup-$side.txt"; done

load_before="$(bench_load)"
started="$(bench_now)"
declare -A RPS P50 P99 ERRORS
for round in $(seq 1 "$ROUNDS"); do
  for side in "${SIDES[@]}"; do
    file="$OUT/round$round-$side.txt"
    say "Round $round: $side for ${SECONDS_PER_RUN}s"
    run_wrk "$side" "$SECONDS_PER_RUN" "$file"
    RPS[$side,$round]="$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$file")"
    P50[$side,$round]="$(to_ms "$(awk '$1 == "50%" {print $2}' "$file")")"
    P99[$side,$round]="$(to_ms "$(awk '$1 == "99%" {print $2}' "$file")")"
    ERRORS[$side,$round]="$(awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$file")"
  done
done
load_after="$(bench_load)"

# The better round of each side (higher requests/s) is the figure; the spread is the two rounds' difference.
declare -A BEST
for side in "${SIDES[@]}"; do
  BEST[$side]=1
  ((RPS[$side,2] > RPS[$side,1])) && BEST[$side]=2
done
rps() { echo "${RPS[$1,${BEST[$1]}]}"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
spread() { awk -v a="${RPS[$1,1]}" -v b="${RPS[$1,2]}" 'BEGIN { d = a - b; if (d < 0) d = -d; m = a > b ? a : b; printf "%.0f%%", 100 * d / m }'; }
vs_direct="$(ratio "$(rps gateway)" "$(rps direct)")"
vs_nginx="$(ratio "$(rps gateway)" "$(rps nginx)")"
nginx_vs_direct="$(ratio "$(rps nginx)" "$(rps direct)")"
total_errors=0
for key in "${!ERRORS[@]}"; do total_errors=$((total_errors + ERRORS[$key])); done

section="$OUT/section.md"
{
  echo "## Gateway"
  echo
  echo "Run $started by \`deploy/local/bench-gateway.sh\` on $(bench_cores) cores; load average (1, 5, 15 min) $load_before before"
  echo "the measured rounds and $load_after after them. wrk $(wrk -v 2>&1 | awk 'NR == 1 {print $2}'), 2 threads, $CONNECTIONS"
  echo "connections, ${SECONDS_PER_RUN} s per side and round, sides back to back (${SIDES[*]}), two rounds, after a"
  echo "$WARMUP_SECONDS s unmeasured warm-up of each side (the JVMs' C2 compiles; a gateway profile after 24 s of load still showed a quarter of its CPU in C2). Every request: \`GET $PATH_UNDER_TEST\` with a viewer token, answered by"
  echo "the packaged environment-service (\`java $(bench_jvm_flags environment-service) -XX:TieredStopAtLevel=4\`: ./portal's flags with"
  echo "C2 back, so the upstream answers as fast as it can and a proxy's cost weighs most; database \`$DB\`, $body_bytes-byte body) either"
  echo "directly, through the packaged gateway (\`java $(bench_jvm_flags gateway)\`) or through nginx $(nginx -v 2>&1 | sed 's|.*nginx/||') (\`worker_processes auto\`, upstream"
  echo "keep-alive). wrk, the proxies and the service share the same cores, so a proxy's CPU comes out of the service's."
  echo "direct-c1 is a second copy of the service as ./portal runs it (C1 alone, see Start-up), called directly: context"
  echo "for what C1 alone costs in throughput, not part of the ratios."
  echo "The gateway ran with \`gateway.rate-limit.capacity=1000000000\` and \`gateway.rate-limit.per-second=1000000000\`:"
  echo "its limiter (200 at once, 100/s per client address by default) would otherwise answer 429 to the single load"
  echo "generator; the limiter's filter still runs on every request."
  echo
  echo "| figure | this run | target | met |"
  echo "|---|---|---|---|"
  echo "| gateway / direct, requests/s | ${vs_direct}x | >= 0.7x | $(bench_met "$vs_direct >= 0.7") |"
  echo "| gateway / nginx, requests/s | ${vs_nginx}x | >= 0.9x | $(bench_met "$vs_nginx >= 0.9") |"
  echo
  echo "| side | requests/s (better round) | spread of the two rounds | p50 ms | p99 ms | rounds (requests/s) |"
  echo "|---|---|---|---|---|---|"
  for side in "${SIDES[@]}"; do
    b="${BEST[$side]}"
    echo "| $side | $(rps "$side") | $(spread "$side") | ${P50[$side,$b]} | ${P99[$side,$b]} | ${RPS[$side,1]}, ${RPS[$side,2]} |"
  done
  echo
  echo "nginx / direct: ${nginx_vs_direct}x; direct-c1 / direct: $(ratio "$(rps direct-c1)" "$(rps direct)")x. Non-2xx answers and socket errors over all measured rounds: $total_errors."
  echo "Latencies are wrk's for the better round of each side."
  worst="$(for side in "${SIDES[@]}"; do spread "$side"; echo; done | tr -d % | sort -n | tail -1)"
  if ((worst > 20)); then
    echo
    echo "The two rounds of one side differ by up to $worst%, more than the sides differ from each other: at this"
    echo "load the met / not met verdicts above are not reliable; rerun on a quieter machine."
  fi
} >"$section"
bench_write_section "Gateway" "$section"
sed -n '/^## Gateway/,/^## [^G]/p' "$BENCH_DOC"
