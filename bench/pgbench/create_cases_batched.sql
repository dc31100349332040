-- The same writes as create_case.sql for 8 cases at once, as a node that
-- gathered 8 concurrent creations would send them: each table written by one
-- multi-row statement, one transaction, one round trip per read. Cases per
-- second = tps x 8. bench/pgbench_ceiling.sh runs it.
\set phone random(1, 250000000)
\set now 1795981214612
\startpipeline
BEGIN;
SELECT code, kind, initial, labels FROM workflow_states ORDER BY position;
SELECT id, code, name, active, case_types, urgencies, origin_classes, segments, category_ids FROM sla_policies ORDER BY position;
\endpipeline
SELECT customer_id FROM customer_contacts WHERE kind = 'phone' AND value IN (SELECT '+86' || (:phone * 8 + g) FROM generate_series(0, 7) AS g);
WITH new_customers AS (INSERT INTO customers (kind, name, organization, region, segment, created_at, updated_at, language) SELECT 'consumer', '压测客户 ' || g, '', '', 'normal', :now, :now, 'zh-CN' FROM generate_series(0, 7) AS g RETURNING id), numbered AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS g FROM new_customers), contacts AS (INSERT INTO customer_contacts (customer_id, kind, value) SELECT id, 'phone', '+86' || nextval('pgbench_phones') FROM numbered) INSERT INTO case_events (entity, entity_id, action, actor_user_id, at, changes) SELECT 'customer', id, 'create', 1, :now, repeat('c', 82) FROM numbered;
SELECT MAX(id) AS last_id FROM customers \gset customer_
WITH new_cases AS (INSERT INTO cases (number, type, channel, subject, description, customer_id, category_id, product, model, batch, serial, urgency, origin_class, remedy, status, department_id, assignee_id, received_at, created_at, updated_at, created_by, sla_due_at, search_vector, version) SELECT 'PB-2026-' || nextval('pgbench_case_numbers'), 'complaint', 'api', '插座外壳开裂 socket housing cracked #1', '客户反映：插座外壳开裂，要求尽快处理。Customer says: socket housing cracked.', :customer_last_id, NULL, '', '', '', '', 'normal', 'unknown', 'none', 'received', NULL, NULL, :now, :now, :now, 1, 1796106600000, '''1'':10 ''cracked'':9,32 ''customer'':28 ''housing'':8,31 ''says'':29 ''socket'':7,30 ''反映'':14 ''壳开'':4,19 ''处理'':26 ''外壳'':3,18 ''客户'':12 ''尽快'':24 ''座外'':2,17 ''开裂'':5,20 ''快处'':25 ''户反'':13 ''插座'':1,16 ''映'':15 ''求尽'':23 ''理'':27 ''裂'':6,21 ''要求'':22', 1 FROM generate_series(0, 7) RETURNING id), clocks AS (INSERT INTO sla_clocks (case_id, target, started_at, due_at, original_due_at, paused_ms, state, met_at, warn_at, next_alert_at, updated_at) SELECT id, 'first_contact', :now, 1796106600000, NULL, 0, 'running', NULL, 1796090400000, 1796090400000, :now FROM new_cases), events AS (INSERT INTO case_events (entity, entity_id, action, actor_user_id, at, changes) SELECT 'case', id, 'create', 1, :now, repeat('e', 84) FROM new_cases) SELECT pg_notify('lingting_changes', id::text || repeat('n', 190)) FROM new_cases;
COMMIT;
