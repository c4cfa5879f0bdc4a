#!/usr/bin/env bash
# Benchmark: retention-cleanup against one unbounded set-based DELETE (A, the ceiling) and against the
# row-by-row ORM shape (B), on the example email service. Every contender runs on its own copy of one
# seeded template database (CREATE DATABASE … TEMPLATE, CHECKPOINT before each); rates are reported as
# ratios against A measured in the same run. Prints a table and writes target/bench/results.json.
#
#   scripts/bench.sh [--emails N] [--only A,B,C,CA,D,E,DRY,P] [--xmx 64m] [--repeat N]
#
# --emails   emails to seed (default 200000, about 14 child rows each)
# --only     contenders to run (default all): A ceiling, B ORM shape, C defaults, CA C with --archive-dir (each
#            right after its C, so their time ratio is paired), D --batch-size 50,
#            E --max-wal-rate at half of C's measured WAL rate, DRY the dry run against a sequential scan,
#            P the partitioned example (sql/example/partitioned.sql: 12 monthly partitions of a year's backlog past
#            every tenant's 30-365 days, plus a no-policy tenant's recent rows) with partitions: drop against
#            partitions: rows on a copy of the same data (WAL, time, and whether both end in the same rows)
# --xmx      heap limit for the tool's JVM (C, CA, D, E), e.g. 64m for the flat-memory check
# --repeat   runs of A, C, CA (interleaved) and of the dry run, each reported by its median (default 3)
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(cd "$script_dir/.." && pwd)
cd "$repo_dir"

emails=200000
only=A,B,C,CA,D,E,DRY,P
bench_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --emails) emails=$2; shift 2 ;;
    --only) only=$2; bench_args+=(--only "$2"); shift 2 ;;
    --xmx) bench_args+=(--xmx "$2"); shift 2 ;;
    --repeat) [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "bench: --repeat must be a positive number, got '$2'" >&2; exit 2; }
      bench_args+=(--repeat "$2"); shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$emails" =~ ^[0-9]+$ ]] || { echo "bench: --emails must be a number, got '$emails'" >&2; exit 2; }

if [[ ! -f target/retention-cleanup.jar ]]; then
  mvn -B -q package -DskipTests
fi

RETENTION_TESTDB_DIR=$(mktemp -d "${TMPDIR:-/tmp}/retention-bench.XXXXXX")
# The archiver still runs, but to nowhere: a run writes gigabytes of WAL (each contender, each copy) that no one reads.
RETENTION_TESTDB_KEEP_WAL=0
export RETENTION_TESTDB_DIR RETENTION_TESTDB_KEEP_WAL
trap '"$script_dir/test-db.sh" stop >/dev/null || true' EXIT
admin_url=$("$script_dir/test-db.sh" start)
psql_admin() { "$script_dir/test-db.sh" psql -X -q -v ON_ERROR_STOP=1 "$@"; }

echo "bench: seeding $emails emails into template database bench (this takes a while)"
start_ns=$(date +%s%N)
psql_admin -c 'CREATE DATABASE bench'
psql_admin -d bench -f sql/example/schema.sql
psql_admin -d bench -v emails="$emails" -f sql/example/seed.sql
psql_admin -d bench -c 'VACUUM ANALYZE'
echo "bench: seeded in $((($(date +%s%N) - start_ns) / 1000000000))s; machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"

if [[ ",$only," == *,P,* ]]; then
  echo "bench: seeding $emails emails into template database bench_p (partitioned example, a year of backlog)"
  psql_admin -c 'CREATE DATABASE bench_p'
  psql_admin -d bench_p -v emails="$emails" -v days=365 -v offset_days=380 -f sql/example/partitioned.sql
  psql_admin -d bench_p -c 'VACUUM ANALYZE'
  bench_args+=(--partitioned-template bench_p)
fi

java -cp target/retention-cleanup.jar bench/Bench.java "$admin_url" bench "${bench_args[@]}"
