#!/usr/bin/env bash
# Lingting on PostgreSQL: the issue-3 figures of docs/PERFORMANCE.md.
#
#   bash bench/postgres_bench.sh [--cases 1000000] [--seconds 10] [--reps 3] [--out FILE]
#                                [--pool N] [--only-creation]
#
# Starts a throwaway PostgreSQL 15 with its durable defaults (fsync on,
# synchronous_commit on; shared_buffers 1GB) through scripts/with-postgres.sh,
# builds the release binary, and runs two nodes on one database:
#   1. case creation at 1 and 64 connections on one node, then 64 in all on
#      two nodes (two wrk processes, 32 connections each, at the same time);
#   2. fills the store to --cases with `lingting demo` through the store;
#   3. on the big store: the queue page, the 开裂 search, a one-character
#      prefix search, creation on two nodes, and memory of nodes and database.
# Medians of --reps runs; raw runs (one JSON line each) to --out. --pool sets
# each node's store connections (store.max_connections); --only-creation stops
# after the creation runs on the fresh store (step 1).
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/durable_postgres.sh

cases=1000000
seconds=10
reps=3
out=""
pool=32
only_creation=0
while (($#)); do
  case $1 in
    --cases) cases=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --pool) pool=$2; shift 2 ;;
    --only-creation) only_creation=1; shift ;;
    *) echo "postgres_bench.sh: unknown argument $1" >&2; exit 64 ;;
  esac
done

cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DLINGTING_TESTS=OFF > /dev/null
cmake --build build/release --target lingting > /dev/null
bin=$PWD/build/release/bin/lingting
export LINGTING_BENCH_DIR=$PWD/bench

work=$(mktemp -d /tmp/lingting-pgbench-XXXXXX)
results=$work/results.jsonl
sql() { psql -qAt "$LINGTING_TEST_POSTGRES/${2:-lingting_bench}" -c "$1"; }
sql "CREATE DATABASE lingting_bench" postgres
db="$LINGTING_TEST_POSTGRES/lingting_bench"
ports=(18441 18442)
pids=()

stop_nodes() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2> /dev/null || true; done
  pids=()
}
cleanup() {
  stop_nodes
  [[ -n $out ]] && cp "$results" "$out"
  rm -rf "$work"
}
trap cleanup EXIT
record() { echo "$1" >> "$results"; }

start_nodes() {
  for index in 0 1; do
    LINGTING_LOG_LEVEL=warn LINGTING_STORE_CONNECTIONS=$pool \
      LINGTING_STORE_ATTACHMENTS_DIR=$work/attachments \
      "$bin" serve --db "$db" --listen "127.0.0.1:${ports[$index]}" > "$work/node$index.out" 2>&1 &
    pids+=($!)
  done
  for port in "${ports[@]}"; do
    until curl -sf "http://127.0.0.1:$port/healthz" > /dev/null 2>&1; do sleep 0.01; done
  done
}

memory() {
  local label=$1 index=0
  for pid in "${pids[@]}"; do
    record "{\"name\":\"memory_${label}_node$index\",\"rss_mb\":$(($(awk '/VmRSS/{print $2}' "/proc/$pid/status") / 1024)),\"peak_rss_mb\":$(($(awk '/VmHWM/{print $2}' "/proc/$pid/status") / 1024))}"
    index=$((index + 1))
  done
}

wrk_line() {  # PORT CONNECTIONS SCRIPT [PATH]
  local threads=1
  (($2 > 1)) && threads=2
  LINGTING_PATH=${4:-} wrk -t"$threads" -c"$2" -d"${seconds}s" --timeout 10s -s "bench/wrk/$3" \
    "http://127.0.0.1:$1" | tail -n 1
}

# run_one NAME CONNECTIONS SCRIPT [PATH]: on node 0.
run_one() {
  for rep in $(seq "$reps"); do
    local line
    line=$(wrk_line "${ports[0]}" "$2" "$3" "${4:-}")
    record "{\"name\":\"$1\",\"connections\":$2,\"rep\":$rep,${line:1}"
    echo "  $1 c=$2 rep $rep: $line" >&2
  done
}

