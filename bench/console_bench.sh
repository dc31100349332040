#!/usr/bin/env bash
# The web console's speed as a person meets it (issue 15): JavaScript sizes,
# queue rows, search, scrolling, live arrival of new cases, and the memory of
# 200 open live-update streams, measured in Debian's Chromium
# (bench/console/measure.mjs) against a Release build.
#   bash bench/console_bench.sh [--cases N] [--db sqlite:PATH]
# With --db, an existing store is used as it is (e.g. one `lingting demo`
# filled to 1,000,000 cases); otherwise a temporary one is filled to N cases.
set -euo pipefail
cd "$(dirname "$0")/.."

cases=20000
db=""
while (($#)); do
  case "$1" in
    --cases) cases=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    *) echo "console_bench.sh: unknown argument $1" >&2; exit 64 ;;
  esac
done

cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DLINGTING_TESTS=OFF > /dev/null
cmake --build build/release --target lingting console > /dev/null
lingting=build/release/bin/lingting
scratch=$(mktemp -d)
trap 'kill "$server" 2> /dev/null || true; rm -rf "$scratch"' EXIT
if [[ -z "$db" ]]; then
  db="sqlite:$scratch/lingting.db"
  echo "filling the store with $cases demo cases..."
  "$lingting" demo --cases "$cases" --db "$db" > /dev/null
fi
(cd "$scratch" && exec "$OLDPWD/$lingting" serve --demo --db "$db" --listen 127.0.0.1:0 --lang en > serve.log 2>&1) &
server=$!
for _ in $(seq 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$scratch/serve.log" | head -1 || true)
  [[ -n "$url" ]] && break
  sleep 0.2
done
[[ -n "$url" ]] || { cat "$scratch/serve.log"; exit 70; }
token=$("$lingting" token create --db "$db" --user admin@lingting.demo 2> /dev/null)
echo "store: $db"
LINGTING_TOKEN=$token node bench/console/measure.mjs "$url" "$server"
