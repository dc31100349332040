-- The queues list open cases of any department by SLA due time
-- (domain/queue.hpp): one ordered range per state.
CREATE INDEX cases_status_sla ON cases(status, sla_due_at, id);