# run_two NAME CONNECTIONS_EACH SCRIPT: both nodes at once; throughput summed,
# latency percentiles the worse of the two.
run_two() {
  for rep in $(seq "$reps"); do
    wrk_line "${ports[0]}" "$2" "$3" > "$work/a.json" &
    local first=$!
    wrk_line "${ports[1]}" "$2" "$3" > "$work/b.json"
    wait "$first"
    local line
    line=$(jq -cs '{requests: (map(.requests) | add), seconds: (map(.seconds) | max),
      rps: (map(.rps) | add), p50_ms: (map(.p50_ms) | max), p95_ms: (map(.p95_ms) | max),
      p99_ms: (map(.p99_ms) | max), max_ms: (map(.max_ms) | max),
      status_errors: (map(.status_errors) | add), socket_errors: (map(.socket_errors) | add)}' \
      "$work/a.json" "$work/b.json")
    record "{\"name\":\"$1\",\"connections\":$(($2 * 2)),\"nodes\":2,\"rep\":$rep,${line:1}"
    echo "  $1 2 nodes c=$(($2 * 2)) rep $rep: $line" >&2
  done
}

echo "== fresh PostgreSQL store" >&2
"$bin" migrate --db "$db" > /dev/null
echo "bench-password" | "$bin" user add --db "$db" --email bench@lingting.bench --name bench \
  --role admin --password-stdin > /dev/null
export LINGTING_TOKEN
LINGTING_TOKEN=$("$bin" token create --db "$db" --user bench@lingting.bench 2> /dev/null)
start_nodes
sleep 1
memory idle_empty
run_one create_pg_one_node 1 create_case.lua
run_one create_pg_one_node 64 create_case.lua
run_two create_pg_two_nodes 32 create_case.lua
if ((only_creation)); then
  stop_nodes
  jq -rs -f bench/medians.jq "$results"
  exit 0
fi
export LINGTING_MAX_CASE_ID
LINGTING_MAX_CASE_ID=$(sql "SELECT MAX(id) FROM cases")
run_two add_interaction_pg_two_nodes 32 add_interaction.lua
stop_nodes

echo "== filling the store to $cases cases" >&2
existing=$(sql "SELECT COUNT(*) FROM cases")
if ((cases > existing)); then
  started=$(date +%s%N)
  "$bin" demo --db "$db" --cases $((cases - existing)) --threads 8 > /dev/null
  record "{\"name\":\"fill_demo_pg\",\"cases\":$((cases - existing)),\"seconds\":$((($(date +%s%N) - started) / 1000000000))}"
fi
sql "VACUUM ANALYZE"
record "{\"name\":\"store_size_pg\",\"cases\":$(sql "SELECT COUNT(*) FROM cases"),\"mb\":$(($(sql "SELECT pg_database_size(current_database())") / 1048576))}"

echo "== big store" >&2
start_nodes
sleep 1
memory idle_big
department=$(sql "SELECT id FROM departments WHERE code = 'QA'")
queue="/api/v1/cases?department=$department&status=received&sort=received_at&limit=50"
run_one queue_received_at_pg 1 get.lua "$queue"
run_one queue_received_at_pg 8 get.lua "$queue"
run_one queue_two_statuses_pg 1 get.lua "/api/v1/cases?department=$department&status=received,understanding&limit=50"
run_one search_zh_2char_pg 1 get.lua "/api/v1/cases?q=%E5%BC%80%E8%A3%82&limit=50"
run_one search_zh_2char_pg 8 get.lua "/api/v1/cases?q=%E5%BC%80%E8%A3%82&limit=50"
run_one search_zh_1char_prefix_pg 1 get.lua "/api/v1/cases?q=%E8%A3%82&limit=50"
run_one search_zh_combined_pg 1 get.lua "/api/v1/cases?q=%E5%BC%80%E8%A3%82&department=$department&status=received&limit=50"
run_two create_pg_two_nodes_big 32 create_case.lua
memory after_load_big
stop_nodes

echo "== medians" >&2
jq -rs -f bench/medians.jq "$results"
