#!/usr/bin/env bash
# Checks, file by file, that each subsystem under src/ includes only the
# subsystems it may use (docs/architecture.md draws the order). The build
# already refuses headers of libraries a target does not link
# (cmake/IncludeInterface.cmake); this also catches what one library holds
# in several folders (the store engines under storage/) and the rules a
# link cannot express: use-case headers name the store only by declaration,
# and only the HTTP server includes RESTinio.
#
#   bash scripts/check-includes.sh            checks src/
#   bash scripts/check-includes.sh --self-test also shows that a wrong include fails
set -euo pipefail
cd "$(dirname "$0")/.."

# What each folder may include, besides itself.
declare -A allowed=(
  [base]=""
  [i18n]="base"
  [text]="base"
  [mail]="base domain"
  [gateways]="base domain"
  [domain]="base"
  [sla]="base domain"
  [exports]="base"
  [storage]="base domain sla text"
  [storage/sqlite]="base domain sla text storage"
  [storage/postgres]="base domain sla text storage"
  [app]="base i18n text domain sla storage"
  [jobs]="base domain sla app storage"
  [config]="base app"
  [http]="base i18n domain sla exports app"
  [runtime]="base i18n text domain sla exports storage storage/sqlite storage/postgres app jobs config http mail gateways"
  [cli]="base i18n text domain sla exports storage app jobs config http runtime mail"
)

# The folder a path under src/ belongs to: its first directory, or the store
# engine's folder.
folder_of() {
  case $1 in
    storage/sqlite/*) echo storage/sqlite ;;
    storage/postgres/*) echo storage/postgres ;;
    */*) echo "${1%%/*}" ;;
    *) echo "" ;;
  esac
}

check() {
  local root=$1 failures=0 file relative from line number included to
  while IFS= read -r file; do
    relative=${file#"$root"/}
    from=$(folder_of "$relative")
    if [[ -z ${allowed[$from]+set} ]]; then
      echo "$file: the folder '$from' has no rule in scripts/check-includes.sh" >&2
      failures=$((failures + 1))
      continue
    fi
    while IFS=: read -r number line; do
      included=${line#*\"}
      included=${included%%\"*}
      to=$(folder_of "$included")
      [[ -z $to || $to == "$from" ]] && continue
      if [[ " ${allowed[$from]} " != *" $to "* ]]; then
        echo "$file:$number: '$from' may not include '$included' (allowed: ${allowed[$from]:-nothing})" >&2
        failures=$((failures + 1))
      elif [[ $from == app && $file == *.hpp && $to == storage ]]; then
        echo "$file:$number: a use-case header names the store by declaration only (app/store_access.hpp), not '$included'" >&2
        failures=$((failures + 1))
      fi
    done < <(grep -n '^#include "' "$file" || true)
    if grep -q '^#include <restinio/' "$file" &&
      [[ $relative != http/http_server.cpp && $relative != http/header_deadline_socket.hpp ]]; then
      echo "$file: only http/http_server.cpp (and its socket) include RESTinio" >&2
      failures=$((failures + 1))
    fi
  done < <(find "$root" -name '*.cpp' -o -name '*.hpp' | sort)
  return $((failures > 0))
}

if [[ ${1:-} == --self-test ]]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  cp -r src "$scratch/src"
  sed -i '1i #include "storage/case_store.hpp"' "$scratch/src/http/handlers/system_handler.cpp"
  if check "$scratch/src" 2> "$scratch/report"; then
    echo "check-includes: the self-test's wrong include was not caught" >&2
    exit 1
  fi
  cat "$scratch/report"
  echo "check-includes: self-test caught the wrong include"
  exit 0
fi

if check src; then
  echo "check-includes: every include follows docs/architecture.md"
else
  echo "check-includes: fix the includes above, or the rule if the design changed (docs/architecture.md)" >&2
  exit 1
fi
