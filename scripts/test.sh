#!/usr/bin/env bash
# Installs what Lingting needs and runs the whole test suite: the format
# check, the include-rule check (scripts/check-includes.sh), the build with warnings as errors, every test (unit, store, API,
# functional against the built binary, CLI) on SQLite and again on a
# throwaway PostgreSQL 15 cluster (scripts/with-postgres.sh), the web
# console's unit tests and its browser tests in Debian's Chromium (once, on
# SQLite), the C++ tests again under AddressSanitizer and
# UndefinedBehaviorSanitizer (on SQLite, and on PostgreSQL the tests of its
# own code: see run_suite), and the libFuzzer targets (scripts/fuzz.sh)
# for a bounded time each.
#   --quick   skip the sanitizer build and the fuzzing (for local iteration)
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
for argument in "$@"; do
  case "$argument" in
    --quick) quick=1 ;;
    *) echo "test.sh: unknown argument $argument" >&2; exit 64 ;;
  esac
done

# Each phase says when it starts, so that a log shows where the time goes.
started=$SECONDS
phase() { echo "== $* (at $((SECONDS - started)) s)"; }

phase "packages and checks"
bash scripts/install-deps.sh
bash scripts/check-format.sh
bash scripts/check-includes.sh
bash scripts/check-includes.sh --self-test > /dev/null

jobs=$(nproc)
# Tests run two to a core: most of their time is spent waiting on servers
# (PostgreSQL, Dovecot, the SMTP and gateway stand-ins), on child processes
# and on timers (the PostgreSQL pass took 224 s one to a core, 144 s two to
# a core). The browser tests still run alone (RUN_SERIAL).
# run_suite DIRECTORY POSTGRES CMAKE_ARGS...: builds, runs every test on
# SQLite, then on PostgreSQL either every test but the browser's (POSTGRES
# "all") or only what runs PostgreSQL's own code in the test process or
# across nodes ("store": the store tests, the multi-node and store-moving
# tests), which the sanitizer pass needs and the API and command tests,
# already run on PostgreSQL once, do not.
ctest_args=(--output-on-failure --timeout 600 -j "$((2 * jobs))")
run_suite() {
  local directory=$1 postgres=$2; shift 2
  cmake -S . -B "$directory" -G Ninja -DLINGTING_WERROR=ON "$@" > /dev/null
  cmake --build "$directory"
  phase "$directory on SQLite"
  (cd "$directory" && ctest "${ctest_args[@]}")
  phase "$directory on PostgreSQL ($postgres)"
  if [[ $postgres == all ]]; then
    (cd "$directory" && ../../scripts/with-postgres.sh ctest "${ctest_args[@]}" -LE browser)
  else
    (cd "$directory" && ../../scripts/with-postgres.sh ctest "${ctest_args[@]}" -L store)
    (cd "$directory" && ../../scripts/with-postgres.sh \
      ctest "${ctest_args[@]}" -R '^(ThreeNodes|ThreeNodesWithShortLeases|MigrateStore)Test\.')
  fi
}

# Both builds are unity builds (CMake joins each target's sources, sixteen
# to a file): the headers (RESTinio, nlohmann-json, GoogleTest) are parsed and
# their templates compiled once a batch instead of once a file, which takes
# the two builds from most of CI's time to a fraction of it. The tests'
# build keeps line tables only (-g1), enough for backtraces. A file that
# forgets an include can compile inside its batch: the default build
# (scripts/run.sh, and any build configured without these flags) and the
# fuzz build (scripts/fuzz.sh: base, domain, mail) compile file by file.
unity=(-DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=16)
phase "build and test (warnings are errors)"
run_suite build/test all -DCMAKE_BUILD_TYPE=RelWithDebInfo "${unity[@]}" \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
if ((quick == 0)); then
  phase "build and test under AddressSanitizer + UndefinedBehaviorSanitizer"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_suite build/asan store -DCMAKE_BUILD_TYPE=Debug -DLINGTING_SANITIZE=ON -DLINGTING_CONSOLE=OFF \
    -DLINGTING_BENCHES=OFF "${unity[@]}"
  phase "fuzz the MIME intake and the webhooks (clang, libFuzzer)"
  bash scripts/fuzz.sh --seconds 20
fi
phase "done"
