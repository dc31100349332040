#!/usr/bin/env bash
# Mail in -> acknowledgement handed to the SMTP server: a Release `lingting
# serve` on SQLite with its job runner, a real Postfix (tests/support/
# smtp-sandbox.sh), and N customer e-mails delivered one by one through
# `lingting ingest-mail` (as a Postfix pipe transport would), a fixed pause
# apart. For each, the time from handing the message to ingest-mail until the
# outbox recorded the server's acceptance of the acknowledgement (sent_at).
# Prints the median and p95 in milliseconds.
#   bash bench/mail_ack_bench.sh [--messages N] [--pause SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."

messages=200
pause=0.2
while (($#)); do
  case "$1" in
    --messages) messages=$2; shift 2 ;;
    --pause) pause=$2; shift 2 ;;
    *) echo "mail_ack_bench.sh: unknown argument $1" >&2; exit 64 ;;
  esac
done

cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DLINGTING_TESTS=OFF > /dev/null
cmake --build build/release --target lingting > /dev/null
lingting=$PWD/build/release/bin/lingting
scratch=$(mktemp -d)
chmod 755 "$scratch"
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2> /dev/null && wait "$server_pid" 2> /dev/null
  bash tests/support/smtp-sandbox.sh stop "$scratch/smtp"
  rm -rf "$scratch"
}
trap cleanup EXIT

smtp_port=$(bash tests/support/smtp-sandbox.sh start "$scratch/smtp")
db="sqlite:$scratch/lingting.db"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$scratch" && exec "$lingting" serve --db "$db" --listen "127.0.0.1:$port" --demo --demo-cases 1 \
  > "$scratch/serve.log" 2>&1) &
server_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.1; done
token=$("$lingting" token create --db "$db" --user admin@lingting.demo 2> /dev/null)
api() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
api -X PUT "http://127.0.0.1:$port/api/v1/admin/smtp" -d "{\"host\":\"127.0.0.1\",\"port\":$smtp_port,
  \"security\":\"starttls\",\"ca_file\":\"$scratch/smtp/cert.pem\",\"from_address\":\"service@lingting.test\"}" > /dev/null

: > "$scratch/handed.txt"
for i in $(seq "$messages"); do
  start=$(date +%s%3N)
  number=$(printf 'From: customer%d@mail.example\r\nTo: service@lingting.test\r\nSubject: =?UTF-8?B?5rSX6KGj5py65ryP5rC0?= %d\r\nMessage-ID: <ack-bench-%d@mail.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n' \
    "$i" "$i" "$i" '滚筒洗衣机脱水时门封漏水，地面全湿。' |
    "$lingting" ingest-mail --db "$db" --lang en | grep -o 'TS-[0-9]*-[0-9]*')
  echo "$number $start" >> "$scratch/handed.txt"
  sleep "$pause"
done

# Every acknowledgement's sent_at, by case number.
deadline=$((SECONDS + 60))
while :; do
  api "http://127.0.0.1:$port/api/v1/cases?sort=-received_at&limit=$((messages + 5))&channel=email" > "$scratch/cases.json"
  : > "$scratch/sent.txt"
  for row in $(jq -r '.items[] | "\(.id),\(.number)"' "$scratch/cases.json"); do
    id=${row%,*}
    number=${row#*,}
    sent=$(api "http://127.0.0.1:$port/api/v1/cases/$id/outbox" | jq -r '.items[0].sent_at // empty')
    [[ -n $sent ]] && echo "$number $(date -d "$sent" +%s%3N)" >> "$scratch/sent.txt"
  done
  [[ $(wc -l < "$scratch/sent.txt") -ge $messages || $SECONDS -gt $deadline ]] && break
  sleep 1
done
join <(sort "$scratch/handed.txt") <(sort "$scratch/sent.txt") | awk '{print $3 - $2}' | sort -n > "$scratch/latency.txt"
count=$(wc -l < "$scratch/latency.txt")
[[ $count -eq $messages ]] || { echo "only $count of $messages acknowledgements were sent" >&2; exit 70; }
p50=$(awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}' "$scratch/latency.txt")
p95=$(awk '{a[NR]=$1} END {i = int(NR * 0.95 + 0.999); print a[i]}' "$scratch/latency.txt")
max=$(tail -1 "$scratch/latency.txt")
echo "mail.ack_latency: $messages messages, median $p50 ms, p95 $p95 ms, max $max ms (mail handed to ingest-mail -> acknowledgement accepted by Postfix)"
