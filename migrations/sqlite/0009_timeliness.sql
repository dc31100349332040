-- The clocks due in a period, for the monthly timeliness attainment rate
-- (SlaClockStore::CountTimeliness).
CREATE INDEX sla_clocks_due ON sla_clocks(due_at);
