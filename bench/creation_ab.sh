#!/usr/bin/env bash
# Case creation, two builds side by side: each rep starts each binary on a
# fresh SQLite store (durability normal) and runs create_case.lua with wrk at
# the given connections, alternating A and B so both see the same noise.
#
#   bash bench/creation_ab.sh BINARY_A BINARY_B [--connections 64] [--seconds 10] [--reps 5]
#
# Prints one JSON line per run and the median requests/s and p99 of each.
set -euo pipefail
cd "$(dirname "$0")/.."

(($# >= 2)) || { echo "usage: creation_ab.sh BINARY_A BINARY_B [options]" >&2; exit 64; }
binaries=("$1" "$2"); shift 2
connections=64
seconds=10
reps=5
port=18451
while (($#)); do
  case $1 in
    --connections) connections=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    *) echo "creation_ab.sh: unknown argument $1" >&2; exit 64 ;;
  esac
done
export LINGTING_BENCH_DIR=$PWD/bench
work=$(mktemp -d /tmp/lingting-ab-XXXXXX)
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2> /dev/null && wait "$server_pid" 2> /dev/null
  rm -rf "$work"
}
trap cleanup EXIT

results=$work/results.jsonl
for rep in $(seq "$reps"); do
  for side in 0 1; do
    bin=${binaries[$side]}
    db="sqlite:$work/$side-$rep.db"
    "$bin" migrate --db "$db" > /dev/null
    echo "bench-password" | "$bin" user add --db "$db" --email bench@lingting.bench --name bench \
      --role admin --password-stdin > /dev/null
    LINGTING_TOKEN=$("$bin" token create --db "$db" --user bench@lingting.bench 2> /dev/null)
    export LINGTING_TOKEN
    LINGTING_LOG_LEVEL=warn LINGTING_STORE_ATTACHMENTS_DIR=$work/attachments \
      "$bin" serve --db "$db" --listen "127.0.0.1:$port" > "$work/server.out" 2>&1 &
    server_pid=$!
    until curl -sf "http://127.0.0.1:$port/livez" > /dev/null 2>&1; do
      kill -0 "$server_pid" 2> /dev/null || { cat "$work/server.out"; exit 1; }
      sleep 0.01
    done
    line=$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s bench/wrk/create_case.lua \
      "http://127.0.0.1:$port" | tail -n 1)
    kill "$server_pid"; wait "$server_pid" 2> /dev/null || true; server_pid=""
    echo "{\"side\":\"$side\",\"rep\":$rep,${line:1}" | tee -a "$results"
  done
done
for side in 0 1; do
  jq -s --arg side "$side" --arg bin "${binaries[$side]}" '
    [.[] | select(.side == $side)] as $runs
    | def median(f): ($runs | map(f) | sort | .[(length / 2 | floor)]);
    {binary: $bin, connections: '"$connections"', reps: ($runs | length),
     median_rps: median(.rps), median_p99_ms: median(.p99_ms)}' "$results"
done
