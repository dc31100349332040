-- The console's queues on a large store (issue 15). Queues sort by SLA due
-- time by default, one ordered range per open state (CaseStore::List): the
-- state-then-due index gives each range in order instead of sorting every
-- case of that state. The breaching-soon queue starts from the running
-- clocks, a small set however many cases the store holds.
CREATE INDEX cases_status_sla ON cases(status, sla_due_at, id);
CREATE INDEX sla_clocks_running ON sla_clocks(due_at) WHERE state = 'running';
-- Without statistics for the new index beside those of the others, SQLite
-- would take it for received-ordered lists too and sort them.
PRAGMA analysis_limit = 1000;
ANALYZE;
