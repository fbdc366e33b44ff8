# shellcheck shell=bash
# Shared helpers for ./portal. Sourced, never executed; expects ROOT to be set by the caller.

: "${ROOT:?ROOT must be set before sourcing deploy/local/common.sh}"

PORTAL_DIR="$ROOT/.portal"
RUN_DIR="$PORTAL_DIR/run"
LOG_DIR="$PORTAL_DIR/logs"
KEYS_DIR="$PORTAL_DIR/keys"
KAFKA_DIR="$PORTAL_DIR/kafka"
# shellcheck disable=SC2034 # used by the other sourced helpers
LOCAL_DEPLOY_DIR="$ROOT/deploy/local"

# Progress goes to stderr so that commands whose stdout is consumed
# (e.g. `$(./portal token viewer)`) stay clean.
say() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'portal: warning: %s\n' "$*" >&2; }
die() {
  printf 'portal: error: %s\n' "$*" >&2
  exit 1
}

# Installs a Debian package unless the program it provides is there already (idempotent), as root:
# apt_install_for <program (a path or a command)> <package>. No recommends (they would start daemons); 9>&-: package
# scripts may start a daemon, which must not inherit the portal lock.
apt_install_for() {
  local program="$1" package="$2"
  command -v "$program" >/dev/null 2>&1 && return 0
  say "$program is not installed; installing Debian's $package with apt-get (needs root)"
  ((EUID == 0)) || die "$program is missing and installing it needs root: apt-get install -y $package"
  DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 9>&-
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$package" >&2 9>&-
  command -v "$program" >/dev/null 2>&1 || die "apt-get install $package did not provide $program"
}

require_command() {
  local cmd="$1" hint="${2:-}"
  command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' is not installed${hint:+ ($hint)}"
}

ensure_state_dirs() {
  mkdir -p "$RUN_DIR" "$LOG_DIR" "$KEYS_DIR" "$KAFKA_DIR"
}

# Serialise infra changes: two concurrent `./portal test` runs must not both start Kafka.
# fd 9 holds the lock; every background process we launch closes it (9>&-) so that a
# long-running child never keeps the lock.
acquire_portal_lock() {
  ensure_state_dirs
  exec 9>"$PORTAL_DIR/portal.lock"
  if ! flock -n 9; then
    say "Waiting for another ./portal command to finish (lock $PORTAL_DIR/portal.lock)"
    flock -w 300 9 || die "timed out waiting for the lock $PORTAL_DIR/portal.lock"
  fi
}

release_portal_lock() {
  # Closing fd 9 drops the lock (a plain `exec` with no command keeps its redirections).
  exec 9>&-
}

# True when something accepts TCP connections on host:port (bash /dev/tcp; no nc here).
port_is_open() {
  local host="$1" port="$2"
  timeout 2 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null
}

pid_is_alive() {
  local pid="$1"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null
}

# Reads a pid file; prints the pid only if that process is alive and its command line
# contains the given marker (guards against pid reuse after a reboot or crash).
live_pid_from_file() {
  local pid_file="$1" marker="$2" pid
  [[ -f "$pid_file" ]] || return 1
  pid="$(tr -d '[:space:]' <"$pid_file")"
  pid_is_alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker" || return 1
  printf '%s\n' "$pid"
}

# SIGTERM, wait up to <timeout> seconds, then SIGKILL. Accepts several pids so that a
# group of services shuts down in parallel.
terminate_pids() {
  local timeout="$1"
  shift
  local pids=("$@") pid deadline remaining
  ((${#pids[@]} > 0)) || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  deadline=$((SECONDS + timeout))
  while ((SECONDS < deadline)); do
    remaining=()
    for pid in "${pids[@]}"; do
      pid_is_alive "$pid" && remaining+=("$pid")
    done
    ((${#remaining[@]} == 0)) && return 0
    sleep 0.3
  done
  for pid in "${pids[@]}"; do
    if pid_is_alive "$pid"; then
      warn "pid $pid did not stop within ${timeout}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}

print_log_tail() {
  local file="$1" lines="${2:-30}"
  if [[ -f "$file" ]]; then
    printf -- '----- last %s lines of %s -----\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" >&2
    printf -- '-----\n' >&2
  else
    printf '(no log file at %s)\n' "$file" >&2
  fi
}
