-- Phone calls (issue 16): recorded by agents, or reported by the telephony
-- system's signed webhook as they ring, are answered and end (external_id
-- is its id of the call, one row per call). The caller is looked up by
-- number; the call joins a case when an agent adds it to one, as an
-- interaction on the timeline (the recording its attachment).
CREATE TABLE calls (
  id INTEGER PRIMARY KEY,
  external_id TEXT,
  direction TEXT NOT NULL,
  number TEXT NOT NULL,
  customer_id INTEGER REFERENCES customers(id),
  agent_user_id INTEGER REFERENCES users(id),
  state TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  answered_at INTEGER,
  ended_at INTEGER,
  duration_seconds INTEGER,
  notes TEXT NOT NULL DEFAULT '',
  case_id INTEGER REFERENCES cases(id),
  interaction_id INTEGER REFERENCES interactions(id),
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX calls_external ON calls(external_id) WHERE external_id IS NOT NULL;
CREATE INDEX calls_started ON calls(started_at);
CREATE INDEX calls_case ON calls(case_id);
