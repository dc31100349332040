#!/usr/bin/env bash
# A chat webhook under load: a Release `lingting serve` on SQLite with its
# job runner, the stand-in gateway (tests/support/gateway-recorder.py, also
# WeChat's API) taking the acknowledgements, and wrk posting signed messages
# at 32 connections for the given time: customers' texts to the SMS webhook,
# or followers' XML messages to the WeChat webhook. The messages come from
# 2,000 senders, so that the first of each opens a case (acknowledged on the
# same channel) and the rest join it. Prints wrk's figures: requests/s, p50,
# p99 and any non-2xx answers.
#   bash bench/webhook_bench.sh [--channel sms|wechat] [--seconds N] [--connections N]
set -euo pipefail
cd "$(dirname "$0")/.."

channel=sms
seconds=20
connections=32
while (($#)); do
  case "$1" in
    --channel) channel=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    *) echo "webhook_bench.sh: unknown argument $1" >&2; exit 64 ;;
  esac
done
case "$channel" in
  sms | wechat) ;;
  *) echo "webhook_bench.sh: --channel is sms or wechat" >&2; exit 64 ;;
esac

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
gateway="http://127.0.0.1:$(cat "$scratch/gateway/port")"
secret=bench-webhook-secret-0123456789
if [[ $channel == sms ]]; then
  settings="{\"url\":\"$gateway/send\",\"webhook_secret\":\"$secret\"}"
else
  settings="{\"app_id\":\"wxbench0123456789\",\"app_secret\":\"0123456789abcdef\",\"token\":\"benchToken2026\",\"api_base\":\"$gateway/wechat\"}"
fi
curl -sf -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  "http://127.0.0.1:$port/api/v1/admin/$channel" -d "$settings" > /dev/null

# More signed messages than the run can send (each id once), stamped now:
# the signature window is five minutes.
python3 - "$channel" "$secret" "$scratch/requests.tsv" 400000 <<'PY'
import hashlib, hmac, json, random, sys, time
channel, secret, path, count = sys.argv[1], sys.argv[2].encode(), sys.argv[3], int(sys.argv[4])
texts = ["空调外机漏水，已经三天了，请尽快派人来修。", "热水器打不着火。", "师傅几点到？", "下午在家，请上门。",
         "The washing machine leaks again."]
now = str(int(time.time()))
with open(path, "w", encoding="utf-8") as out:
    if channel == "sms":
        numbers = ["137%08d" % random.randrange(10**8) for _ in range(2000)]
        for i in range(count):
            body = json.dumps({"id": "bench-%d" % i, "from": random.choice(numbers),
                               "text": random.choice(texts)}, ensure_ascii=False)
            signature = hmac.new(secret, (now + "." + body).encode(), hashlib.sha256).hexdigest()
            out.write("/api/v1/webhooks/sms\tapplication/json\t" + now + "\tsha256=" + signature +
                      "\t" + body + "\n")
    else:
        openids = ["oBench%022d" % random.randrange(10**20) for _ in range(2000)]
        for i in range(count):
            nonce = str(i)
            signature = hashlib.sha1("".join(sorted(["benchToken2026", now, nonce])).encode()).hexdigest()
            body = ("<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[%s]]>"
                    "</FromUserName><CreateTime>%s</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                    "<Content><![CDATA[%s]]></Content><MsgId>%d</MsgId></xml>"
                    % (random.choice(openids), now, random.choice(texts), 10**15 + i))
            out.write("/api/v1/webhooks/wechat?signature=%s&timestamp=%s&nonce=%s\ttext/xml\t\t\t%s\n"
                      % (signature, now, nonce, body))
PY

threads=2
LINGTING_WEBHOOK_REQUESTS=$scratch/requests.tsv LINGTING_WRK_THREADS=$threads LINGTING_BENCH_DIR=$PWD/bench \
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s bench/wrk/webhook.lua \
  "http://127.0.0.1:$port" | tee "$scratch/wrk.txt" | tail -1
cases=$(sqlite3 "$scratch/lingting.db" "SELECT COUNT(*) FROM cases WHERE channel = '$channel'" 2> /dev/null || echo "?")
echo "$channel.webhook: $connections connections, $seconds s; cases opened: $cases"
