-- The cases closed in a period, for the quality abnormality ledger
-- (ProcedureStore::ListClosedReports).
CREATE INDEX case_procedure_events_event ON case_procedure_events(event, at);
