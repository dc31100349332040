-- The case workflow as data (src/domain/workflow.hpp). While these two tables
-- are empty, the shipped procedure (DefaultWorkflow) applies; an admin's
-- edit replaces their whole content. Lists are space-separated codes.
CREATE TABLE workflow_states (
  code TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  position INTEGER NOT NULL,
  initial INTEGER NOT NULL DEFAULT 0,
  labels TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE workflow_transitions (
  code TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  from_states TEXT NOT NULL,
  to_state TEXT NOT NULL,
  roles TEXT NOT NULL DEFAULT '',
  case_types TEXT NOT NULL DEFAULT '',
  origin_classes TEXT NOT NULL DEFAULT '',
  requirements TEXT NOT NULL DEFAULT '',
  events TEXT NOT NULL DEFAULT '',
  labels TEXT NOT NULL DEFAULT '{}'
);

-- Every step a case took, with the data the step required.
CREATE TABLE case_transitions (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  step TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  actor_user_id INTEGER REFERENCES users(id),
  at INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  customer_decision TEXT,
  alternatives TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_transitions_case ON case_transitions(case_id, id);

-- Procedure events (first_contact, handed_to_qa, sample_received, ...) with
-- the moment they happened, which may be earlier than the step that
-- recorded them (a sample received yesterday). SLA clocks start and stop on them.
CREATE TABLE case_procedure_events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  event TEXT NOT NULL,
  at INTEGER NOT NULL,
  transition_id INTEGER REFERENCES case_transitions(id)
);
CREATE INDEX case_procedure_events_case ON case_procedure_events(case_id, id);

-- The quality abnormality report of a product complaint, or the
-- environmental communication form (kind) of an environmental one.
CREATE TABLE quality_reports (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL UNIQUE REFERENCES cases(id),
  kind TEXT NOT NULL,
  defect_description TEXT NOT NULL DEFAULT '',
  sample_received_at INTEGER,
  root_cause_occurrence TEXT NOT NULL DEFAULT '',
  root_cause_outflow TEXT NOT NULL DEFAULT '',
  responsible_department_id INTEGER REFERENCES departments(id),
  approved_by INTEGER REFERENCES users(id),
  approved_at INTEGER,
  verification TEXT NOT NULL DEFAULT '',
  verified_by INTEGER REFERENCES users(id),
  verified_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Containment, corrective and preventive actions.
CREATE TABLE actions (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL,
  description TEXT NOT NULL,
  owner_id INTEGER NOT NULL REFERENCES users(id),
  department_id INTEGER REFERENCES departments(id),
  due_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  evidence TEXT NOT NULL DEFAULT '',
  verification TEXT NOT NULL DEFAULT '',
  done_at INTEGER,
  verified_at INTEGER,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX actions_case ON actions(case_id, id);
CREATE INDEX actions_owner ON actions(owner_id, status, due_at);
