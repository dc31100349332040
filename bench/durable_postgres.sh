# Sourced by the PostgreSQL benchmarks, from the repository root. Unless
# LINGTING_TEST_POSTGRES names a cluster already, runs the calling script again
# inside a throwaway PostgreSQL 15 (scripts/with-postgres.sh) that keeps
# PostgreSQL's durable defaults (fsync, synchronous_commit, full page writes)
# with 1 GB of shared buffers and checkpoints far apart.
if [[ -z ${LINGTING_TEST_POSTGRES:-} ]]; then
  bash scripts/install-deps.sh > /dev/null
  export LINGTING_PG_DURABLE=1
  export LINGTING_PG_SETTINGS="-c shared_buffers=1GB -c max_wal_size=4GB -c checkpoint_timeout=15min"
  exec bash scripts/with-postgres.sh bash "$0" "$@"
fi
