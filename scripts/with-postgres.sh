#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL 15 cluster: initdb into a
# temporary directory, start it on 127.0.0.1 at a free port, export
# LINGTING_TEST_POSTGRES=postgresql://postgres@127.0.0.1:PORT, run the
# command, then stop the cluster and remove the directory, whatever happened.
#   scripts/with-postgres.sh ctest --output-on-failure
# The test cluster skips fsync. LINGTING_PG_DURABLE=1 keeps PostgreSQL's
# durable defaults (for benchmarks); LINGTING_PG_SETTINGS adds server
# options ("-c shared_buffers=1GB ...").
set -euo pipefail

bin=/usr/lib/postgresql/15/bin
if [[ ! -x $bin/initdb ]]; then
  echo "with-postgres: $bin/initdb not found (install postgresql-15)" >&2
  exit 69
fi

cluster=$(mktemp -d /tmp/lingting-pg-XXXXXX)
as_owner=()
if [[ $(id -u) -eq 0 ]]; then
  # initdb refuses to run as root; the cluster belongs to the postgres user.
  chown postgres: "$cluster"
  as_owner=(runuser -u postgres --)
fi

stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$cluster/data" -m immediate stop > /dev/null 2>&1 || true
  rm -rf "$cluster"
}
trap stop EXIT

"${as_owner[@]}" "$bin/initdb" -D "$cluster/data" -U postgres --auth=trust -E UTF8 \
  --locale=C.UTF-8 > "$cluster/initdb.log" 2>&1 || { cat "$cluster/initdb.log" >&2; exit 70; }

port_is_free() { ! (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

started=0
for _ in 1 2 3 4 5 6 7 8 9 10; do
  port=$((20000 + RANDOM % 40000))
  port_is_free "$port" || continue
  # Durability settings are off unless asked for: a test cluster is thrown
  # away, and the suite should test Lingting, not this machine's fsync.
  settings="-c max_connections=300 ${LINGTING_PG_SETTINGS:-}"
  if [[ ${LINGTING_PG_DURABLE:-0} != 1 ]]; then
    settings+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  if "${as_owner[@]}" "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
    -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 $settings" start > /dev/null; then
    started=1
    break
  fi
done
if ((started == 0)); then
  echo "with-postgres: the cluster did not start" >&2
  cat "$cluster/server.log" >&2 || true
  exit 70
fi

export LINGTING_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$port"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
status=0
"$@" || status=$?
exit "$status"
