-- The customer portal (issue 16). Customers sign in with a one-time code
-- sent to an e-mail address or mobile number they give; a signed-in
-- customer asks for a code to send to the WeChat Official Account, which
-- binds their OpenID. Codes are kept only as hashes, expire, are used once
-- and die after a few wrong tries; how many were asked for, per address and
-- per client, is counted from here across nodes.
CREATE TABLE portal_codes (
  id INTEGER PRIMARY KEY,
  purpose TEXT NOT NULL,
  address TEXT NOT NULL,
  customer_id INTEGER REFERENCES customers(id),
  code_hash TEXT NOT NULL,
  client_address TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  used_at INTEGER
);
CREATE INDEX portal_codes_address ON portal_codes(purpose, address, created_at);
CREATE INDEX portal_codes_client ON portal_codes(client_address, created_at);
CREATE INDEX portal_codes_hash ON portal_codes(code_hash);

-- A follower who sends wrong binding codes is refused for a while.
ALTER TABLE wechat_followers ADD COLUMN binding_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE wechat_followers ADD COLUMN binding_failed_at INTEGER;

-- The customer's part of the procedure: the samples they send, and how
-- they rate the outcome (five levels, very good to very poor, and whether
-- the problem was solved).
CREATE TABLE sample_shipments (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  carrier TEXT NOT NULL,
  tracking_number TEXT NOT NULL,
  shipped_on TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  note TEXT NOT NULL,
  recorded_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX sample_shipments_case ON sample_shipments(case_id);

CREATE TABLE case_ratings (
  case_id INTEGER PRIMARY KEY REFERENCES cases(id),
  level TEXT NOT NULL,
  solved INTEGER NOT NULL,
  comment TEXT NOT NULL,
  rated_by INTEGER REFERENCES users(id),
  rated_at INTEGER NOT NULL
);
