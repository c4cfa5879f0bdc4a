#!/usr/bin/env bash
# THE test command: runs `mvn -B verify "$@"` against a real PostgreSQL.
#
# Where the database comes from, first match wins:
#   1. RETENTION_TEST_JDBC_URL is set      -> that server (an admin URL; each test class creates its own database)
#   2. `docker info` works                 -> Testcontainers starts postgres (image: RETENTION_TEST_PG_IMAGE)
#   3. otherwise                           -> a throwaway local cluster via scripts/test-db.sh in a temp dir,
#                                             stopped and removed on exit (also on failure or Ctrl-C)
# RETENTION_TEST_NO_DOCKER=1 skips step 2 (use the local cluster even where Docker works).
#
# Needs a JDK 17+ and Maven 3.6.3+ and installs neither: when one is missing it says so and how to get it.
# It installs (apt-get, with sudo when not root) only the test-only servers the tests start themselves:
# prometheus-pushgateway and pgbouncer here, PostgreSQL in scripts/test-db.sh; their tests skip when they
# cannot be installed.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(cd "$script_dir/.." && pwd)
cd "$repo_dir"

log() { echo "test.sh: $*" >&2; }
die() { echo "test.sh: $*" >&2; exit 1; }

apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "missing $*; install it (no apt-get here)"
  local sudo=()
  if [[ $EUID -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "missing $*; install it (needs root for apt-get)"
    sudo=(sudo)
  fi
  log "installing $* with apt-get"
  "${sudo[@]}" apt-get update -qq >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

java_major() {
  # `openjdk version "17.0.15" ...` -> 17; `java version "1.8.0_392"` -> 8; nothing when absent.
  local v
  v=$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}') || return 0
  case "$v" in
    1.*) v=${v#1.}; echo "${v%%.*}" ;;
    *) echo "${v%%[.+-]*}" ;;
  esac
}

find_jdk17() {
  find /usr/lib/jvm -mindepth 1 -maxdepth 1 -name 'java-17-openjdk-*' 2>/dev/null | sort | head -n1
}

# A JDK 17+ on PATH or in JAVA_HOME, else an installed java-17-openjdk under /usr/lib/jvm; never installs one.
ensure_java() {
  local major
  major=$(java_major 2>/dev/null || true)
  if [[ -n "$major" && "$major" -ge 17 ]] && command -v "${JAVA_HOME:+$JAVA_HOME/bin/}javac" >/dev/null 2>&1; then
    return 0
  fi
  local jdk
  jdk=$(find_jdk17)
  if [[ -z "$jdk" || ! -x "$jdk/bin/javac" ]]; then
    die "needs a JDK 17 or later (found: ${major:+Java $major}${major:-no java}); install one, e.g.
  Debian/Ubuntu: sudo apt-get install openjdk-17-jdk-headless
  macOS:         brew install openjdk@17
  any system:    https://adoptium.net (Temurin 17) or sdk install java 17-tem
then put it on PATH or set JAVA_HOME"
  fi
  export JAVA_HOME=$jdk
  export PATH=$JAVA_HOME/bin:$PATH
  log "using JDK $JAVA_HOME"
}

ensure_maven() {
  command -v mvn >/dev/null 2>&1 || die "needs Maven 3.6.3 or later on PATH; install it, e.g.
  Debian/Ubuntu: sudo apt-get install maven
  macOS:         brew install maven
  any system:    https://maven.apache.org/download.cgi or sdk install maven"
}

