-- Claims (理赔) and the authority matrix they are approved along
-- (src/domain/claim.hpp). While authority_limits is empty the shipped matrix
-- (DefaultAuthorityMatrix) applies; an admin's edit replaces the whole table.
CREATE TABLE authority_limits (
  id INTEGER PRIMARY KEY,
  level INTEGER NOT NULL,
  role TEXT,
  user_id INTEGER REFERENCES users(id),
  currency TEXT NOT NULL,
  max_amount_minor INTEGER NOT NULL
);

CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  amount_minor INTEGER NOT NULL,
  currency TEXT NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL,
  level INTEGER NOT NULL,
  proposed_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  decided_at INTEGER,
  updated_at INTEGER NOT NULL
);
CREATE INDEX claims_case ON claims(case_id, id);
CREATE INDEX claims_created ON claims(created_at);
CREATE INDEX claims_pending ON claims(status, level, id);

-- Every approver's decision on a claim.
CREATE TABLE claim_decisions (
  id INTEGER PRIMARY KEY,
  claim_id INTEGER NOT NULL REFERENCES claims(id),
  level INTEGER NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  verdict TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  at INTEGER NOT NULL
);
CREATE INDEX claim_decisions_claim ON claim_decisions(claim_id, id);
