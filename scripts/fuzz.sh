#!/usr/bin/env bash
# Runs the randomized differential suite (DifferentialIT) on more seeds than CI does, and prints, for every
# failing seed, where its reproduction is (schema.sql, data.sql, retention.yml, README.txt with the exact tool
# commands and each disagreement with the oracle).
#
# Usage: scripts/fuzz.sh [--seeds N] [--base B] [--seed S] [--families SPEC] [--archive-all]
#   --seeds N        how many seeds (default 200)
#   --base B         derive them from B (default: the current time, printed, so a run can be repeated)
#   --seed S         only this seed; prints its schema, data and config in full
#   --families SPEC  shape families (default all): all, base, or a list like base,inherits or all,-date
#                    (partitioned inherits selfref timestamp date jvmtz tzflag retention refused interrupt)
#   --archive-all    run every valid try with --archive-dir (default: one in three), half of them restored
#
# Database: RETENTION_TEST_JDBC_URL (an admin URL) when set, else a throwaway cluster (scripts/test-db.sh),
# removed on exit. Exit 0 when every seed agreed with the oracle, 1 otherwise.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(cd "$script_dir/.." && pwd)
cd "$repo_dir"

seeds=200
base=$(date +%s)
seed=""
families=all
archive_all=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seeds) seeds=$2; shift 2 ;;
    --base) base=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --families) families=$2; shift 2 ;;
    --archive-all) archive_all=true; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fuzz.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

testdb_dir=""
# shellcheck disable=SC2317  # invoked by trap
cleanup() {
  if [[ -n "$testdb_dir" ]]; then
    RETENTION_TESTDB_DIR=$testdb_dir "$script_dir/test-db.sh" stop || true
  fi
}
trap cleanup EXIT
if [[ -z "${RETENTION_TEST_JDBC_URL:-}" ]]; then
  testdb_dir=$(mktemp -d "${TMPDIR:-/tmp}/retention-fuzzdb.XXXXXX")
  RETENTION_TEST_JDBC_URL=$(RETENTION_TESTDB_DIR=$testdb_dir "$script_dir/test-db.sh" start)
  export RETENTION_TEST_JDBC_URL
fi

out=target/fuzz
# Reproductions of earlier runs stay (named by seed and families); only the list of this run starts empty.
rm -f "$out/failures.txt"
props=(-Dfuzz.families="$families" -Dfuzz.keepGoing=true -Dfuzz.out="$out" -Dfuzz.archiveAll="$archive_all")
if [[ -n "$seed" ]]; then
  props+=(-Dfuzz.seed="$seed")
  echo "fuzz.sh: seed $seed, families $families" >&2
else
  props+=(-Dfuzz.seeds="$seeds" -Dfuzz.base="$base")
  echo "fuzz.sh: $seeds seeds from base $base (repeat with --base $base), families $families" >&2
fi

log=$(mktemp "${TMPDIR:-/tmp}/fuzz-log.XXXXXX")
status=0
mvn -B -q verify -Dit.test=DifferentialIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false "${props[@]}" \
  </dev/null >"$log" 2>&1 || status=$?
# The coverage counts and timings the suite prints at its end.
sed -n '/differential coverage/,/^$/p' "$log"

if [[ ! -s "$out/failures.txt" ]]; then
  if [[ $status -ne 0 ]]; then
    tail -n 60 "$log"
    echo "fuzz.sh: the build failed (log: $log)" >&2
    exit 1
  fi
  echo "fuzz.sh: every seed agreed with the oracle"
  exit 0
fi

count=$(wc -l <"$out/failures.txt")
echo "fuzz.sh: $count failing seed(s); each reproduction directory holds schema.sql, data.sql, retention.yml, README.txt"
while IFS= read -r dir; do
  echo
  echo "=== $dir"
  cat "$dir/README.txt"
  if [[ -n "$seed" ]]; then
    for file in schema.sql data.sql retention.yml; do
      echo "--- $file"
      cat "$dir/$file"
    done
  fi
done <"$out/failures.txt"
exit 1
