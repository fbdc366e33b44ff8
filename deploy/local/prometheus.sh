# shellcheck shell=bash
# Prometheus (Debian packaging) for ./portal. Sourced after common.sh. Only the binary is needed:
# the canary analysis tests start their own Prometheus on a free loopback port with a temp config.

PROMETHEUS_BIN=/usr/bin/prometheus

ensure_prometheus_installed() {
  [[ -x "$PROMETHEUS_BIN" ]] && return 0
  apt_install_for "$PROMETHEUS_BIN" prometheus
  stop_packaged_prometheus_service
}

# The package starts a system service on :9090 where an init system lets it; nothing here uses it.
stop_packaged_prometheus_service() {
  local pids
  if command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
    systemctl disable --now prometheus.service >&2 2>/dev/null || true
  elif [[ -x /etc/init.d/prometheus ]]; then
    /etc/init.d/prometheus stop >&2 9>&- || true
  fi
  # Whatever the init system, no daemon with the packaged config may be left behind.
  pids="$(pgrep -f -x "$PROMETHEUS_BIN.*--config.file[= ]/etc/prometheus/prometheus.yml.*|$PROMETHEUS_BIN" || true)"
  if [[ -n "$pids" ]]; then
    say "Stopping the Prometheus service the package started (pid $(echo "$pids" | tr '\n' ' '))"
    # shellcheck disable=SC2086 # one pid per word
    terminate_pids 10 $pids
  fi
}
