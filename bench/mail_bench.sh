#!/usr/bin/env bash
# E-mail in, as a mail server's direct delivery hands it over: `lingting
# ingest-mail` on N messages made from the corpus (tests/fixtures/email, each
# copy with its own Message-ID and sender, so every one is a new message that
# threads or opens a case), on a fresh SQLite store, with a Release build.
# Prints messages per second (median of 3 runs) and the median message size.
#   bash bench/mail_bench.sh [--messages N]
set -euo pipefail
cd "$(dirname "$0")/.."

messages=3000
while (($#)); do
  case "$1" in
    --messages) messages=$2; shift 2 ;;
    *) echo "mail_bench.sh: unknown argument $1" >&2; exit 64 ;;
  esac
done

cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DLINGTING_TESTS=OFF > /dev/null
cmake --build build/release --target lingting > /dev/null
lingting=$PWD/build/release/bin/lingting
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The corpus's messages, copied round-robin with fresh Message-IDs and senders.
mapfile -t corpus < <(find tests/fixtures/email -type f -name '*.eml' | sort)
mkdir -p "$scratch/in"
python3 - "$scratch/in" "$messages" "${corpus[@]}" <<'PY'
import re, sys
out, count, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
bodies = [open(f, 'rb').read() for f in files]
for i in range(count):
    raw = bodies[i % len(bodies)]
    raw = re.sub(rb'(?im)^message-id:[^\r\n]*(\r?\n[ \t][^\r\n]*)*', b'', raw, count=1)
    raw = re.sub(rb'(?im)^from:', b'X-Original-From:', raw, count=1)
    head = b'Message-ID: <bench-%d@mail.example>\r\nFrom: customer%d@mail.example\r\n' % (i, i % 500)
    open(f'{out}/{i:06d}.eml', 'wb').write(head + raw)
PY
sizes=$(find "$scratch/in" -type f -printf '%s\n' | sort -n)
median_size=$(echo "$sizes" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')

rates=()
for run in 1 2 3; do
  rm -rf "$scratch/store" && mkdir -p "$scratch/store"
  db="sqlite:$scratch/store/lingting.db"
  "$lingting" migrate --db "$db" > /dev/null 2>&1
  start=$(date +%s.%N)
  (cd "$scratch/in" && "$lingting" ingest-mail --db "$db" --lang en ./*.eml > "$scratch/out.txt")
  end=$(date +%s.%N)
  landed=$(grep -c 'recorded on case\|automatic mail' "$scratch/out.txt")
  [[ $landed -eq $messages ]] || { echo "only $landed of $messages messages stored" >&2; exit 70; }
  seconds=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')
  rates+=("$(awk -v n="$messages" -v s="$seconds" 'BEGIN {printf "%.0f", n / s}')")
  echo "run $run: $messages messages in $seconds s: ${rates[-1]} messages/s"
done
median=$(printf '%s\n' "${rates[@]}" | sort -n | sed -n 2p)
echo "mail.ingest_sqlite: median $median messages/s (runs: ${rates[*]}), $messages messages, median size $median_size bytes"
