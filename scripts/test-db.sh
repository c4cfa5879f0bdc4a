#!/usr/bin/env bash
# Throwaway local PostgreSQL cluster for tests and demos. Never point this at anything you care about:
# it runs with fsync=off and trust authentication (a password only for members of retention_password_login
# over TCP), and `stop` deletes the whole cluster directory.
#
# Usage: scripts/test-db.sh start|stop|restart|status|url|psql [psql args]|stall-archiver|unstall-archiver
#
#   start             init (first time) and start the cluster; idempotent (already running: prints the URL)
#   stop              fast shutdown, then remove the cluster directory
#   restart           pg_ctl restart -m fast (every session is terminated), same port; waits until ready
#   status            exit 0 and print the URL when running, exit 3 otherwise
#   url               print the admin JDBC URL (jdbc:postgresql://127.0.0.1:PORT/postgres?user=postgres)
#   psql [args]       run psql against the cluster (PGHOST/PGPORT/PGUSER/PGDATABASE are preset; args override)
#   stall-archiver    make archive_command fail (creates <dir>/archive.stall) so WAL piles up unarchived
#   unstall-archiver  remove the flag and wake the archiver so archiving resumes at once
#
# Environment:
#   RETENTION_TESTDB_DIR   cluster directory (default <repo>/.testdb). Layout: data/ (PGDATA), archive/
#                          (archived WAL), archive.stall (flag), port, postgresql.log, unix socket.
#   RETENTION_TESTDB_PORT  TCP port (default: a free one, remembered in <dir>/port)
#   RETENTION_TESTDB_KEEP_WAL  1 (default) keeps every archived WAL segment in <dir>/archive; 0 archives to
#                          nowhere (the stall flag still works), for long runs such as the benchmark, whose
#                          archive would otherwise grow by gigabytes (read when the cluster is first created)
#
# Run as root, the server runs as the `postgres` user (initdb refuses root); the directory is chowned to it.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(cd "$script_dir/.." && pwd)

die() { echo "test-db: $*" >&2; exit 1; }
log() { echo "test-db: $*" >&2; }

testdb_dir=${RETENTION_TESTDB_DIR:-$repo_dir/.testdb}
case "$testdb_dir" in /*) ;; *) testdb_dir=$PWD/$testdb_dir ;; esac
testdb_dir=${testdb_dir%/}
[[ -n "$testdb_dir" && "$testdb_dir" != "/" ]] || die "refusing to use '/' as the cluster directory"

data_dir=$testdb_dir/data
archive_dir=$testdb_dir/archive
stall_flag=$testdb_dir/archive.stall
port_file=$testdb_dir/port
log_file=$testdb_dir/postgresql.log
marker=$testdb_dir/.retention-testdb   # proves the directory is ours before `stop` deletes it

# --- binaries -----------------------------------------------------------------------------------

has_server_bins() { [[ -n "$1" && -x "$1/initdb" && -x "$1/pg_ctl" && -x "$1/postgres" ]]; }

find_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir 2>/dev/null || true)
    if has_server_bins "$dir"; then echo "$dir"; return 0; fi
  fi
  # Debian/Ubuntu layout; newest major version first.
  while IFS= read -r dir; do
    if has_server_bins "$dir"; then echo "$dir"; return 0; fi
  done < <(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -rV)
  return 1
}

install_postgres() {
  command -v apt-get >/dev/null 2>&1 || die "no PostgreSQL server binaries found and no apt-get; install PostgreSQL (initdb, pg_ctl) and put pg_config on PATH"
  local sudo=()
  if [[ $EUID -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "no PostgreSQL server binaries found; install the 'postgresql' package (needs root)"
    sudo=(sudo)
  fi
  log "no PostgreSQL server binaries found; installing the Debian 'postgresql' package"
  "${sudo[@]}" apt-get update -qq >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

bindir=$(find_bindir || true)
resolve_bindir() {
  if [[ -z "$bindir" ]]; then
    install_postgres
    bindir=$(find_bindir) || die "installed 'postgresql' but still found no initdb/pg_ctl under /usr/lib/postgresql/*/bin"
  fi
}

# --- running as the cluster owner ---------------------------------------------------------------

as_owner() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

is_running() {
  [[ -f "$data_dir/PG_VERSION" ]] || return 1
  resolve_bindir
  as_owner "$bindir/pg_ctl" -D "$data_dir" status >/dev/null 2>&1
}

read_port() {
  [[ -s "$port_file" ]] || die "no cluster at $testdb_dir (run: scripts/test-db.sh start)"
  local p
  p=$(<"$port_file")
  [[ "$p" =~ ^[0-9]+$ ]] || die "bad port in $port_file: '$p'"
  echo "$p"
}

