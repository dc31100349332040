-- The reports awaiting verification next month
-- (ProcedureStore::ListAwaitingVerification).
CREATE INDEX quality_reports_awaiting_verification ON quality_reports(approved_at)
  WHERE verified_at IS NULL;
