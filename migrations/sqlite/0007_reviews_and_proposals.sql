-- Customer rejections of a decision under review until settled (ISO 10002),
-- recurrence-prevention reports with their own actions, and improvement
-- proposals born from cases.
CREATE TABLE decision_reviews (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  transition_id INTEGER NOT NULL REFERENCES case_transitions(id),
  alternatives TEXT NOT NULL DEFAULT '',
  opened_at INTEGER NOT NULL,
  settled_at INTEGER,
  settled_by INTEGER REFERENCES users(id),
  alternative_taken TEXT,
  outcome TEXT NOT NULL DEFAULT ''
);
CREATE INDEX decision_reviews_open ON decision_reviews(settled_at, opened_at);
CREATE INDEX decision_reviews_case ON decision_reviews(case_id);

CREATE TABLE prevention_reports (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL UNIQUE REFERENCES cases(id),
  problem TEXT NOT NULL,
  analysis TEXT NOT NULL DEFAULT '',
  opened_by INTEGER REFERENCES users(id),
  opened_at INTEGER NOT NULL,
  approved_by INTEGER REFERENCES users(id),
  approved_at INTEGER,
  verification TEXT NOT NULL DEFAULT '',
  verified_by INTEGER REFERENCES users(id),
  verified_at INTEGER,
  updated_at INTEGER NOT NULL
);
CREATE INDEX prevention_reports_open ON prevention_reports(verified_at, opened_at);

-- The actions a recurrence-prevention report set (NULL: the case's own).
ALTER TABLE actions ADD COLUMN prevention_report_id INTEGER REFERENCES prevention_reports(id);

CREATE TABLE improvement_proposals (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  title TEXT NOT NULL,
  idea TEXT NOT NULL,
  owner_id INTEGER NOT NULL REFERENCES users(id),
  status TEXT NOT NULL,
  currency TEXT NOT NULL,
  estimated_savings_minor INTEGER NOT NULL DEFAULT 0,
  realised_savings_minor INTEGER NOT NULL DEFAULT 0,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  implemented_at INTEGER,
  updated_at INTEGER NOT NULL
);
CREATE INDEX improvement_proposals_status ON improvement_proposals(status, created_at);
CREATE INDEX improvement_proposals_case ON improvement_proposals(case_id);
