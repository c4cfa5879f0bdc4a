#!/usr/bin/env bash
# End-to-end demo on a throwaway local PostgreSQL: load the example email service (sql/example),
# then `check`, `run --dry-run` and `run` with examples/retention.yml, showing row counts before/after.
#
#   scripts/demo.sh                 the plain example
#   scripts/demo.sh --partitioned   the partitioned one (sql/example/partitioned.sql, examples/partitioned.yml):
#                                   wholly expired months are dropped, the rest deleted row by row
#   scripts/demo.sh --archive       the plain example with every deleted row archived (docs/archive.md), then
#                                   verify-archive and a dry run of restoring one organization
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
partitioned=0
archive=0
case "${1:-}" in
  "") ;;
  --partitioned) partitioned=1 ;;
  --archive) archive=1 ;;
  *) echo "demo: unknown argument '$1' (use --partitioned, --archive or nothing)" >&2; exit 2 ;;
esac
if [[ $partitioned == 1 ]]; then
  config=examples/partitioned.yml
else
  config=examples/retention.yml
fi

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
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    ORDER BY c.relname"
}

# The partitions of outgoing_emails with their row counts (the partitioned demo).
partitions() {
  psql_demo -P footer=off -c "
    SELECT c.relname AS partition, pg_get_expr(c.relpartbound, c.oid) AS bounds,
           (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I', c.relname),
                                                 false, true, '')))[1]::text::bigint AS rows
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'outgoing_emails'::regclass
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

start_ns=$(date +%s%N)
if [[ $partitioned == 1 ]]; then
  step "Loading and seeding sql/example/partitioned.sql: $emails emails over the last 400 days, monthly partitions"
  psql_demo -v emails="$emails" -f sql/example/partitioned.sql
else
  step "Loading sql/example/schema.sql"
  psql_demo -f sql/example/schema.sql
  step "Seeding $emails emails (sql/example/seed.sql)"
  psql_demo -v emails="$emails" -f sql/example/seed.sql
fi
elapsed_ms=$((($(date +%s%N) - start_ns) / 1000000))
printf 'seeded in %d.%03ds\n' $((elapsed_ms / 1000)) $((elapsed_ms % 1000))

step "Row counts before"
row_counts
policy_view
[[ $partitioned == 1 ]] && partitions

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

archive_flags=()
if [[ $archive == 1 ]]; then
  archive_dir="$RETENTION_TESTDB_DIR/row-archive" # archive/ there is the cluster's WAL archive
  archive_flags=(--archive-dir "$archive_dir")
fi
step "Run"
cli run --config "$config" "${archive_flags[@]}" --report "$RETENTION_TESTDB_DIR/report.json" || rc=$?
echo "run exited $rc"
if [[ $archive == 1 ]]; then
  step "The archive: one gzip CSV per batch and table, a manifest per run"
  find "$archive_dir" -type f | sort | head -8
  echo "… $(find "$archive_dir" -type f | wc -l) files, $(du -sh "$archive_dir" | cut -f1)"
  step "verify-archive: every file against its manifest, no database needed"
  cli verify-archive --archive-dir "$archive_dir" || rc=$?
  run_id=$(sed -n 's/.*"run_id" *: *"\([^"]*\)".*/\1/p' "$RETENTION_TESTDB_DIR/report.json" | head -1)
  step "restore --dry-run of organization 1's rows"
  cli restore --config "$config" --archive-dir "$archive_dir" --run-id "$run_id" --tenant 1 --dry-run | tail -3 \
    || rc=$?
fi

step "Row counts after"
row_counts
policy_view
echo "(older_than_retention should now be 0 for every organization with a policy; Umbrella, with no"
echo " policy, keeps everything; suppressions are all kept, their source_email_id set to NULL.)"
if [[ $partitioned == 1 ]]; then
  partitions
  echo "(the months past every organization's retention are gone whole; the months that still hold rows"
  echo " someone keeps stay, their expired rows deleted one by one; next month's empty partition stays.)"
fi
exit "$rc"