jdbc_url() { echo "jdbc:postgresql://127.0.0.1:$1/postgres?user=postgres"; }

port_in_use() {
  # Something accepts TCP connections there (bash's /dev/tcp). Races are handled by retrying start.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_port() {
  local p i
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    if ! port_in_use "$p"; then echo "$p"; return 0; fi
  done
  die "could not find a free TCP port"
}

# --- cluster setup ------------------------------------------------------------------------------

validate_dir_for_conf() {
  # The directory ends up inside postgresql.conf strings and archive_command (where % is special).
  case "$testdb_dir" in
    *[\'\"\\\$\`%[:space:]]*) die "cluster directory must not contain quotes, backslashes, \$, backticks, % or spaces: $testdb_dir" ;;
  esac
}

prepare_dir() {
  if [[ -e "$testdb_dir" && ! -e "$marker" ]]; then
    [[ -d "$testdb_dir" ]] || die "$testdb_dir exists and is not a directory"
    [[ -z "$(ls -A "$testdb_dir")" ]] || die "$testdb_dir exists, is not empty and is not a test cluster; choose another RETENTION_TESTDB_DIR"
  fi
  mkdir -p "$testdb_dir" "$archive_dir"
  touch "$marker"
  if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user to run the server as"
    chown -R postgres:postgres "$testdb_dir"
    runuser -u postgres -- test -w "$testdb_dir" ||
      die "user 'postgres' cannot reach $testdb_dir (a parent directory is not traversable); set RETENTION_TESTDB_DIR, e.g. /tmp/retention-testdb"
  fi
}

init_cluster() {
  log "initdb in $data_dir ($bindir)"
  as_owner "$bindir/initdb" -D "$data_dir" -U postgres --auth=trust --encoding=UTF8 --no-locale --no-sync \
    >"$testdb_dir/initdb.log" 2>&1 || { cat "$testdb_dir/initdb.log" >&2; die "initdb failed"; }

  # Trust, but only over the unix socket (inside the cluster dir) and IPv4 loopback; replication too.
  # Except members of retention_password_login (a group the tests create), who must give their password
  # over TCP: the tests of a failed login need a server that can refuse one.
  cat >"$data_dir/pg_hba.conf" <<'EOF'
# retention-cleanup throwaway test cluster: trust on local socket and loopback only
local   all           all                    trust
host    all           +retention_password_login  127.0.0.1/32  md5
host    all           all      127.0.0.1/32  trust
local   replication   all                    trust
host    replication   all      127.0.0.1/32  trust
EOF

  local socket_dir=$testdb_dir
  # Unix socket paths are limited to 107 bytes; skip the socket (TCP only) for very deep directories.
  if (( ${#testdb_dir} > 90 )); then
    log "cluster directory path is long; no unix socket (TCP only)"
    socket_dir=""
  fi

  local archive_command='test ! -f "'$stall_flag'" && test ! -f "'$archive_dir'/%f" && cp "%p" "'$archive_dir'/%f.tmp" && mv "'$archive_dir'/%f.tmp" "'$archive_dir'/%f"'
  case "${RETENTION_TESTDB_KEEP_WAL:-1}" in
    1) ;;
    0) archive_command='test ! -f "'$stall_flag'"' ;;
    *) die "RETENTION_TESTDB_KEEP_WAL must be 1 or 0, got '${RETENTION_TESTDB_KEEP_WAL}'" ;;
  esac

  cat >"$data_dir/retention-test.conf" <<EOF
# Written by scripts/test-db.sh: a small, fast, disposable test server.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$socket_dir'
max_connections = 100
shared_buffers = 128MB
work_mem = 8MB
maintenance_work_mem = 128MB
fsync = off                      # disposable data: speed over durability
synchronous_commit = off
max_wal_size = 1GB

# WAL and replication: what the WAL guards and pg_basebackup-based tests need.
wal_level = replica
max_wal_senders = 5
max_replication_slots = 5
archive_mode = on
# Fails while the stall flag exists (scripts/test-db.sh stall-archiver), else copies without overwriting.
archive_command = '$archive_command'

log_line_prefix = '%m [%p] %q%u@%d/%a '
log_min_messages = warning
log_checkpoints = off
include_if_exists = 'retention-port.conf'
EOF
  echo "include = 'retention-test.conf'" >>"$data_dir/postgresql.conf"
  if [[ $EUID -eq 0 ]]; then chown postgres:postgres "$data_dir/pg_hba.conf" "$data_dir/retention-test.conf"; fi
}

write_port() {
  echo "port = $1" >"$data_dir/retention-port.conf"
  echo "$1" >"$port_file"
  if [[ $EUID -eq 0 ]]; then chown postgres:postgres "$data_dir/retention-port.conf" "$port_file"; fi
}

wait_ready() {
  local port=$1 i
  for ((i = 0; i < 120; i++)); do
    if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres -U postgres; then return 0; fi
    sleep 0.5
  done
  tail -n 30 "$log_file" >&2 || true
  die "server on port $port did not become ready (log: $log_file)"
}

cmd_start() {
  resolve_bindir
  if is_running; then
    jdbc_url "$(read_port)"
    return 0
  fi
  validate_dir_for_conf
  prepare_dir
  [[ -f "$data_dir/PG_VERSION" ]] || init_cluster

  local attempt port
  for ((attempt = 1; attempt <= 5; attempt++)); do
    if [[ -n "${RETENTION_TESTDB_PORT:-}" ]]; then
      port=$RETENTION_TESTDB_PORT
    elif [[ -s "$port_file" ]] && ! port_in_use "$(<"$port_file")"; then
      port=$(<"$port_file")   # restart on the same port when it is still free
    else
      port=$(pick_port)
    fi
    write_port "$port"
    if as_owner "$bindir/pg_ctl" -D "$data_dir" -l "$log_file" -w -t 60 start >/dev/null; then
      wait_ready "$port"
      log "PostgreSQL $(as_owner "$bindir/postgres" --version | awk '{print $3}') running on 127.0.0.1:$port, dir $testdb_dir"
      jdbc_url "$port"
      return 0
    fi
    [[ -z "${RETENTION_TESTDB_PORT:-}" ]] || break   # a fixed port that fails will keep failing
    log "start on port $port failed (port race?); retrying with another port"
    rm -f "$port_file"
  done
  tail -n 30 "$log_file" >&2 || true
  die "could not start PostgreSQL (log: $log_file)"
}

cmd_stop() {
  if [[ ! -e "$testdb_dir" ]]; then
    return 0
  fi
  [[ -e "$marker" ]] || die "$testdb_dir is not a test cluster directory (no marker); not removing it"
  if [[ -f "$data_dir/PG_VERSION" ]] && is_running; then
    as_owner "$bindir/pg_ctl" -D "$data_dir" -m fast -w -t 60 stop >/dev/null
  fi
  rm -rf -- "$testdb_dir"
  log "stopped and removed $testdb_dir"
}

cmd_restart() {
  is_running || die "not running ($testdb_dir); run: scripts/test-db.sh start"
  local port
  port=$(read_port)
  # -m fast: sessions get admin_shutdown (57P01) and their open transactions roll back, as in a failover.
  as_owner "$bindir/pg_ctl" -D "$data_dir" -l "$log_file" -m fast -w -t 60 restart >/dev/null
  wait_ready "$port"
  log "restarted PostgreSQL on 127.0.0.1:$port"
}

cmd_status() {
  if is_running; then
    jdbc_url "$(read_port)"
    return 0
  fi
  echo "not running ($testdb_dir)" >&2
  return 3
}

cmd_url() {
  is_running || die "not running ($testdb_dir); run: scripts/test-db.sh start"
  jdbc_url "$(read_port)"
}

cmd_psql() {
  is_running || die "not running ($testdb_dir); run: scripts/test-db.sh start"
  PGHOST=127.0.0.1 PGPORT=$(read_port) PGUSER=postgres PGDATABASE=${PGDATABASE:-postgres} \
    exec "$bindir/psql" "$@"
}

cmd_stall() {
  [[ -d "$testdb_dir" ]] || die "no cluster at $testdb_dir"
  touch "$stall_flag"
  log "archiver stalled (archive_command fails while $stall_flag exists)"
}

cmd_unstall() {
  [[ -d "$testdb_dir" ]] || die "no cluster at $testdb_dir"
  rm -f "$stall_flag"
  # SIGHUP wakes the archiver, which otherwise waits up to a minute after failures before retrying.
  if is_running; then as_owner "$bindir/pg_ctl" -D "$data_dir" reload >/dev/null; fi
  log "archiver unstalled"
}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_restart ;;
  status) cmd_status ;;
  url) cmd_url ;;
  psql) shift; cmd_psql "$@" ;;
  stall-archiver) cmd_stall ;;
  unstall-archiver) cmd_unstall ;;
  -h | --help | help) usage ;;
  *) usage; exit 2 ;;
esac
