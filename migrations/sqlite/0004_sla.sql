-- SLA policies and their targets (src/sla/sla_policy.hpp). While these are
-- empty the procedure's defaults (DefaultSlaPolicies) apply; an admin's edit
-- replaces their whole content. Lists are space-separated codes or ids.
CREATE TABLE sla_policies (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  case_types TEXT NOT NULL DEFAULT '',
  urgencies TEXT NOT NULL DEFAULT '',
  origin_classes TEXT NOT NULL DEFAULT '',
  segments TEXT NOT NULL DEFAULT '',
  category_ids TEXT NOT NULL DEFAULT ''
);

CREATE TABLE sla_targets (
  id INTEGER PRIMARY KEY,
  policy_id INTEGER NOT NULL REFERENCES sla_policies(id),
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  start_event TEXT NOT NULL,
  stop_events TEXT NOT NULL,
  pause_states TEXT NOT NULL DEFAULT '',
  amount INTEGER NOT NULL,
  unit TEXT NOT NULL,
  warn_percent INTEGER NOT NULL DEFAULT 75,
  escalate_to_user_id INTEGER REFERENCES users(id)
);
CREATE INDEX sla_targets_policy ON sla_targets(policy_id, position);

-- The persisted clocks of each case: recomputed in the transaction of every
-- change to the case, read by the alert sweep and the reports.
-- next_alert_at is when the clock's next warning or breach falls due (NULL:
-- none pending); the sweep walks its index in due-time order.
-- moved_* keep a deadline moved with the customer's agreement;
-- original_due_at the deadline it replaced.
CREATE TABLE sla_clocks (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  target TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  original_due_at INTEGER,
  paused_ms INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL,
  met_at INTEGER,
  warn_at INTEGER,
  warned_at INTEGER,
  breached_at INTEGER,
  next_alert_at INTEGER,
  moved_due_at INTEGER,
  moved_at INTEGER,
  moved_by INTEGER REFERENCES users(id),
  moved_reason TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (case_id, target)
);
CREATE INDEX sla_clocks_next_alert ON sla_clocks(next_alert_at) WHERE next_alert_at IS NOT NULL;

-- Each user's notification list (SLA warnings, breaches, escalations).
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  case_id INTEGER REFERENCES cases(id),
  target TEXT NOT NULL DEFAULT '',
  due_at INTEGER,
  created_at INTEGER NOT NULL,
  read_at INTEGER
);
CREATE INDEX notifications_user ON notifications(user_id, id);
