#!/usr/bin/env bash
# What PostgreSQL alone can do with Lingting's case-creation writes on this
# machine, with no Lingting node taking a share of the CPU: pgbench (a C
# client) sends the statements of one creation (bench/pgbench/create_case.sql,
# round trip for round trip as a node sends them), of eight such creations in
# one transaction (bench/pgbench/create_cases_grouped.sql, a group commit) and
# of eight creations written as multi-row statements
# (bench/pgbench/create_cases_batched.sql).
#
#   bash bench/pgbench_ceiling.sh [--seconds 10] [--reps 3] [--clients "4 8 16 32 64"]
#
# Starts a throwaway durable PostgreSQL 15 (bench/durable_postgres.sh),
# applies Lingting's schema with the release binary, and prints the median
# cases/s per script and client count.
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/durable_postgres.sh

seconds=10
reps=3
clients="4 8 16 32 64"
while (($#)); do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    *) echo "pgbench_ceiling.sh: unknown argument $1" >&2; exit 64 ;;
  esac
done

cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DLINGTING_TESTS=OFF > /dev/null
cmake --build build/release --target lingting > /dev/null
bin=$PWD/build/release/bin/lingting

psql -qAt "$LINGTING_TEST_POSTGRES/postgres" -c "CREATE DATABASE lingting_ceiling"
db="$LINGTING_TEST_POSTGRES/lingting_ceiling"
"$bin" migrate --db "$db" > /dev/null
# The scripts' actor (users.id 1), their case numbers and phone numbers.
echo "bench-password" | "$bin" user add --db "$db" --email bench@lingting.bench --name bench \
  --role admin --password-stdin > /dev/null
psql -qAt "$db" -c "CREATE SEQUENCE pgbench_case_numbers" \
  -c "CREATE SEQUENCE pgbench_phones START 20000000000"

median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# run SCRIPT CASES_PER_TRANSACTION
run() {
  local script=$1 per=$2
  for c in $clients; do
    local runs=()
    for _ in $(seq "$reps"); do
      local tps
      # synchronous_commit = local, as a node sets it for durability normal.
      tps=$(PGOPTIONS="-c synchronous_commit=local" pgbench -n -M prepared -c "$c" -j 2 \
        -T "$seconds" -f "bench/pgbench/$script" "$db" 2>&1 | awk '/^tps/ {print $3}')
      runs+=("$(awk -v t="$tps" -v p="$per" 'BEGIN {printf "%.0f", t * p}')")
    done
    echo "$script c=$c: $(printf '%s\n' "${runs[@]}" | median) cases/s (runs: ${runs[*]})"
  done
}

run create_case.sql 1
run create_cases_grouped.sql 8
run create_cases_batched.sql 8
