# shellcheck shell=bash
# Ethereum JSON-RPC dev node (hardhat 2 from npm) that deployment-service's health-check tests run
# as a real peer. Sourced after common.sh. Installed once into .portal/npm; tests never download.

DEVCHAIN_NPM_DIR="$PORTAL_DIR/npm"
# The newest 2.x (`npm view hardhat@2 version`); hardhat 3 changed its node command and config.
DEVCHAIN_HARDHAT_VERSION="2.29.1"

ensure_devchain_packages() {
  local installed="$DEVCHAIN_NPM_DIR/node_modules/hardhat/package.json"
  if [[ -x "$DEVCHAIN_NPM_DIR/node_modules/.bin/hardhat" && -f "$installed" ]] &&
    grep -qF "\"version\": \"$DEVCHAIN_HARDHAT_VERSION\"" "$installed"; then
    return 0
  fi
  require_command npm "needed once to install the hardhat dev chain for the health-check tests"
  say "Installing hardhat@$DEVCHAIN_HARDHAT_VERSION into $DEVCHAIN_NPM_DIR (once)"
  mkdir -p "$DEVCHAIN_NPM_DIR"
  npm install --prefix "$DEVCHAIN_NPM_DIR" --no-audit --no-fund --loglevel=error \
    "hardhat@$DEVCHAIN_HARDHAT_VERSION" >&2 ||
    die "npm could not install hardhat@$DEVCHAIN_HARDHAT_VERSION into $DEVCHAIN_NPM_DIR"
}
