-- Every e-mail message Lingting received (and, with the outbox, sent): the
-- Message-ID it is threaded by, the case and interaction it landed on (none
-- for an auto-reply or bounce that concerns no case), who wrote it, and
-- whether an agent must look at it (a message that could not be read). The
-- raw message is an attachment of the interaction. The same Message-ID is
-- stored once per direction.
CREATE TABLE mail_messages (
  id INTEGER PRIMARY KEY,
  direction TEXT NOT NULL,
  mailbox TEXT NOT NULL DEFAULT '',
  message_id TEXT NOT NULL,
  case_id INTEGER REFERENCES cases(id),
  interaction_id INTEGER REFERENCES interactions(id),
  from_address TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL DEFAULT '',
  origin TEXT NOT NULL,
  flagged INTEGER NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX mail_messages_message_id ON mail_messages(message_id, direction) WHERE message_id <> '';
CREATE INDEX mail_messages_case ON mail_messages(case_id);

-- The Message-IDs each message names in In-Reply-To and References, so that
-- a message arriving after its replies (an IMAP folder fetched out of order)
-- still finds the case they opened.
CREATE TABLE mail_references (
  mail_message_id INTEGER NOT NULL REFERENCES mail_messages(id),
  referenced_id TEXT NOT NULL
);
CREATE INDEX mail_references_referenced ON mail_references(referenced_id);
