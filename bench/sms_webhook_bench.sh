#!/usr/bin/env bash
# The SMS webhook under load: a Release `lingting serve` on SQLite with its
# job runner, the stand-in gateway (tests/support/gateway-recorder.py)
# taking the acknowledgements, and wrk posting signed customer texts at 32
# connections for the given time. The texts come from 2,000 numbers, so that
# the first of each opens a case (acknowledged by SMS) and the rest join it.
# Prints wrk's figures: requests/s, p50, p99 and any non-2xx answers.
#   bash bench/sms_webhook_bench.sh [--seconds N] [--connections N]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=20
connections=32
while (($#)); do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    *) echo "sms_webhook_bench.sh: unknown argument $1" >&2; exit 64 ;;
  esac
done

cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DLINGTING_TESTS=OFF > /dev/null
cmake --build build/release --target lingting > /dev/null
lingting=$PWD/build/release/bin/lingting
scratch=$(mktemp -d)
server_pid=
gateway_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2> /dev/null && wait "$server_pid" 2> /dev/null
  [[ -n $gateway_pid ]] && kill "$gateway_pid" 2> /dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT

mkdir "$scratch/gateway"
python3 tests/support/gateway-recorder.py "$scratch/gateway" &
gateway_pid=$!
for _ in $(seq 100); do [[ -f $scratch/gateway/port ]] && break; sleep 0.1; done
db="sqlite:$scratch/lingting.db"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$scratch" && exec "$lingting" serve --db "$db" --listen "127.0.0.1:$port" --demo --demo-cases 1 \
  > "$scratch/serve.log" 2>&1) &
server_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.1; done
token=$("$lingting" token create --db "$db" --user admin@lingting.demo 2> /dev/null)
secret=bench-webhook-secret-0123456789
curl -sf -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  "http://127.0.0.1:$port/api/v1/admin/sms" \
  -d "{\"url\":\"http://127.0.0.1:$(cat "$scratch/gateway/port")/send\",\"webhook_secret\":\"$secret\"}" > /dev/null

# More signed texts than the run can send (each id once), stamped now: the
# signature window is five minutes.
python3 - "$secret" "$scratch/requests.tsv" 400000 <<'PY'
import hashlib, hmac, json, random, sys, time
secret, path, count = sys.argv[1].encode(), sys.argv[2], int(sys.argv[3])
texts = ["空调外机漏水，已经三天了，请尽快派人来修。", "热水器打不着火。", "师傅几点到？", "下午在家，请上门。",
         "The washing machine leaks again."]
numbers = ["137%08d" % random.randrange(10**8) for _ in range(2000)]
now = str(int(time.time()))
with open(path, "w", encoding="utf-8") as out:
    for i in range(count):
        body = json.dumps({"id": "bench-%d" % i, "from": random.choice(numbers),
                           "text": random.choice(texts)}, ensure_ascii=False)
        signature = hmac.new(secret, (now + "." + body).encode(), hashlib.sha256).hexdigest()
        out.write(now + "\tsha256=" + signature + "\t" + body + "\n")
PY

threads=2
LINGTING_SMS_REQUESTS=$scratch/requests.tsv LINGTING_WRK_THREADS=$threads LINGTING_BENCH_DIR=$PWD/bench \
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s bench/wrk/sms_webhook.lua \
  "http://127.0.0.1:$port" | tee "$scratch/wrk.txt" | tail -1
cases=$(sqlite3 "$scratch/lingting.db" "SELECT COUNT(*) FROM cases WHERE channel = 'sms'" 2> /dev/null || echo "?")
echo "sms.webhook: $connections connections, $seconds s; cases opened by text: $cases"
