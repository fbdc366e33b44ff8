#!/usr/bin/env bash
# WebSocket fan-out: BENCH_WS_CLIENTS (default 10,000) clients in one Node process on one packaged gateway's live
# feed; events published on bench.environment-events carry their publish time; the latency is each client's
# receipt time minus it. Also the gateway's RSS. Writes docs/benchmarks.md "## WebSocket fan-out" and
# docs/bench-websocket-latency.png. Needs Kafka up and the gateway jar built; npm installs ws and kafkajs
# into .portal/bench/node. Environment: BENCH_WS_CLIENTS, BENCH_WS_EVENTS (default 20), BENCH_WS_INTERVAL_MS (1000).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ROOT
source "$ROOT/deploy/local/common.sh"
source "$ROOT/deploy/local/keys.sh"
source "$ROOT/deploy/local/services.sh"
source "$ROOT/deploy/local/bench-lib.sh"

CLIENTS="${BENCH_WS_CLIENTS:-10000}"
OUT="$BENCH_DIR/websocket"
PLOT="docs/bench-websocket-latency.png"

require_command node
bench_ensure_packages gnuplot:gnuplot-nox
bench_ensure_npm ws@8 kafkajs@2
bench_require_jar gateway
mkdir -p "$OUT"
rm -f "$OUT/summary.json" "$OUT/latencies.txt" "$OUT/cdf.txt"
trap bench_stop_all EXIT
trap "exit 130" INT TERM

# One connection is one file descriptor on each side; the gateway and Node inherit this limit.
hard_limit="$(ulimit -Hn)"
want=$((CLIENTS + 1024))
[[ "$hard_limit" == unlimited ]] || ((hard_limit >= want)) ||
  die "the hard open-files limit is $hard_limit; $CLIENTS clients need $want (raise it, e.g. in /etc/security/limits.conf)"
ulimit -n "$want"

export BENCH_NODE_DIR="$BENCH_DIR/node" BENCH_TOPIC_PREFIX BENCH_OUT="$OUT"
# The topics exist before the gateway subscribes, so its consumer is assigned partitions at once.
node "$LOCAL_DEPLOY_DIR/bench-websocket.mjs" topics

gateway_port="$(bench_free_port)"
say "Starting the gateway on $gateway_port (topics ${BENCH_TOPIC_PREFIX}*)"
# BENCH_WS_GATEWAY_OPTS: JVM options added after ./portal's flags (a later -Xmx wins); none by default, so the gateway
# runs as ./portal up runs it.
GATEWAY_OPTS="${BENCH_WS_GATEWAY_OPTS-}"
read -r -a gateway_opts <<<"$GATEWAY_OPTS"
bench_start_service gateway "$OUT/gateway.log" "${gateway_opts[@]}" \
  -Dquarkus.http.port="$gateway_port" -Dportal.kafka.topic-prefix="$BENCH_TOPIC_PREFIX"
gateway_pid=$BENCH_STARTED_PID
bench_wait_ready "$gateway_port" "$gateway_pid" 90 "$OUT/gateway.log"

load_before="$(bench_load)"
started="$(bench_now)"
say "Connecting $CLIENTS clients and publishing ${BENCH_WS_EVENTS:-20} events"
BENCH_WS_URL="ws://127.0.0.1:$gateway_port/ws" BENCH_TOKEN="$(print_dev_token viewer --user bench-viewer)" \
  BENCH_GATEWAY_PID="$gateway_pid" node "$LOCAL_DEPLOY_DIR/bench-websocket.mjs" run
load_after="$(bench_load)"
kill -0 "$gateway_pid" 2>/dev/null || { print_log_tail "$OUT/gateway.log" 30; die "the gateway died during the run"; }

field() { node -e "const v = require('$OUT/summary.json')['$1']; console.log(typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(1)) : JSON.stringify(v))"; }
p50="$(field p50)" p99="$(field p99)" max="$(field max)" rss_peak="$(field rssPeakMb)"
connected="$(field connected)" received="$(field received)" expected="$(field expected)"

