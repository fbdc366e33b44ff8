# shellcheck shell=bash
# Chromium (Debian packaging) for the web UI's end-to-end tests (system-tests' BrowserEndToEndIT drives it with npm
# playwright-core; no browser is ever downloaded). Sourced after common.sh.

CHROMIUM_BIN=/usr/bin/chromium

ensure_browser() {
  [[ -x "$CHROMIUM_BIN" ]] && return 0
  say "Chromium is not installed; installing it with apt-get (needs root, about a minute)"
  ((EUID == 0)) || die "Chromium is missing and installing it needs root: apt-get install -y chromium"
  DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 9>&-
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >&2 9>&-
  [[ -x "$CHROMIUM_BIN" ]] || die "apt-get install chromium did not provide $CHROMIUM_BIN"
}
