-- The outbox (issue 16): every message Lingting sends a customer (a reply,
-- the acknowledgement of receipt, the feedback letter), committed with the
-- case before it is sent, then handed to its channel by the outbox.send job
-- (one job per message: sent once, retried with back-off). Its state shows
-- on the timeline with the server's last answer. The Message-ID is chosen
-- when the message is queued, so every retry sends the same one.
CREATE TABLE outbox_messages (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  purpose TEXT NOT NULL,
  case_id INTEGER REFERENCES cases(id),
  interaction_id INTEGER REFERENCES interactions(id),
  recipient_name TEXT NOT NULL DEFAULT '',
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  message_id TEXT NOT NULL DEFAULT '',
  in_reply_to TEXT NOT NULL DEFAULT '',
  references_ids TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_answer TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX outbox_messages_case ON outbox_messages(case_id);

-- How Lingting reaches its channels (the SMTP server, later the SMS and
-- WeChat gateways), kept by administrators: one JSON document per channel.
CREATE TABLE channel_settings (
  channel TEXT PRIMARY KEY,
  settings TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by INTEGER REFERENCES users(id)
);
