-- Lingting's initial schema (SQLite). Instants are UTC milliseconds since the epoch.

CREATE TABLE departments (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  parent_id INTEGER REFERENCES departments(id),
  created_at INTEGER NOT NULL
);

CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  organization TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL DEFAULT '',
  segment TEXT NOT NULL DEFAULT 'normal',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX customers_name ON customers(name);

-- Phones (E.164) and e-mail addresses (case-folded) that identify one customer
-- across channels: a contact belongs to exactly one customer.
CREATE TABLE customer_contacts (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  UNIQUE (kind, value)
);
CREATE INDEX customer_contacts_customer ON customer_contacts(customer_id);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  password_hash TEXT,
  customer_id INTEGER REFERENCES customers(id),
  locale TEXT NOT NULL DEFAULT 'zh-CN',
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE user_departments (
  user_id INTEGER NOT NULL REFERENCES users(id),
  department_id INTEGER NOT NULL REFERENCES departments(id),
  PRIMARY KEY (user_id, department_id)
);
CREATE INDEX user_departments_department ON user_departments(department_id);

CREATE TABLE categories (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  parent_id INTEGER REFERENCES categories(id),
  active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE case_number_sequences (
  prefix TEXT NOT NULL,
  year INTEGER NOT NULL,
  last_value INTEGER NOT NULL,
  PRIMARY KEY (prefix, year)
);

-- sla_due_at is the earliest running SLA deadline; 9223372036854775807 means
-- "no running deadline", so the queue can sort on it through an index.
CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  channel TEXT NOT NULL,
  subject TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  category_id INTEGER REFERENCES categories(id),
  product TEXT NOT NULL DEFAULT '',
  model TEXT NOT NULL DEFAULT '',
  batch TEXT NOT NULL DEFAULT '',
  serial TEXT NOT NULL DEFAULT '',
  urgency TEXT NOT NULL,
  origin_class TEXT NOT NULL,
  remedy TEXT NOT NULL,
  status TEXT NOT NULL,
  department_id INTEGER REFERENCES departments(id),
  assignee_id INTEGER REFERENCES users(id),
  received_at INTEGER NOT NULL,
  sla_due_at INTEGER NOT NULL DEFAULT 9223372036854775807,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id),
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX cases_queue_received ON cases(department_id, status, received_at, id);
CREATE INDEX cases_queue_sla ON cases(department_id, status, sla_due_at, id);
CREATE INDEX cases_status_received ON cases(status, received_at, id);
CREATE INDEX cases_received ON cases(received_at, id);
CREATE INDEX cases_assignee ON cases(assignee_id, status, received_at);
CREATE INDEX cases_customer ON cases(customer_id, received_at);
CREATE INDEX cases_category ON cases(category_id, received_at);

CREATE VIRTUAL TABLE case_search USING fts5(
  subject, description, content = 'cases', content_rowid = 'id', tokenize = 'lingting'
);
CREATE TRIGGER cases_search_insert AFTER INSERT ON cases BEGIN
  INSERT INTO case_search(rowid, subject, description) VALUES (new.id, new.subject, new.description);
END;
CREATE TRIGGER cases_search_delete AFTER DELETE ON cases BEGIN
  INSERT INTO case_search(case_search, rowid, subject, description)
    VALUES ('delete', old.id, old.subject, old.description);
END;
CREATE TRIGGER cases_search_update AFTER UPDATE OF subject, description ON cases BEGIN
  INSERT INTO case_search(case_search, rowid, subject, description)
    VALUES ('delete', old.id, old.subject, old.description);
  INSERT INTO case_search(rowid, subject, description) VALUES (new.id, new.subject, new.description);
END;

CREATE TABLE interactions (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  direction TEXT NOT NULL,
  channel TEXT NOT NULL,
  visibility TEXT NOT NULL,
  author_user_id INTEGER REFERENCES users(id),
  author_customer_id INTEGER REFERENCES customers(id),
  body TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX interactions_case ON interactions(case_id, occurred_at, id);

-- Attachment bodies live on disk under their SHA-256; rows only reference them.
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  interaction_id INTEGER NOT NULL REFERENCES interactions(id),
  sha256 TEXT NOT NULL,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL
);
CREATE INDEX attachments_interaction ON attachments(interaction_id);

-- The audit trail: every change, who made it, when, before and after (JSON).
CREATE TABLE case_events (
  id INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  action TEXT NOT NULL,
  actor_user_id INTEGER REFERENCES users(id),
  at INTEGER NOT NULL,
  changes TEXT NOT NULL
);
CREATE INDEX case_events_entity ON case_events(entity, entity_id, id);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  session_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- A retried request with the same Idempotency-Key returns the first result.
CREATE TABLE idempotency_keys (
  user_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  resource_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
);
