#!/usr/bin/env bash
# Installs every Debian package that Lingting's build, run, tests and benchmarks need.
# Idempotent; run as root (or with sudo available) on a fresh Debian 12 machine.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates tzdata
  clang-format
  libasio-dev librestinio-dev libfmt-dev libspdlog-dev nlohmann-json3-dev
  libsqlite3-dev sqlite3 libsodium-dev libicu-dev libhowardhinnant-date-dev
  libcli11-dev libtomlplusplus-dev libgtest-dev libgmock-dev
  libpq-dev postgresql-15 postgresql-client-15 nginx-light
  libxlsxwriter-dev unzip
  wrk curl jq
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
