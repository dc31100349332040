-- Complaints referred by the market regulator (the 12315 platform, a local
-- 市场监管局): the regulator, its own number of the referral (one case per
-- number), when it referred the complaint and the date it set, if it set
-- one. The case's channel is "regulator"; its deadline is an SLA target of
-- the policies that name that channel.
CREATE TABLE case_referrals (
  case_id BIGINT PRIMARY KEY REFERENCES cases(id),
  regulator TEXT NOT NULL,
  referral_number TEXT NOT NULL,
  referred_at BIGINT,
  regulator_due_at BIGINT
);
CREATE UNIQUE INDEX case_referrals_number ON case_referrals(regulator, referral_number);

-- SLA policies may apply to the cases of some channels only.
ALTER TABLE sla_policies ADD COLUMN channels TEXT NOT NULL DEFAULT '';
