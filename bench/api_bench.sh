#!/usr/bin/env bash
# Lingting API benchmark: the figures of docs/PERFORMANCE.md, measured on this machine.
#
#   bash bench/api_bench.sh [--cases 1000000] [--seconds 10] [--reps 3] [--port 18431] [--out FILE]
#
# Builds the release binary, then, on a fresh SQLite store in a temporary directory:
#   1. start-up to ready and idle memory;
#   2. the bare HTTP ceiling (GET /livez, no store access) at 64 connections;
#   3. case creation (durably committed before the 201) at 1, 8 and 64 connections,
#      with store.durability = normal and then full;
#   4. fills the store to --cases cases with `lingting demo` (realistic zh/en data);
#   5. on the big store: start-up, idle memory, the queue page (50 cases of one department
#      and status, sorted by received_at or sla_due_at), the q search for a two-character
#      Chinese word, creation at 64 connections, and peak memory.
# Every load run is wrk on loopback, bounded by --seconds; each is repeated --reps times and
# the summary shows medians. Raw results (one JSON line per run) go to --out if given.
set -euo pipefail
cd "$(dirname "$0")/.."

cases=1000000
seconds=10
reps=3
port=18431
out=""
while (($#)); do
  case $1 in
    --cases) cases=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "api_bench.sh: unknown argument $1" >&2; exit 64 ;;
  esac
done

bash scripts/install-deps.sh > /dev/null
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DLINGTING_TESTS=OFF > /dev/null
cmake --build build/release --target lingting > /dev/null
bin=$PWD/build/release/bin/lingting
export LINGTING_BENCH_DIR=$PWD/bench

work=$(mktemp -d /tmp/lingting-bench-XXXXXX)
results=$work/results.jsonl
db="sqlite:$work/bench.db"
server_pid=""
base="http://127.0.0.1:$port"

stop_server() {
  if [[ -n $server_pid ]]; then
    kill "$server_pid" 2> /dev/null || true
    wait "$server_pid" 2> /dev/null || true
    server_pid=""
  fi
}
cleanup() {
  stop_server
  [[ -n $out ]] && cp "$results" "$out"
  rm -rf "$work"
}
trap cleanup EXIT

record() { echo "$1" >> "$results"; }

# Starts the server with the given durability; records the time to the first
# answered request as start-up to ready.
start_server() {
  local durability=$1 label=$2
  local started
  started=$(date +%s%N)
  LINGTING_STORE_DURABILITY=$durability LINGTING_LOG_LEVEL=warn LINGTING_STORE_ATTACHMENTS_DIR=$work/attachments \
    "$bin" serve --db "$db" --listen "127.0.0.1:$port" > "$work/server.out" 2>&1 &
  server_pid=$!
  until curl -sf "$base/livez" > /dev/null 2>&1; do
    kill -0 "$server_pid" 2> /dev/null || { cat "$work/server.out"; exit 1; }
    sleep 0.002
  done
  local ready
  ready=$(date +%s%N)
  record "{\"name\":\"startup_$label\",\"ms\":$(((ready - started) / 1000000))}"
}

memory() {
  local label=$1
  local rss hwm
  rss=$(awk '/VmRSS/{print $2}' "/proc/$server_pid/status")
  hwm=$(awk '/VmHWM/{print $2}' "/proc/$server_pid/status")
  record "{\"name\":\"memory_$label\",\"rss_mb\":$((rss / 1024)),\"peak_rss_mb\":$((hwm / 1024))}"
}

# run_wrk NAME CONNECTIONS SCRIPT [PATH]
run_wrk() {
  local name=$1 connections=$2 script=$3 path=${4:-}
  local threads=1
  ((connections > 1)) && threads=2
  for rep in $(seq "$reps"); do
    local line
    line=$(LINGTING_PATH=$path wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s \
      -s "bench/wrk/$script" "$base" | tail -n 1)
    record "{\"name\":\"$name\",\"connections\":$connections,\"rep\":$rep,${line:1}"
    echo "  $name c=$connections rep $rep: $line" >&2
  done
}

echo "== fresh store in $work" >&2
"$bin" migrate --db "$db" > /dev/null
echo "bench-password" | "$bin" user add --db "$db" --email bench@lingting.bench --name bench --role admin \
  --password-stdin > /dev/null
export LINGTING_TOKEN
LINGTING_TOKEN=$("$bin" token create --db "$db" --user bench@lingting.bench 2> /dev/null)

for durability in normal full; do
  echo "== empty store, durability=$durability" >&2
  for rep in $(seq "$reps"); do
    start_server "$durability" "empty"
    [[ $rep == "$reps" ]] || stop_server
  done
  sleep 1
  memory "idle_empty_$durability"
  [[ $durability == normal ]] && run_wrk "http_ceiling_livez" 64 get.lua /livez
  run_wrk "create_$durability" 1 create_case.lua
  run_wrk "create_$durability" 8 create_case.lua
  run_wrk "create_$durability" 64 create_case.lua
  if [[ $durability == normal ]]; then
    export LINGTING_MAX_CASE_ID
    LINGTING_MAX_CASE_ID=$(sqlite3 "$work/bench.db" "SELECT MAX(id) FROM cases")
    run_wrk "add_interaction" 1 add_interaction.lua
    run_wrk "add_interaction" 8 add_interaction.lua
    record "{\"name\":\"store_size_small\",\"cases\":$(sqlite3 "$work/bench.db" "SELECT COUNT(*) FROM cases")}"
    run_wrk "search_zh_2char_small_store" 1 get.lua "/api/v1/cases?q=%E5%BC%80%E8%A3%82&limit=50"
    run_wrk "queue_received_at_small_store" 1 get.lua "/api/v1/cases?status=received&sort=received_at&limit=50"
  fi
  stop_server
done

echo "== filling the store to $cases cases" >&2
existing=$(sqlite3 "$work/bench.db" "SELECT COUNT(*) FROM cases")
to_add=$((cases - existing))
if ((to_add > 0)); then
  fill_started=$(date +%s%N)
  "$bin" demo --db "$db" --cases "$to_add" --threads 8 > /dev/null
  fill_ended=$(date +%s%N)
  record "{\"name\":\"fill_demo\",\"cases\":$to_add,\"seconds\":$(((fill_ended - fill_started) / 1000000000))}"
fi
record "{\"name\":\"store_size\",\"cases\":$(sqlite3 "$work/bench.db" "SELECT COUNT(*) FROM cases"),\"mb\":$(($(stat -c %s "$work/bench.db") / 1048576))}"

echo "== big store" >&2
for rep in $(seq "$reps"); do
  start_server normal "big"
  [[ $rep == "$reps" ]] || stop_server
done
sleep 1
memory "idle_big"
department=$(sqlite3 "$work/bench.db" "SELECT id FROM departments WHERE code = 'QA'")
run_wrk "queue_received_at" 1 get.lua "/api/v1/cases?department=$department&status=received&sort=received_at&limit=50"
run_wrk "queue_received_at" 8 get.lua "/api/v1/cases?department=$department&status=received&sort=received_at&limit=50"
run_wrk "queue_sla_due_at" 8 get.lua "/api/v1/cases?department=$department&status=received&sort=sla_due_at&limit=50"
run_wrk "queue_sla_due_at" 1 get.lua "/api/v1/cases?department=$department&status=received&sort=sla_due_at&limit=50"
run_wrk "queue_two_statuses" 1 get.lua "/api/v1/cases?department=$department&status=received,understanding&limit=50"
run_wrk "queue_two_statuses" 8 get.lua "/api/v1/cases?department=$department&status=received,understanding&limit=50"
run_wrk "search_zh_2char" 1 get.lua "/api/v1/cases?q=%E5%BC%80%E8%A3%82&limit=50"
run_wrk "search_zh_2char" 8 get.lua "/api/v1/cases?q=%E5%BC%80%E8%A3%82&limit=50"
run_wrk "search_rare_model_number" 1 get.lua "/api/v1/cases?q=DZ267L%20140&limit=50"
run_wrk "search_en_word" 8 get.lua "/api/v1/cases?q=leaks&limit=50"
run_wrk "create_normal_big" 64 create_case.lua
memory "after_load_big"
stop_server

echo "== medians" >&2
jq -rs -f bench/medians.jq "$results"
