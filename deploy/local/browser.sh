# shellcheck shell=bash
# Chromium (Debian packaging) for the web UI's end-to-end tests (system-tests' BrowserEndToEndIT drives it with npm
# playwright-core; no browser is ever downloaded). Sourced after common.sh.

CHROMIUM_BIN=/usr/bin/chromium

ensure_browser() {
  apt_install_for "$CHROMIUM_BIN" chromium
}
