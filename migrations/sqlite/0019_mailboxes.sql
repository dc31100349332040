-- Mailboxes Lingting fetches over IMAP (src/domain/mailbox.hpp), kept by
-- administrators. uid_validity and last_uid say where fetching stands; the
-- node that fetches a mailbox holds it until fetch_lease_until and renews
-- that while it works, so that one node at a time fetches each mailbox.
CREATE TABLE mailboxes (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  host TEXT NOT NULL,
  port INTEGER NOT NULL,
  security TEXT NOT NULL,
  verify_certificate INTEGER NOT NULL,
  ca_file TEXT NOT NULL DEFAULT '',
  username TEXT NOT NULL,
  password TEXT NOT NULL,
  timeout_seconds INTEGER NOT NULL,
  folder TEXT NOT NULL,
  department_id INTEGER REFERENCES departments(id),
  category_id INTEGER REFERENCES categories(id),
  language TEXT NOT NULL,
  active INTEGER NOT NULL,
  uid_validity INTEGER NOT NULL DEFAULT 0,
  last_uid INTEGER NOT NULL DEFAULT 0,
  last_fetch_at INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  fetch_node TEXT NOT NULL DEFAULT '',
  fetch_lease_until INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
