#!/usr/bin/env bash
# Installs every Debian package that Lingting's build, run, tests and benchmarks need.
# Idempotent; run as root (or with sudo available) on a fresh Debian 12 machine.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates tzdata
  clang-format clang libclang-rt-14-dev
  libasio-dev librestinio-dev libfmt-dev libspdlog-dev nlohmann-json3-dev
  libsqlite3-dev sqlite3 libsodium-dev libicu-dev libhowardhinnant-date-dev
  libcli11-dev libtomlplusplus-dev libgtest-dev libgmock-dev
  libpq-dev postgresql-15 postgresql-client-15 nginx-light
  libxlsxwriter-dev unzip libgmime-3.0-dev libxml2-dev libcurl4-gnutls-dev libetpan-dev libgnutls28-dev
  nettle-dev
  wrk curl jq python3 postfix swaks openssl dovecot-imapd dovecot-lmtpd
  chromium fonts-noto-cjk
)

# The web console builds with the machine's Node.js (20.19 or later) and npm;
# Debian 12's own nodejs is too old for Vite, so it is not installed here.
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' 2>/dev/null ||
  ! command -v npm > /dev/null; then
  echo "install-deps: the web console needs Node.js 20.19 or later with npm (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 69
fi

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
