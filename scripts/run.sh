#!/usr/bin/env bash
# Installs what Lingting needs, builds it with its web console and runs it on the embedded SQLite
# store under ./var/, with demo data on first start. Prints the URL and a login.
# Extra arguments go to `lingting serve` (e.g. --listen 0.0.0.0:8080).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DLINGTING_TESTS=OFF > /dev/null
cmake --build build/release --target lingting console
mkdir -p var
exec build/release/bin/lingting serve --demo "$@"
