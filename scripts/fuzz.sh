#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/: the MIME intake, the SMS and the
# telephony webhooks) with clang under ASan+UBSan and runs
# each for a bounded time, starting from its corpus in fuzz/corpus/<name>/.
# New inputs found are kept in a scratch copy, not in the repository; a crash
# fails the run and leaves the input that caused it in build/fuzz/findings/.
#   bash scripts/fuzz.sh [--seconds N]     (default 30 per target)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=30
while (($#)); do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    *) echo "fuzz.sh: unknown argument $1" >&2; exit 64 ;;
  esac
done

cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DLINGTING_FUZZ=ON -DLINGTING_TESTS=OFF -DLINGTING_CONSOLE=OFF \
  -DLINGTING_WERROR=ON > /dev/null
cmake --build build/fuzz --target fuzz_mime fuzz_sms_webhook fuzz_telephony_webhook \
  fuzz_wechat_webhook

mkdir -p build/fuzz/findings
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
run() {
  local name=$1 binary=$2 status=0; shift 2
  mkdir -p "$scratch/$name"
  echo "-- fuzzing $name for $seconds s"
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "build/fuzz/fuzz/$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="build/fuzz/findings/$name-" -print_final_stats=1 "$@" \
    "$scratch/$name" "fuzz/corpus/$name" > "$scratch/$name.log" 2>&1 || status=$?
  grep -E '^(INFO: seed corpus|stat::number_of_executed_units)' "$scratch/$name.log" |
    sed "s/^/$name: /" || true
  if ((status != 0)); then
    tail -60 "$scratch/$name.log"
    echo "fuzz.sh: $name failed (exit $status); the input is in build/fuzz/findings/" >&2
    return "$status"
  fi
}
# One fuzzer a core at a time (each is a single process); the run fails if
# any of them does.
targets=("mime fuzz_mime -max_len=262144" "sms_webhook fuzz_sms_webhook -max_len=8192"
  "telephony_webhook fuzz_telephony_webhook -max_len=4096"
  "wechat_webhook fuzz_wechat_webhook -max_len=8192")
parallel=$(nproc)
failed=0
for ((first = 0; first < ${#targets[@]}; first += parallel)); do
  pids=()
  for target in "${targets[@]:first:parallel}"; do
    # shellcheck disable=SC2086 # a target is its name, binary and options
    run $target &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
done
exit "$failed"
