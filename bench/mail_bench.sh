#!/usr/bin/env bash
# E-mail in, as a mail server's direct delivery hands it over: `lingting
# ingest-mail` on N messages made from the corpus (tests/fixtures/email, each
# copy with its own Message-ID and sender, so every one is a new message that
# threads or opens a case; most given a photo, so that the median message is
# about 20 KB), on a fresh SQLite store, with a Release build.
# Prints messages per second (median of 3 runs) and the median message size.
# The messages are one batch (a directory), stored in order. With --postgres, two processes ("two nodes") each ingest
# half the senders into one durable PostgreSQL 15 cluster
# (scripts/with-postgres.sh); --binary uses a build of your own.
#   bash bench/mail_bench.sh [--messages N] [--postgres] [--binary PATH]
set -euo pipefail
cd "$(dirname "$0")/.."

messages=3000
postgres=0
binary=""
while (($#)); do
  case "$1" in
    --messages) messages=$2; shift 2 ;;
    --postgres) postgres=1; shift ;;
    --binary) binary=$(realpath "$2"); shift 2 ;;
    *) echo "mail_bench.sh: unknown argument $1" >&2; exit 64 ;;
  esac
done

if [[ -z $binary ]]; then
  cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DLINGTING_TESTS=OFF > /dev/null
  cmake --build build/release --target lingting > /dev/null
  binary=$PWD/build/release/bin/lingting
fi
lingting=$binary
if ((postgres)) && [[ -z ${LINGTING_TEST_POSTGRES:-} ]]; then
  args=(--messages "$messages" --postgres --binary "$lingting")
  exec env LINGTING_PG_DURABLE=1 bash scripts/with-postgres.sh bash "$0" "${args[@]}"
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The corpus's messages, copied round-robin with fresh Message-IDs and senders.
mapfile -t corpus < <(find tests/fixtures/email -type f -name '*.eml' | sort)
mkdir -p "$scratch/in/a" "$scratch/in/b"
python3 - "$scratch/in" "$messages" "${corpus[@]}" <<'PY'
import base64, random, re, sys
out, count, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
bodies = [open(f, 'rb').read() for f in files]
rng = random.Random(20261205)
CONTENT = re.compile(rb'(?im)^(content-type|content-transfer-encoding|mime-version):[^\r\n]*(\r?\n[ \t][^\r\n]*)*(\r?\n)?')

def with_photo(raw, i, size):
    """The message as a customer sends it with a photo: multipart/mixed, its
    own body first, then a JPEG of `size` bytes (base64)."""
    newline = b'\r\n' if b'\r\n' in raw[:2000] else b'\n'
    split = raw.find(newline + newline)
    if split < 0:
        return raw
    head, body = raw[:split + len(newline)], raw[split + 2 * len(newline):]
    content = b''.join(m.group(0) for m in CONTENT.finditer(head)
                       if not m.group(1).lower().startswith(b'mime'))
    head = CONTENT.sub(b'', head)
    if not content:
        content = b'Content-Type: text/plain; charset=us-ascii' + newline
    if not content.endswith(newline):
        content += newline
    boundary = b'lt-bench-%d' % i
    photo = b'\xff\xd8\xff\xe0' + rng.randbytes(max(size - 4, 0))
    encoded = base64.encodebytes(photo).replace(b'\n', newline)
    return (head + b'MIME-Version: 1.0' + newline +
            b'Content-Type: multipart/mixed; boundary="' + boundary + b'"' + newline + newline +
            b'--' + boundary + newline + content + newline + body + newline +
            b'--' + boundary + newline +
            b'Content-Type: image/jpeg; name="photo-%d.jpg"' % i + newline +
            b'Content-Disposition: attachment; filename="photo-%d.jpg"' % i + newline +
            b'Content-Transfer-Encoding: base64' + newline + newline + encoded +
            b'--' + boundary + b'--' + newline)

for i in range(count):
    raw = bodies[i % len(bodies)]
    raw = re.sub(rb'(?im)^message-id:[^\r\n]*(\r?\n[ \t][^\r\n]*)*(\r?\n)?', b'', raw, count=1)
    raw = re.sub(rb'(?im)^from:', b'X-Original-From:', raw, count=1)
    head = b'Message-ID: <bench-%d@mail.example>\r\nFrom: customer%d@mail.example\r\n' % (i, i % 500)
    # Sizes spread around a 20 KB median (log-normal), as complaints with a
    # photo or a screenshot come; a message already larger is left as it is.
    target = int(rng.lognormvariate(9.9, 0.7))
    if target > len(raw) + 1024:
        raw = with_photo(raw, i, (target - len(raw)) * 3 // 4)
    # Two halves by sender, for two nodes that never share a customer.
    open(f'{out}/{"ab"[i % 2]}/{i:06d}.eml', 'wb').write(head + raw)
PY
sizes=$(find "$scratch/in" -type f -printf '%s\n' | sort -n)
median_size=$(echo "$sizes" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')

rates=()
for run in 1 2 3; do
  if ((postgres)); then
    db="$LINGTING_TEST_POSTGRES/bench_mail_$run"
    psql "$LINGTING_TEST_POSTGRES/postgres" -qc "CREATE DATABASE bench_mail_$run" > /dev/null
  else
    db="sqlite:$scratch/store-$run/lingting.db"
  fi
  # Every run writes its attachment bodies afresh, into a directory of its
  # own: the ones deleted just before would slow the file system's inode
  # allocation (ext4 steers clear of recently deleted inodes).
  mkdir -p "$scratch/store-$run"
  export LINGTING_STORE_ATTACHMENTS_DIR=$scratch/store-$run/attachments
  "$lingting" migrate --db "$db" > /dev/null 2>&1
  start=$(date +%s.%N)
  if ((postgres)); then
    "$lingting" ingest-mail --db "$db" --lang en "$scratch/in/a" > "$scratch/out-a.txt" &
    node_a=$!
    "$lingting" ingest-mail --db "$db" --lang en "$scratch/in/b" > "$scratch/out-b.txt"
    wait "$node_a"
    cat "$scratch/out-a.txt" "$scratch/out-b.txt" > "$scratch/out.txt"
  else
    "$lingting" ingest-mail --db "$db" --lang en "$scratch/in/a" "$scratch/in/b" > "$scratch/out.txt"
  fi
  end=$(date +%s.%N)
  landed=$(grep -c 'recorded on case\|automatic mail' "$scratch/out.txt")
  [[ $landed -eq $messages ]] || { echo "only $landed of $messages messages stored" >&2; exit 70; }
  seconds=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')
  rates+=("$(awk -v n="$messages" -v s="$seconds" 'BEGIN {printf "%.0f", n / s}')")
  echo "run $run: $messages messages in $seconds s: ${rates[-1]} messages/s"
done
median=$(printf '%s\n' "${rates[@]}" | sort -n | sed -n 2p)
store=$( ((postgres)) && echo postgres_two_nodes || echo sqlite)
echo "mail.ingest_$store: median $median messages/s (runs: ${rates[*]}), $messages messages, median size $median_size bytes"
