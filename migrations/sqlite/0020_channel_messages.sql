-- Messages from customers on channels other than e-mail (SMS; WeChat and
-- phone later): the channel's own id of each, so that a message a gateway
-- delivers twice is stored once, who sent it (a phone number, an OpenID),
-- and the case and interaction it landed on.
CREATE TABLE channel_messages (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  external_id TEXT NOT NULL,
  sender TEXT NOT NULL,
  case_id INTEGER REFERENCES cases(id),
  interaction_id INTEGER REFERENCES interactions(id),
  received_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX channel_messages_external ON channel_messages(channel, external_id);

-- The signatures of the webhook requests accepted lately: the same request
-- sent again within the signature's window is refused as a replay.
-- Housekeeping drops them once the window is long past.
CREATE TABLE webhook_receipts (
  channel TEXT NOT NULL,
  signature TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (channel, signature)
);

-- A long text may go out as several SMS: how many of them the gateway has
-- accepted, so that a retry sends only the rest.
ALTER TABLE outbox_messages ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0;
