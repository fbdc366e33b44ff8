# shellcheck shell=bash
# Alertmanager (Debian packaging) for ./portal. Sourced after common.sh. Only the binary is needed:
# alert-service's tests start their own Alertmanager on a free loopback port with a temp config.

ALERTMANAGER_BIN=/usr/bin/prometheus-alertmanager

ensure_alertmanager_installed() {
  [[ -x "$ALERTMANAGER_BIN" ]] && return 0
  apt_install_for "$ALERTMANAGER_BIN" prometheus-alertmanager
  stop_packaged_alertmanager_service
}

# The package starts a system service on :9093 (Kafka's controller port here) where an init system
# lets it; nothing here uses it.
stop_packaged_alertmanager_service() {
  local pids
  if command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
    systemctl disable --now prometheus-alertmanager.service >&2 2>/dev/null || true
  elif [[ -x /etc/init.d/prometheus-alertmanager ]]; then
    /etc/init.d/prometheus-alertmanager stop >&2 9>&- || true
  fi
  # Whatever the init system, no daemon with the packaged config may be left behind.
  pids="$(pgrep -f -x "$ALERTMANAGER_BIN|$ALERTMANAGER_BIN.*--config.file[= ]/etc/prometheus/alertmanager.yml.*" || true)"
  if [[ -n "$pids" ]]; then
    say "Stopping the Alertmanager service the package started (pid $(echo "$pids" | tr '\n' ' '))"
    # shellcheck disable=SC2086 # one pid per word
    terminate_pids 10 $pids
  fi
}
