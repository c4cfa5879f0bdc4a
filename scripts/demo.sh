#!/usr/bin/env bash
# End-to-end demo on a throwaway local PostgreSQL: load the example email service (sql/example),
# then `check`, `run --dry-run` and `run` with examples/retention.yml, showing row counts before/after.
#
# Environment:
#   DEMO_EMAILS=100000   number of emails to seed (about 14 child rows each)
#   DEMO_KEEP=1          leave the cluster running at the end (prints how to connect and stop it)
#   JAVA_OPTS            passed to the JVM by scripts/retention-cleanup
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(cd "$script_dir/.." && pwd)
cd "$repo_dir"

emails=${DEMO_EMAILS:-100000}
[[ "$emails" =~ ^[0-9]+$ ]] || { echo "demo: DEMO_EMAILS must be a number, got '$emails'" >&2; exit 2; }
config=examples/retention.yml

# Own cluster directory: never collides with a developer's .testdb or a test run. Short path (unix socket).
RETENTION_TESTDB_DIR=$(mktemp -d "${TMPDIR:-/tmp}/retention-demo.XXXXXX")
export RETENTION_TESTDB_DIR

# shellcheck disable=SC2317  # invoked by trap
cleanup() {
  if [[ "${DEMO_KEEP:-0}" == 1 ]]; then
    echo
    echo "Cluster left running (DEMO_KEEP=1):"
    echo "  RETENTION_TESTDB_DIR=$RETENTION_TESTDB_DIR scripts/test-db.sh psql -d demo"
    echo "  RETENTION_TESTDB_DIR=$RETENTION_TESTDB_DIR scripts/test-db.sh stop"
  else
    "$script_dir/test-db.sh" stop || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step() { printf '\n==> %s\n' "$*"; }
psql_demo() { "$script_dir/test-db.sh" psql -X -q -v ON_ERROR_STOP=1 -d demo "$@"; }

# Exact row count of every table in public (count(*) through query_to_xml: no per-table SQL to maintain).
row_counts() {
  psql_demo -P footer=off -c "
    SELECT c.relname AS \"table\",
           (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname),
                                                 false, true, '')))[1]::text::bigint AS rows
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r'
    ORDER BY c.relname"
}

# What the policy says should go, by the database clock (min_days 1; NULL retention = no policy).
policy_view() {
  psql_demo -P footer=off -c "
    SELECT o.id, o.name, o.retention_days,
           count(e.id) AS emails,
           CASE WHEN o.retention_days IS NULL THEN NULL
                ELSE count(e.id) FILTER (WHERE e.created_at < now() - make_interval(days => greatest(o.retention_days, 1)))
           END AS older_than_retention,
           (SELECT count(*) FROM suppressions s WHERE s.organization_id = o.id) AS suppressions
    FROM organizations o
    JOIN domains d ON d.organization_id = o.id
    LEFT JOIN outgoing_emails e ON e.domain_id = d.id
    GROUP BY o.id
    ORDER BY o.id"
}

step "Starting a throwaway PostgreSQL in $RETENTION_TESTDB_DIR"
"$script_dir/test-db.sh" start >/dev/null
port=$(<"$RETENTION_TESTDB_DIR/port")
"$script_dir/test-db.sh" psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE DATABASE demo'

step "Loading sql/example/schema.sql"
psql_demo -f sql/example/schema.sql

step "Seeding $emails emails (sql/example/seed.sql)"
start_ns=$(date +%s%N)
psql_demo -v emails="$emails" -f sql/example/seed.sql
elapsed_ms=$((($(date +%s%N) - start_ns) / 1000000))
printf 'seeded in %d.%03ds\n' $((elapsed_ms / 1000)) $((elapsed_ms % 1000))

step "Row counts before"
row_counts
policy_view

if [[ ! -f target/retention-cleanup.jar && -z "${RETENTION_CLEANUP_JAR:-}" ]]; then
  step "Building the jar (mvn -B -q package -DskipTests)"
  mvn -B -q package -DskipTests
fi

export RETENTION_DB_URL="postgres://postgres@127.0.0.1:$port/demo"
cli() {
  echo "\$ RETENTION_DB_URL=$RETENTION_DB_URL scripts/retention-cleanup $*"
  "$script_dir/retention-cleanup" "$@"
}

step "Preflight: check"
rc=0
cli check --config "$config" || rc=$?
if [[ $rc -ne 0 ]]; then
  echo "demo: check exited $rc; not deleting anything" >&2
  exit "$rc"
fi

step "Dry run: what a run would delete now"
cli run --dry-run --config "$config" || rc=$?
if [[ $rc -ne 0 ]]; then
  echo "demo: dry run exited $rc; not deleting anything" >&2
  exit "$rc"
fi

step "Run"
cli run --config "$config" || rc=$?
echo "run exited $rc"

step "Row counts after"
row_counts
policy_view
echo "(older_than_retention should now be 0 for every organization with a policy; Umbrella, with no"
echo " policy, keeps everything; suppressions are all kept, their source_email_id set to NULL.)"
exit "$rc"
