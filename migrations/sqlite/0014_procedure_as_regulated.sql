-- The complaint procedure as the regulation reads it (docs/procedure.md).
-- The quality abnormality report gains the preliminary analysis, the record
-- of the meeting of the related units, the potential-failure analysis, the
-- responsible unit's solution on the environmental form, and the QA head's
-- reason for closing before the verification allowed.
ALTER TABLE quality_reports ADD COLUMN preliminary_analysis TEXT NOT NULL DEFAULT '';
ALTER TABLE quality_reports ADD COLUMN meeting_held_at INTEGER;
ALTER TABLE quality_reports ADD COLUMN meeting_department_ids TEXT NOT NULL DEFAULT '';
ALTER TABLE quality_reports ADD COLUMN meeting_conclusion TEXT NOT NULL DEFAULT '';
ALTER TABLE quality_reports ADD COLUMN failure_analysis TEXT NOT NULL DEFAULT '';
ALTER TABLE quality_reports ADD COLUMN solution TEXT NOT NULL DEFAULT '';
ALTER TABLE quality_reports ADD COLUMN solution_by INTEGER REFERENCES users(id);
ALTER TABLE quality_reports ADD COLUMN solution_at INTEGER;
ALTER TABLE quality_reports ADD COLUMN early_close_reason TEXT NOT NULL DEFAULT '';

-- The shipped SLA policies now count the regulation's hours as hours of
-- working days and time the countermeasures: the open cases' clocks are
-- recomputed by the background walk (app/sla_recompute.hpp), batch by batch.
-- Clocks that already stopped keep their verdict. A store without cases has
-- nothing to walk.
INSERT INTO jobs (kind, key, payload, state, due_at, available_at, max_attempts, created_at)
SELECT 'sla.recompute', 'all 0 0 ' || now_ms, 'all 0 0 ' || now_ms, 'pending', now_ms, now_ms,
       10, now_ms
FROM (SELECT CAST(strftime('%s', 'now') AS INTEGER) * 1000 AS now_ms) AS migrated
WHERE EXISTS (SELECT 1 FROM cases)
ON CONFLICT (kind, key) DO NOTHING;

-- The department the report names responsible sees the case (its
-- countermeasures, the environmental solution): kept on the case so that the
-- case list and a single case are scoped alike.
ALTER TABLE cases ADD COLUMN responsible_department_id INTEGER REFERENCES departments(id);
UPDATE cases SET responsible_department_id =
  (SELECT r.responsible_department_id FROM quality_reports r WHERE r.case_id = cases.id)
WHERE id IN (SELECT case_id FROM quality_reports WHERE responsible_department_id IS NOT NULL);
