#!/usr/bin/env bash
# Case creation, two builds side by side: each rep starts each binary on a
# fresh SQLite store (durability normal) and runs create_case.lua with wrk at
# the given connections, alternating A and B so both see the same noise.
# With --postgres, each rep's store is a fresh database on a durable
# PostgreSQL (bench/durable_postgres.sh) served by --nodes nodes (default 2),
# the connections shared out among them; throughput is the sum, p99 the worse.
#
#   bash bench/creation_ab.sh BINARY_A BINARY_B [--connections 64] [--seconds 10] [--reps 5]
#                             [--postgres [--nodes 2]] [--cpu]
#
# --cpu adds to each run the CPU time per request, from /proc: of the whole machine, of
# the node(s), and with --postgres of PostgreSQL's processes.
#
# Prints one JSON line per run and the median requests/s and p99 of each.
set -euo pipefail
cd "$(dirname "$0")/.."
for argument in "$@"; do
  if [[ $argument == --postgres ]]; then
    source bench/durable_postgres.sh
    break
  fi
done

(($# >= 2)) || { echo "usage: creation_ab.sh BINARY_A BINARY_B [options]" >&2; exit 64; }
binaries=("$1" "$2"); shift 2
connections=64
seconds=10
reps=5
port=18451
postgres=0
nodes=""
cpu=0
while (($#)); do
  case $1 in
    --postgres) postgres=1; shift ;;
    --nodes) nodes=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --cpu) cpu=1; shift ;;
    *) echo "creation_ab.sh: unknown argument $1" >&2; exit 64 ;;
  esac
done
nodes=${nodes:-$((postgres ? 2 : 1))}
((postgres || nodes == 1)) || { echo "creation_ab.sh: several nodes need --postgres" >&2; exit 64; }
export LINGTING_BENCH_DIR=$PWD/bench
work=$(mktemp -d /tmp/lingting-ab-XXXXXX)
server_pids=()
stop_servers() {
  for pid in "${server_pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${server_pids[@]}"; do wait "$pid" 2> /dev/null || true; done
  server_pids=()
}
cleanup() {
  stop_servers
  rm -rf "$work"
}
trap cleanup EXIT

results=$work/results.jsonl
tick_us=$((1000000 / $(getconf CLK_TCK)))
# CPU ticks (user + system) of one process; 0 once it is gone.
ticks_of() { awk '{print $14 + $15}' "/proc/$1/stat" 2> /dev/null || echo 0; }
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
# "pid ticks" of every PostgreSQL process.
postgres_ticks() { for pid in $(pgrep -x postgres); do echo "$pid $(ticks_of "$pid")"; done; }
# Ticks PostgreSQL used since the snapshot in file $1 (backends started since count whole).
postgres_used() {
  postgres_ticks | awk -v before="$1" 'BEGIN {while ((getline line < before) > 0) {
    split(line, f, " "); start[f[1]] = f[2]}} {used += $2 - ($1 in start ? start[$1] : 0)}
    END {print used + 0}'
}
for rep in $(seq "$reps"); do
  for side in 0 1; do
    bin=${binaries[$side]}
    if ((postgres)); then
      psql -qAt "$LINGTING_TEST_POSTGRES/postgres" -c "CREATE DATABASE ab_${side}_$rep"
      db="$LINGTING_TEST_POSTGRES/ab_${side}_$rep"
    else
      db="sqlite:$work/$side-$rep.db"
    fi
    "$bin" migrate --db "$db" > /dev/null
    echo "bench-password" | "$bin" user add --db "$db" --email bench@lingting.bench --name bench \
      --role admin --password-stdin > /dev/null
    LINGTING_TOKEN=$("$bin" token create --db "$db" --user bench@lingting.bench 2> /dev/null)
    export LINGTING_TOKEN
    for node in $(seq 0 $((nodes - 1))); do
      LINGTING_LOG_LEVEL=warn LINGTING_STORE_ATTACHMENTS_DIR=$work/attachments \
        "$bin" serve --db "$db" --listen "127.0.0.1:$((port + node))" > "$work/server$node.out" 2>&1 &
      server_pids+=($!)
    done
    for node in $(seq 0 $((nodes - 1))); do
      until curl -sf "http://127.0.0.1:$((port + node))/livez" > /dev/null 2>&1; do
        kill -0 "${server_pids[$node]}" 2> /dev/null || { cat "$work/server$node.out"; exit 1; }
        sleep 0.01
      done
    done
    if ((cpu)); then
      machine_before=$(machine_ticks)
      nodes_before=0
      for pid in "${server_pids[@]}"; do nodes_before=$((nodes_before + $(ticks_of "$pid"))); done
      postgres_ticks > "$work/postgres_before"
    fi
    load_pids=()
    per_node=$((connections / nodes))
    for node in $(seq 0 $((nodes - 1))); do
      wrk -t$((per_node > 1 ? 2 : 1)) -c$per_node -d"${seconds}s" --timeout 10s -s bench/wrk/create_case.lua \
        "http://127.0.0.1:$((port + node))" | tail -n 1 > "$work/wrk$node.json" &
      load_pids+=($!)
    done
    wait "${load_pids[@]}"
    line=$(jq -cs '{requests: (map(.requests) | add), seconds: (map(.seconds) | max),
      rps: (map(.rps) | add), p50_ms: (map(.p50_ms) | max), p99_ms: (map(.p99_ms) | max),
      status_errors: (map(.status_errors) | add), socket_errors: (map(.socket_errors) | add)}' \
      "$work"/wrk*.json)
    rm -f "$work"/wrk*.json
    if ((cpu)); then
      requests=$(jq .requests <<< "$line")
      nodes_after=0
      for pid in "${server_pids[@]}"; do nodes_after=$((nodes_after + $(ticks_of "$pid"))); done
      postgres_run=0
      ((postgres)) && postgres_run=$(postgres_used "$work/postgres_before")
      per_request() { echo $(($1 * tick_us / (requests > 0 ? requests : 1))); }
      cpu_json=$(printf '{"machine":%d,"nodes":%d,"postgres":%d}' \
        "$(per_request $(($(machine_ticks) - machine_before)))" \
        "$(per_request $((nodes_after - nodes_before)))" "$(per_request "$postgres_run")")
      line="${line%\}},\"cpu_us_per_request\":$cpu_json}"
    fi
    stop_servers
    echo "{\"side\":\"$side\",\"rep\":$rep,${line:1}" | tee -a "$results"
  done
done
for side in 0 1; do
  jq -s --arg side "$side" --arg bin "${binaries[$side]}" '
    [.[] | select(.side == $side)] as $runs
    | def median(f): ($runs | map(f) | sort | .[(length / 2 | floor)]);
    {binary: $bin, connections: '"$connections"', reps: ($runs | length),
     median_rps: median(.rps), median_p99_ms: median(.p99_ms)}
    + if ($runs[0] | has("cpu_us_per_request")) then
        {median_cpu_us_per_request: {machine: median(.cpu_us_per_request.machine),
          nodes: median(.cpu_us_per_request.nodes),
          postgres: median(.cpu_us_per_request.postgres)}}
      else {} end' "$results"
done
