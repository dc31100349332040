#!/usr/bin/env bash
# The first fetch of a large mailbox over IMAP: N messages made from the
# corpus (tests/fixtures/email, each with its own Message-ID and sender) put
# into a real Dovecot's mailbox (tests/support/imap-sandbox.sh), then a
# Release `lingting serve` on SQLite given the mailbox through the API. Prints
# the seconds from saving the mailbox until the last message is stored
# (STARTTLS, certificate checked, UID FETCH in batches, every message parsed,
# threaded and stored).
# --binary uses a build of your own.
#   bash bench/imap_fetch_bench.sh [--messages N] [--binary PATH]
set -euo pipefail
cd "$(dirname "$0")/.."

messages=10000
binary=""
while (($#)); do
  case "$1" in
    --messages) messages=$2; shift 2 ;;
    --binary) binary=$(realpath "$2"); shift 2 ;;
    *) echo "imap_fetch_bench.sh: unknown argument $1" >&2; exit 64 ;;
  esac
done

if [[ -z $binary ]]; then
  cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DLINGTING_TESTS=OFF > /dev/null
  cmake --build build/release --target lingting > /dev/null
  binary=$PWD/build/release/bin/lingting
fi
lingting=$binary
scratch=$(mktemp -d)
chmod 755 "$scratch"
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2> /dev/null && wait "$server_pid" 2> /dev/null
  bash tests/support/imap-sandbox.sh stop "$scratch/imap"
  rm -rf "$scratch"
}
trap cleanup EXIT

read -r imap_port _ < <(bash tests/support/imap-sandbox.sh start "$scratch/imap")
maildir=$scratch/imap/mail/service/Maildir
mkdir -p "$maildir"/{new,cur,tmp}
mapfile -t corpus < <(find tests/fixtures/email -type f -name '*.eml' | sort)
python3 - "$maildir/new" "$messages" "${corpus[@]}" <<'PY'
import re, sys
out, count, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
bodies = [open(f, 'rb').read() for f in files]
for i in range(count):
    raw = bodies[i % len(bodies)]
    raw = re.sub(rb'(?im)^message-id:[^\r\n]*(\r?\n[ \t][^\r\n]*)*(\r?\n)?', b'', raw, count=1)
    raw = re.sub(rb'(?im)^from:', b'X-Original-From:', raw, count=1)
    head = b'Message-ID: <imap-bench-%d@mail.example>\r\nFrom: customer%d@mail.example\r\n' % (i, i % 500)
    open(f'{out}/{1700000000 + i}.M{i}P1.bench', 'wb').write(head + raw)
PY
chown -R nobody:nogroup "$scratch/imap/mail"
size=$(du -sk "$maildir/new" | cut -f1)

db="sqlite:$scratch/lingting.db"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$scratch" && exec "$lingting" serve --db "$db" --listen "127.0.0.1:$port" --demo --demo-cases 1 \
  > "$scratch/serve.log" 2>&1) &
server_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.1; done
token=$("$lingting" token create --db "$db" --user admin@lingting.demo 2> /dev/null)
api() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
start=$(date +%s.%N)
id=$(api -X POST "http://127.0.0.1:$port/api/v1/admin/mailboxes" -d "{\"name\":\"service\",
  \"host\":\"127.0.0.1\",\"port\":$imap_port,\"security\":\"starttls\",\"ca_file\":\"$scratch/imap/cert.pem\",
  \"username\":\"service@mailbox.lingting.test\",\"password\":\"secret\"}" | jq .id)
while :; do
  last=$(api "http://127.0.0.1:$port/api/v1/admin/mailboxes" | jq ".items[] | select(.id == $id) | .last_uid")
  [[ $last -ge $messages ]] && break
  sleep 0.2
done
end=$(date +%s.%N)
seconds=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}')
rate=$(awk -v n="$messages" -v s="$seconds" 'BEGIN {printf "%.0f", n / s}')
echo "mail.imap_first_fetch: $messages messages ($((size / 1024)) MB) in $seconds s ($rate messages/s), SQLite"