# The metrics tests push to a real Prometheus Pushgateway (Debian's package); they skip without one.
ensure_pushgateway() {
  if [[ -z "${RETENTION_TEST_PUSHGATEWAY:-}" ]]; then
    if ! command -v prometheus-pushgateway >/dev/null 2>&1; then
      if command -v apt-get >/dev/null 2>&1; then
        ( apt_install prometheus-pushgateway ) || log "could not install prometheus-pushgateway; its tests will skip"
      else
        log "no prometheus-pushgateway and no apt-get; the Pushgateway tests will skip"
      fi
    fi
    if command -v prometheus-pushgateway >/dev/null 2>&1; then
      RETENTION_TEST_PUSHGATEWAY=$(command -v prometheus-pushgateway)
      export RETENTION_TEST_PUSHGATEWAY
    fi
  fi
  [[ -z "${RETENTION_TEST_PUSHGATEWAY:-}" ]] || log "pushgateway: $RETENTION_TEST_PUSHGATEWAY"
}

# The pooler tests run the tool behind a real PgBouncer (Debian's package); they skip without one.
find_pgbouncer() {
  command -v pgbouncer 2>/dev/null || { [[ -x /usr/sbin/pgbouncer ]] && echo /usr/sbin/pgbouncer; }
}

ensure_pgbouncer() {
  if [[ -z "${RETENTION_TEST_PGBOUNCER:-}" ]]; then
    if [[ -z "$(find_pgbouncer)" ]]; then
      if command -v apt-get >/dev/null 2>&1; then
        ( apt_install pgbouncer ) || log "could not install pgbouncer; its tests will skip"
      else
        log "no pgbouncer and no apt-get; the PgBouncer tests will skip"
      fi
    fi
    RETENTION_TEST_PGBOUNCER=$(find_pgbouncer || true)
    [[ -z "$RETENTION_TEST_PGBOUNCER" ]] || export RETENTION_TEST_PGBOUNCER
  fi
  [[ -z "${RETENTION_TEST_PGBOUNCER:-}" ]] || log "pgbouncer: $RETENTION_TEST_PGBOUNCER"
}

ensure_java
ensure_maven
ensure_pushgateway
ensure_pgbouncer

testdb_dir=""
mvn_pid=""

# shellcheck disable=SC2317  # invoked by trap
cleanup() {
  if [[ -n "$mvn_pid" ]] && kill -0 "$mvn_pid" 2>/dev/null; then
    kill -TERM "$mvn_pid" 2>/dev/null || true
    wait "$mvn_pid" 2>/dev/null || true
  fi
  if [[ -n "$testdb_dir" ]]; then
    RETENTION_TESTDB_DIR=$testdb_dir "$script_dir/test-db.sh" stop || log "could not stop the test cluster in $testdb_dir"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

docker_works() {
  [[ "${RETENTION_TEST_NO_DOCKER:-0}" != 1 ]] || return 1
  command -v docker >/dev/null 2>&1 || return 1
  if command -v timeout >/dev/null 2>&1; then
    timeout 30 docker info >/dev/null 2>&1
  else
    docker info >/dev/null 2>&1
  fi
}

if [[ -n "${RETENTION_TEST_JDBC_URL:-}" ]]; then
  log "database: RETENTION_TEST_JDBC_URL (${RETENTION_TEST_JDBC_URL%%\?*})"
elif docker_works; then
  log "database: Testcontainers (${RETENTION_TEST_PG_IMAGE:-default image})"
else
  # Own directory, so it never collides with a developer's .testdb or a parallel run. Short path:
  # the unix socket lives in it.
  testdb_dir=$(mktemp -d "${TMPDIR:-/tmp}/retention-testdb.XXXXXX")
  log "database: no RETENTION_TEST_JDBC_URL and no Docker; starting a throwaway cluster in $testdb_dir"
  RETENTION_TEST_JDBC_URL=$(RETENTION_TESTDB_DIR=$testdb_dir "$script_dir/test-db.sh" start)
  export RETENTION_TEST_JDBC_URL
  export RETENTION_TESTDB_DIR=$testdb_dir   # tests stall the archiver through it
fi

# Maven runs in the background so that a TERM/INT to this script still reaches it (via cleanup)
# and the cluster is always removed; stdin is not needed in batch mode.
mvn -B verify "$@" </dev/null &
mvn_pid=$!
status=0
wait "$mvn_pid" || status=$?
mvn_pid=""
exit "$status"
