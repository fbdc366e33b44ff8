# shellcheck shell=bash
# The platform peers monitoring collects from locally, installed from npm under .portal (never
# committed) and started by ./portal up: the local-devnet chain (hardhat, see devchain.sh) with
# the CCIP Router and its lane deployed, and a Hyperledger Cacti API server. Sourced after
# common.sh and devchain.sh. Tests use the same packages and start their own instances on free ports.

CACTI_NPM_DIR="$PORTAL_DIR/cacti"
CACTI_VERSION="1.0.0"
CHAINLINK_DIR="$PORTAL_DIR/chainlink"
# `npm i @chainlink/contracts*` fails (a dependency points at a git host): npm pack and untar instead.
CHAINLINK_PACKAGES=("@chainlink/contracts-ccip@2.0.0" "@chainlink/contracts@1.5.0" "@chainlink/local@0.2.9")
SOLC_VERSION="0.8.24"
LOCAL_DEVNET_PORT=8545
LOCAL_DEVNET_CACTI_PORT=4000
LOCAL_DEVNET_CACTI_GRPC_PORT=4001
LOCAL_DEVNET_HARDHAT_PID="$RUN_DIR/local-devnet.pid"
LOCAL_DEVNET_CACTI_PID="$RUN_DIR/local-devnet-cacti.pid"
# Where ccip-devnet.js deploys the Router on a fresh node (the catalogue's local-devnet ccipRouter).
LOCAL_DEVNET_ROUTER="0xe7f1725e7734ce288f8367e1bb143e90bb3f0512"

ensure_cacti_packages() {
  [[ -f "$CACTI_NPM_DIR/node_modules/@hyperledger/cactus-cmd-api-server/package.json" ]] && return 0
  require_command npm "needed once to install the Cacti API server"
  say "Installing @hyperledger/cactus-cmd-api-server@$CACTI_VERSION into $CACTI_NPM_DIR (once)"
  mkdir -p "$CACTI_NPM_DIR"
  npm install --prefix "$CACTI_NPM_DIR" --no-audit --no-fund --loglevel=error \
    "@hyperledger/cactus-cmd-api-server@$CACTI_VERSION" >&2 9>&- ||
    die "npm could not install the Cacti API server into $CACTI_NPM_DIR"
}