gnuplot <<EOF
set terminal pngcairo size 900,500 font "DejaVu Sans,10"
set output "$ROOT/$PLOT"
set title "WebSocket fan-out: publish-to-client latency, $connected clients, one gateway ($started, load $load_before)"
set xlabel "latency (ms)"
set ylabel "share of deliveries received (%)"
set grid
set key bottom right
set yrange [0:100]
set arrow from 250, graph 0 to 250, graph 1 nohead dashtype 2 linecolor rgb "red"
set label "target p99 < 250 ms" at 255, 10 textcolor rgb "red"
plot "$OUT/cdf.txt" using 1:2 with lines linewidth 2 title "share of deliveries at or below the latency"
EOF

section="$OUT/section.md"
{
  echo "## WebSocket fan-out"
  echo
  echo "Run $started by \`deploy/local/bench-websocket.sh\` on $(bench_cores) cores; load average (1, 5, 15 min) $load_before before"
  echo "the clients connected and $load_after after the last event (a load above the core count means other work shared the cores)."
  echo "One packaged gateway (\`java $(bench_jvm_flags gateway) ${GATEWAY_OPTS}\`, \`portal.kafka.topic-prefix=$BENCH_TOPIC_PREFIX\`), $CLIENTS"
  echo "clients in one Node $(node --version) process (npm \`ws\` $(node -e "console.log(require('$BENCH_DIR/node/node_modules/ws/package.json').version)"),"
  echo "viewer token as browsers send it: \`Sec-WebSocket-Protocol: bearer-token-carrier,\`"
  echo "\`quarkus-http-upgrade%23Authorization%23Bearer%20<jwt>\`) on \`/ws\`. The same process publishes"
  echo "$(field events) CloudEvents (\`io.orchestration.environment.updated\`, kafkajs, acks=all) to \`${BENCH_TOPIC_PREFIX}environment-events\`,"
  echo "one every $(field intervalMs) ms after $(field warmups) unmeasured warm-up events, each with its publish time in the payload;"
  echo "a delivery's latency is the client's receipt time minus that time (one clock), so it includes Kafka, the"
  echo "gateway and the Node client's own queue."
  echo
  echo "| figure | this run | target | met |"
  echo "|---|---|---|---|"
  echo "| clients connected | $connected of $CLIENTS | $CLIENTS | $(bench_met "$connected >= $CLIENTS") |"
  echo "| deliveries received | $received of $expected | all | $(bench_met "$received >= $expected") |"
  echo "| latency p99 | $p99 ms | < 250 ms | $(bench_met "$p99 < 250") |"
  echo "| gateway RSS, peak during the run | $rss_peak MB | < 300 MB | $(bench_met "$rss_peak < 300") |"
  echo
  echo "Latency p50 $p50 ms, p90 $(field p90) ms, max $max ms. Connecting the clients took $(field connectSeconds) s"
  echo "(200 handshakes in flight; failures: $(field failures)). Gateway RSS $(field rssBeforeMb) MB before the clients, $(field rssConnectedMb) MB"
  echo "with all connected. For scale (issue 10): Socket.IO 4 with the same client set-up measured p50 ≈ 380 ms, p99 ≈ 850 ms, 300 MB."
  echo "Each connection added $(node -e "const s = require('$OUT/summary.json'); console.log(((s.rssConnectedMb - s.rssBeforeMb) * 1024 / s.connected).toFixed(1))") KB"
  echo "of RSS on average (the difference of the two RSS figures over the clients connected). The gateway keeps a plain Vert.x"
  echo "socket per client with its role and its token's id and expiry, nothing of the upgrade request; an earlier"
  echo "annotated (websockets-next) endpoint held about 19 KB of live heap per connection and needed a 320 MB heap for 10,000."
  echo
  echo "![publish-to-client latency](bench-websocket-latency.png)"
} >"$section"
bench_write_section "WebSocket fan-out" "$section"
sed -n '/^## WebSocket fan-out/,/^## [^W]/p' "$BENCH_DOC"
