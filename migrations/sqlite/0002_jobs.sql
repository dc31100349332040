-- Background jobs (docs/architecture.md, "Jobs"): every node claims due jobs
-- from this table; a claim is a lease, so a job whose node died is claimed
-- again when the lease runs out. (kind, key) is unique: scheduling the same
-- job twice is a no-op.

CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}',
  state TEXT NOT NULL DEFAULT 'pending',
  due_at INTEGER NOT NULL,
  available_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 10,
  locked_by TEXT,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  done_at INTEGER,
  UNIQUE (kind, key)
);
CREATE INDEX jobs_available ON jobs(available_at) WHERE state IN ('pending', 'running');
