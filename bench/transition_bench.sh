#!/usr/bin/env bash
# A workflow step through the API on a big SQLite store: the figure of issue 4
# ("a workflow transition through the API p99 ≤ 15 ms at 16 concurrent
# connections, 1,000,000 open cases").
#
#   bash bench/transition_bench.sh [--cases 1000000] [--seconds 10] [--reps 3] [--port 18433]
#                                  [--store DIR] [--fresh 120000]
#
# Fills a fresh store with `lingting demo --all-open` (every case open), files --fresh (120,000) new complaints per rep
# through the API, then takes the first step of the procedure on each of them
# once (contact_customer: received → understanding, with a note; the step
# recorded, SLA clocks recomputed, audited, published), with wrk at 16
# connections. Prints one JSON line per run, with the store's write figures
# from /metrics. --store DIR keeps the filled store in DIR and reuses it when
# it is there (each rep adds its complaints to it). A run must not take more
# steps than there are fresh complaints: status_errors counts the retries
# on cases already stepped, and must be 0.
set -euo pipefail
cd "$(dirname "$0")/.."

cases=1000000
seconds=10
reps=3
port=18433
store=""
fresh=120000
while (($#)); do
  case $1 in
    --cases) cases=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --store) store=$2; shift 2 ;;
    --fresh) fresh=$2; shift 2 ;;
    *) echo "transition_bench.sh: unknown argument $1" >&2; exit 64 ;;
  esac
done

bash scripts/install-deps.sh > /dev/null
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DLINGTING_TESTS=OFF > /dev/null
cmake --build build/release --target lingting > /dev/null
bin=$PWD/build/release/bin/lingting
export LINGTING_BENCH_DIR=$PWD/bench

work=$(mktemp -d /tmp/lingting-transition-XXXXXX)
dbfile=$work/bench.db
if [[ -n $store ]]; then
  mkdir -p "$store"
  dbfile=$(cd "$store" && pwd)/bench.db
fi
db="sqlite:$dbfile"
base="http://127.0.0.1:$port"
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2> /dev/null && wait "$server_pid" 2> /dev/null
  rm -rf "$work"
}
trap cleanup EXIT

filled=0
[[ -s $dbfile ]] && filled=1
"$bin" migrate --db "$db" > /dev/null
if ((filled == 0)); then
  echo "bench-password" | "$bin" user add --db "$db" --email bench@lingting.bench --name bench \
    --role admin --password-stdin > /dev/null
fi
export LINGTING_TOKEN
LINGTING_TOKEN=$("$bin" token create --db "$db" --user bench@lingting.bench 2> /dev/null)

if ((filled == 0)); then
  echo "== filling the store to $cases cases" >&2
  "$bin" demo --db "$db" --cases "$cases" --threads 8 --all-open > /dev/null
fi

LINGTING_LOG_LEVEL=warn LINGTING_STORE_ATTACHMENTS_DIR=$work/attachments \
  "$bin" serve --db "$db" --listen "127.0.0.1:$port" > "$work/server.out" 2>&1 &
server_pid=$!
until curl -sf "$base/livez" > /dev/null 2>&1; do sleep 0.01; done

open=$(sqlite3 "$dbfile" \
  "SELECT COUNT(*) FROM cases WHERE status NOT IN ('resolved', 'closed')")
echo "{\"bench\":\"transition_store\",\"cases\":$cases,\"open_cases\":$open}"

export LINGTING_THREADS=2
for rep in $(seq "$reps"); do
  # Fresh complaints for this rep, filed through the API.
  before=$(sqlite3 "$dbfile" "SELECT COALESCE(MAX(id), 0) FROM cases")
  wrk -t2 -c16 -d600s --timeout 10s -s bench/wrk/create_case.lua "$base" > /dev/null &
  wrk_pid=$!
  until (($(sqlite3 "$dbfile" "SELECT COUNT(*) FROM cases WHERE id > $before") >= fresh)); do
    kill -0 "$wrk_pid" 2> /dev/null || { echo "transition_bench.sh: filing cases failed" >&2; exit 1; }
    sleep 1
  done
  kill "$wrk_pid" 2> /dev/null || true
  wait "$wrk_pid" 2> /dev/null || true
  export LINGTING_IDS_FILE=$work/ids-$rep.txt
  sqlite3 "$dbfile" \
    "SELECT id FROM cases WHERE id > $before AND status = 'received' ORDER BY id" \
    > "$LINGTING_IDS_FILE"
  line=$(wrk -t2 -c16 -d"${seconds}s" --timeout 10s -s bench/wrk/transition.lua "$base" | tail -n 1)
  store_figures=$(curl -sf "$base/metrics" -H "Authorization: Bearer $LINGTING_TOKEN" |
    awk '/^lingting_db_(write_transactions|write_jobs|wal_restarts)_total / {
      printf ",\"%s\":%s", substr($1, 13), $2 }')
  echo "{\"bench\":\"transition\",\"connections\":16,\"rep\":$rep${store_figures},${line:1}"
done
