# shellcheck shell=bash
# System PostgreSQL (Debian packaging) for ./portal. Sourced after common.sh.

PG_PORT=5432
PG_USER=portal
PG_PASSWORD=portal
PG_DATABASES=(environment deployment monitoring alert cost admin)
# Databases of the shared libraries' own tests (the outbox module tests against a real PostgreSQL).
PG_LIBRARY_TEST_DATABASES=(outbox_test)
PG_STARTED_MARKER="$RUN_DIR/postgres.started"

# Newest installed major version, from the cluster configs or else the server binaries.
detect_postgres_version() {
  local dir path version=""
  for dir in /etc/postgresql /usr/lib/postgresql; do
    for path in "$dir"/*; do
      [[ -d "$path" && "${path##*/}" =~ ^[0-9]+$ ]] || continue
      ((${path##*/} > ${version:-0})) && version="${path##*/}"
    done
    [[ -n "$version" ]] && break
  done
  printf '%s\n' "$version"
}

# Prints "<status> <port> <datadir>" of cluster <version>/main, nothing if it does not exist.
postgres_cluster_info() {
  local version="$1"
  pg_lsclusters -h 2>/dev/null | awk -v v="$version" '$1 == v && $2 == "main" { print $4, $3, $6 }'
}

install_postgres_if_missing() {
  if command -v pg_ctlcluster >/dev/null 2>&1 && [[ -n "$(detect_postgres_version)" ]]; then
    return 0
  fi
  say "PostgreSQL is not installed; installing it with apt-get (needs root)"
  ((EUID == 0)) || die "PostgreSQL is missing and installing it needs root: apt-get install -y postgresql"
  # 9>&-: the package scripts may start the server, which must not inherit the portal lock.
  DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 9>&-
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 9>&-
  command -v pg_ctlcluster >/dev/null 2>&1 || die "apt-get install postgresql did not provide pg_ctlcluster"
}

create_postgres_cluster_if_missing() {
  local version="$1"
  [[ -n "$(postgres_cluster_info "$version")" ]] && return 0
  say "Creating PostgreSQL $version cluster 'main' on port $PG_PORT"
  pg_createcluster --port "$PG_PORT" "$version" main >&2 9>&-
}

# Run SQL as the postgres superuser over the local socket (peer auth).
# cd / because su keeps the cwd, which the postgres user may not be allowed to read.
run_psql_as_superuser() {
  (cd / && su postgres -c "psql -X -q -v ON_ERROR_STOP=1 -p $PG_PORT -d postgres" >/dev/null)
}

start_postgres_if_stopped() {
  local version="$1" info status port
  info="$(postgres_cluster_info "$version")"
  read -r status port _ <<<"$info"
  [[ "$port" == "$PG_PORT" ]] ||
    die "PostgreSQL cluster $version/main is configured for port $port, but the services expect $PG_PORT"
  if [[ "$status" == online* ]]; then
    # Already running: keep an earlier "yes" (we started it in a previous `up`), else note "no".
    [[ -f "$PG_STARTED_MARKER" ]] || echo no >"$PG_STARTED_MARKER"
    return 0
  fi
  if port_is_open 127.0.0.1 "$PG_PORT"; then
    die "port $PG_PORT is in use, but cluster $version/main is down: another PostgreSQL? Stop it or free the port"
  fi
  say "Starting PostgreSQL $version"
  # 9>&-: the postmaster lives on and must not keep the portal lock open.
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 9>&- ||
    die "could not start PostgreSQL $version/main; see /var/log/postgresql/postgresql-$version-main.log"
  echo yes >"$PG_STARTED_MARKER"
}

wait_for_postgres() {
  local deadline=$((SECONDS + 30))
  until pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; do
    ((SECONDS < deadline)) || die "PostgreSQL did not accept connections on 127.0.0.1:$PG_PORT within 30 s"
    sleep 0.5
  done
}

# Role portal/portal and the six service databases plus their *_test twins (unit and @QuarkusTest
# runs), *_e2e twins (system-tests, which start the packaged services), *_rep twins (system-tests' two-replica
# runs) and *_flt twins (system-tests' fault tests), idempotently.
create_portal_role_and_databases() {
  local sql db
  sql="DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD';
  END IF;
END \$\$;
"
  local names=("${PG_LIBRARY_TEST_DATABASES[@]}") name
  for db in "${PG_DATABASES[@]}"; do
    names+=("$db" "${db}_test" "${db}_e2e" "${db}_rep" "${db}_flt")
  done
  for name in "${names[@]}"; do
    sql+="SELECT 'CREATE DATABASE $name OWNER $PG_USER' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$name')\\gexec
"
  done
  printf '%s' "$sql" | run_psql_as_superuser || die "could not create the PostgreSQL role/databases for '$PG_USER'"
}

verify_portal_login() {
  PGPASSWORD="$PG_PASSWORD" psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d environment -tAc 'select 1' >/dev/null 2>&1 ||
    die "cannot log in as $PG_USER on 127.0.0.1:$PG_PORT (check pg_hba.conf allows scram-sha-256 from 127.0.0.1)"
}

ensure_postgres() {
  local version
  install_postgres_if_missing
  version="$(detect_postgres_version)"
  [[ -n "$version" ]] || die "could not detect the installed PostgreSQL version (ls /etc/postgresql)"
  create_postgres_cluster_if_missing "$version"
  start_postgres_if_stopped "$version"
  wait_for_postgres
  create_portal_role_and_databases
  verify_portal_login
  say "PostgreSQL $version ready on 127.0.0.1:$PG_PORT (user $PG_USER, databases ${PG_DATABASES[*]} + *_test, *_e2e, *_rep, *_flt)"
}

stop_postgres_if_we_started_it() {
  local version info status
  if [[ "$(cat "$PG_STARTED_MARKER" 2>/dev/null || true)" != yes ]]; then
    rm -f "$PG_STARTED_MARKER"
    return 0
  fi
  version="$(detect_postgres_version)"
  info="$(postgres_cluster_info "$version")"
  read -r status _ <<<"$info"
  if [[ "$status" == online* ]]; then
    say "Stopping PostgreSQL $version (started by ./portal)"
    pg_ctlcluster --skip-systemctl-redirect "$version" main stop >&2 9>&- ||
      warn "pg_ctlcluster $version main stop failed"
  fi
  rm -f "$PG_STARTED_MARKER"
}

print_postgres_status() {
  local version info status port datadir pid=-
  version="$(detect_postgres_version)"
  if [[ -z "$version" ]] || ! command -v pg_lsclusters >/dev/null 2>&1; then
    printf '%-20s %-8s pid=%-8s port=%-5s %s\n' postgresql missing - "$PG_PORT" "not installed"
    return 0
  fi
  info="$(postgres_cluster_info "$version")"
  read -r status port datadir <<<"$info"
  if [[ "$status" == online* ]]; then
    pid="$(head -n 1 "$datadir/postmaster.pid" 2>/dev/null || echo -)"
    printf '%-20s %-8s pid=%-8s port=%-5s version=%s started-by-portal=%s\n' postgresql running "$pid" "$port" \
      "$version" "$(cat "$PG_STARTED_MARKER" 2>/dev/null || echo no)"
  else
    printf '%-20s %-8s pid=%-8s port=%-5s version=%s\n' postgresql stopped - "${port:-$PG_PORT}" "$version"
  fi
}

postgres_log_file() {
  printf '/var/log/postgresql/postgresql-%s-main.log\n' "$(detect_postgres_version)"
}