ensure_chainlink_packages() {
  [[ -d "$CHAINLINK_DIR/chainlink-local-0.2.9/package" && -d "$CHAINLINK_DIR/node_modules/solc" ]] && return 0
  require_command npm "needed once to fetch the Chainlink contracts and solc"
  say "Fetching ${CHAINLINK_PACKAGES[*]} and solc@$SOLC_VERSION into $CHAINLINK_DIR (once)"
  mkdir -p "$CHAINLINK_DIR"
  (cd "$CHAINLINK_DIR" && npm pack --loglevel=error "${CHAINLINK_PACKAGES[@]}" >/dev/null 9>&-) ||
    die "npm pack of the Chainlink packages failed"
  local tarball
  for tarball in "$CHAINLINK_DIR"/*.tgz; do
    mkdir -p "${tarball%.tgz}"
    tar -xzf "$tarball" -C "${tarball%.tgz}" || die "cannot unpack $tarball"
  done
  npm install --prefix "$CHAINLINK_DIR" --no-audit --no-fund --loglevel=error "solc@$SOLC_VERSION" >&2 9>&- ||
    die "npm could not install solc@$SOLC_VERSION into $CHAINLINK_DIR"
}

ensure_platform_peer_packages() {
  ensure_cacti_packages
  ensure_chainlink_packages
}

local_devnet_rpc() {
  curl -s --max-time 2 -H 'Content-Type: application/json' \
    -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$1\",\"params\":$2}" "http://127.0.0.1:$LOCAL_DEVNET_PORT" 2>/dev/null || true
}

start_local_devnet() {
  require_command node
  local pid waited=0
  if pid="$(live_pid_from_file "$LOCAL_DEVNET_HARDHAT_PID" hardhat)"; then
    say "local-devnet chain already running (pid $pid, port $LOCAL_DEVNET_PORT)"
  else
    port_is_open 127.0.0.1 "$LOCAL_DEVNET_PORT" &&
      die "port $LOCAL_DEVNET_PORT for the local-devnet chain is in use by another process"
    (
      cd "$DEVCHAIN_NPM_DIR" || exit 1
      exec setsid ./node_modules/.bin/hardhat --config "$LOCAL_DEPLOY_DIR/devnet/hardhat.config.js" node \
        --hostname 127.0.0.1 --port "$LOCAL_DEVNET_PORT" </dev/null >"$LOG_DIR/local-devnet.log" 2>&1 9>&-
    ) &
    echo $! >"$LOCAL_DEVNET_HARDHAT_PID"
    until local_devnet_rpc eth_chainId '[]' | grep -q '"result"'; do
      ((waited++ < 60)) || die "the local-devnet chain did not answer on port $LOCAL_DEVNET_PORT (log .portal/logs/local-devnet.log)"
      sleep 1
    done
    say "Started the local-devnet chain (hardhat, port $LOCAL_DEVNET_PORT, log .portal/logs/local-devnet.log)"
  fi
  if local_devnet_rpc eth_getCode "[\"$LOCAL_DEVNET_ROUTER\",\"latest\"]" | grep -q '"result":"0x"'; then
    say "Deploying the CCIP Router and its lane on local-devnet"
    node "$LOCAL_DEPLOY_DIR/ccip-devnet.js" "http://127.0.0.1:$LOCAL_DEVNET_PORT" "$CHAINLINK_DIR" --demo-traffic \
      >"$RUN_DIR/local-devnet-ccip.json" 9>&- || die "deploying the CCIP lane on local-devnet failed"
    grep -qi "\"router\":\"$LOCAL_DEVNET_ROUTER\"" "$RUN_DIR/local-devnet-ccip.json" ||
      die "the CCIP Router landed elsewhere than the catalogue's $LOCAL_DEVNET_ROUTER (was the chain not fresh?)"
  fi
  if pid="$(live_pid_from_file "$LOCAL_DEVNET_CACTI_PID" cacti-api-server)"; then
    say "Cacti API server already running (pid $pid, port $LOCAL_DEVNET_CACTI_PORT)"
  else
    port_is_open 127.0.0.1 "$LOCAL_DEVNET_CACTI_PORT" &&
      die "port $LOCAL_DEVNET_CACTI_PORT for the Cacti API server is in use by another process"
    (
      exec setsid node "$LOCAL_DEPLOY_DIR/cacti-api-server.js" "$CACTI_NPM_DIR" "$LOCAL_DEVNET_CACTI_PORT" \
        "$LOCAL_DEVNET_CACTI_GRPC_PORT" </dev/null >"$LOG_DIR/local-devnet-cacti.log" 2>&1 9>&-
    ) &
    echo $! >"$LOCAL_DEVNET_CACTI_PID"
    say "Started the Cacti API server (port $LOCAL_DEVNET_CACTI_PORT, log .portal/logs/local-devnet-cacti.log)"
  fi
}

stop_local_devnet() {
  local pids=() pid
  pid="$(live_pid_from_file "$LOCAL_DEVNET_CACTI_PID" cacti-api-server)" && pids+=("$pid")
  pid="$(live_pid_from_file "$LOCAL_DEVNET_HARDHAT_PID" hardhat)" && pids+=("$pid")
  # The lane's traffic process (ccip-devnet.js --keep-alive, detached) goes with its chain.
  while read -r pid; do pids+=("$pid"); done < <(pgrep -f "ccip-devnet.js http://127.0.0.1:$LOCAL_DEVNET_PORT .* --keep-alive" || true)
  if ((${#pids[@]} > 0)); then
    say "Stopping the local-devnet chain, its CCIP traffic and the Cacti API server"
    terminate_pids 10 "${pids[@]}"
  fi
  rm -f "$LOCAL_DEVNET_CACTI_PID" "$LOCAL_DEVNET_HARDHAT_PID"
}
