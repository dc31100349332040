-- Eight creations of create_case.sql in one transaction, statement for
-- statement as a node's group commit sends them (PgDatabase commits the
-- writes that arrive together in one transaction): the same statements per
-- case, one BEGIN and one COMMIT for eight. Savepoints left out. Cases per
-- second = tps x 8. bench/pgbench_ceiling.sh runs it.
\set phone random(1, 2000000000)
\set now 1795981214612
\startpipeline
BEGIN;
SELECT code, kind, initial, labels FROM workflow_states ORDER BY position;
SELECT id, code, name, active, case_types, urgencies, origin_classes, segments, category_ids FROM sla_policies ORDER BY position;
\endpipeline
SELECT customer_id FROM customer_contacts WHERE kind = 'phone' AND value = '+86' || (:phone + 0);
INSERT INTO customers (kind, name, organization, region, segment, created_at, updated_at, language) VALUES ('consumer', '压测客户 1', '', '', 'normal', :now, :now, 'zh-CN') RETURNING id \gset customer_
\startpipeline
INSERT INTO customer_contacts (customer_id, kind, value) VALUES (:customer_id, 'phone', '+86' || nextval('pgbench_phones'));
INSERT INTO case_events (entity, entity_id, action, actor_user_id, at, changes) VALUES ('customer', :customer_id, 'create', 1, :now, repeat('c', 82));
\endpipeline
SELECT nextval('pgbench_case_numbers') AS last_value \gset number_
INSERT INTO cases (number, type, channel, subject, description, customer_id, category_id, product, model, batch, serial, urgency, origin_class, remedy, status, department_id, assignee_id, received_at, created_at, updated_at, created_by, sla_due_at, search_vector, version) VALUES ('PS-2026-' || :number_last_value, 'complaint', 'api', '插座外壳开裂 socket housing cracked #1', '客户反映：插座外壳开裂，要求尽快处理。Customer says: socket housing cracked.', :customer_id, NULL, '', '', '', '', 'normal', 'unknown', 'none', 'received', NULL, NULL, :now, :now, :now, 1, 1796106600000, '''1'':10 ''cracked'':9,32 ''customer'':28 ''housing'':8,31 ''says'':29 ''socket'':7,30 ''反映'':14 ''壳开'':4,19 ''处理'':26 ''外壳'':3,18 ''客户'':12 ''尽快'':24 ''座外'':2,17 ''开裂'':5,20 ''快处'':25 ''户反'':13 ''插座'':1,16 ''映'':15 ''求尽'':23 ''理'':27 ''裂'':6,21 ''要求'':22', 1) RETURNING id \gset case_
\startpipeline
INSERT INTO sla_clocks (case_id, target, started_at, due_at, original_due_at, paused_ms, state, met_at, warn_at, next_alert_at, updated_at) VALUES (:case_id, 'first_contact', :now, 1796106600000, NULL, 0, 'running', NULL, 1796090400000, 1796090400000, :now) ON CONFLICT (case_id, target) DO UPDATE SET due_at = excluded.due_at;
INSERT INTO case_events (entity, entity_id, action, actor_user_id, at, changes) VALUES ('case', :case_id, 'create', 1, :now, repeat('e', 84));
SELECT pg_notify('lingting_changes', repeat('n', 200));
\endpipeline
SELECT customer_id FROM customer_contacts WHERE kind = 'phone' AND value = '+86' || (:phone + 1);
INSERT INTO customers (kind, name, organization, region, segment, created_at, updated_at, language) VALUES ('consumer', '压测客户 1', '', '', 'normal', :now, :now, 'zh-CN') RETURNING id \gset customer_
\startpipeline
INSERT INTO customer_contacts (customer_id, kind, value) VALUES (:customer_id, 'phone', '+86' || nextval('pgbench_phones'));
INSERT INTO case_events (entity, entity_id, action, actor_user_id, at, changes) VALUES ('customer', :customer_id, 'create', 1, :now, repeat('c', 82));
\endpipeline
SELECT nextval('pgbench_case_numbers') AS last_value \gset number_
INSERT INTO cases (number, type, channel, subject, description, customer_id, category_id, product, model, batch, serial, urgency, origin_class, remedy, status, department_id, assignee_id, received_at, created_at, updated_at, created_by, sla_due_at, search_vector, version) VALUES ('PS-2026-' || :number_last_value, 'complaint', 'api', '插座外壳开裂 socket housing cracked #1', '客户反映：插座外壳开裂，要求尽快处理。Customer says: socket housing cracked.', :customer_id, NULL, '', '', '', '', 'normal', 'unknown', 'none', 'received', NULL, NULL, :now, :now, :now, 1, 1796106600000, '''1'':10 ''cracked'':9,32 ''customer'':28 ''housing'':8,31 ''says'':29 ''socket'':7,30 ''反映'':14 ''壳开'':4,19 ''处理'':26 ''外壳'':3,18 ''客户'':12 ''尽快'':24 ''座外'':2,17 ''开裂'':5,20 ''快处'':25 ''户反'':13 ''插座'':1,16 ''映'':15 ''求尽'':23 ''理'':27 ''裂'':6,21 ''要求'':22', 1) RETURNING id \gset case_
\startpipeline
INSERT INTO sla_clocks (case_id, target, started_at, due_at, original_due_at, paused_ms, state, met_at, warn_at, next_alert_at, updated_at) VALUES (:case_id, 'first_contact', :now, 1796106600000, NULL, 0, 'running', NULL, 1796090400000, 1796090400000, :now) ON CONFLICT (case_id, target) DO UPDATE SET due_at = excluded.due_at;
INSERT INTO case_events (entity, entity_id, action, actor_user_id, at, changes) VALUES ('case', :case_id, 'create', 1, :now, repeat('e', 84));
SELECT pg_notify('lingting_changes', repeat('n', 200));
\endpipeline
SELECT customer_id FROM customer_contacts WHERE kind = 'phone' AND value = '+86' || (:phone + 2);
INSERT INTO customers (kind, name, organization, region, segment, created_at, updated_at, language) VALUES ('consumer', '压测客户 1', '', '', 'normal', :now, :now, 'zh-CN') RETURNING id \gset customer_
\startpipeline
INSERT INTO customer_contacts (customer_id, kind, value) VALUES (:customer_id, 'phone', '+86' || nextval('pgbench_phones'));
INSERT INTO case_events (entity, entity_id, action, actor_user_id, at, changes) VALUES ('customer', :customer_id, 'create', 1, :now, repeat('c', 82));
\endpipeline
SELECT nextval('pgbench_case_numbers') AS last_value \gset number_
INSERT INTO cases (number, type, channel, subject, description, customer_id, category_id, product, model, batch, serial, urgency, origin_class, remedy, status, department_id, assignee_id, received_at, created_at, updated_at, created_by, sla_due_at, search_vector, version) VALUES ('PS-2026-' || :number_last_value, 'complaint', 'api', '插座外壳开裂 socket housing cracked #1', '客户反映：插座外壳开裂，要求尽快处理。Customer says: socket housing cracked.', :customer_id, NULL, '', '', '', '', 'normal', 'unknown', 'none', 'received', NULL, NULL, :now, :now, :now, 1, 1796106600000, '''1'':10 ''cracked'':9,32 ''customer'':28 ''housing'':8,31 ''says'':29 ''socket'':7,30 ''反映'':14 ''壳开'':4,19 ''处理'':26 ''外壳'':3,18 ''客户'':12 ''尽快'':24 ''座外'':2,17 ''开裂'':5,20 ''快处'':25 ''户反'':13 ''插座'':1,16 ''映'':15 ''求尽'':23 ''理'':27 ''裂'':6,21 ''要求'':22', 1) RETURNING id \gset case_
\startpipeline
INSERT INTO sla_clocks (case_id, target, started_at, due_at, original_due_at, paused_ms, state, met_at, warn_at, next_alert_at, updated_at) VALUES (:case_id, 'first_contact', :now, 1796106600000, NULL, 0, 'running', NULL, 1796090400000, 1796090400000, :now) ON CONFLICT (case_id, target) DO UPDATE SET due_at = excluded.due_at;
INSERT INTO case_events (entity, entity_id, action, actor_user_id, at, changes) VALUES ('case', :case_id, 'create', 1, :now, repeat('e', 84));
SELECT pg_notify('lingting_changes', repeat('n', 200));
\endpipeline
SELECT customer_id FROM customer_contacts WHERE kind = 'phone' AND value = '+86' || (:phone + 3);
INSERT INTO customers (kind, name, organization, region, segment, created_at, updated_at, language) VALUES ('consumer', '压测客户 1', '', '', 'normal', :now, :now, 'zh-CN') RETURNING id \gset customer_
\startpipeline
INSERT INTO customer_contacts (customer_id, kind, value) VALUES (:customer_id, 'phone', '+86' || nextval('pgbench_phones'));
INSERT INTO case_events (entity, entity_id, action, actor_user_id, at, changes) VALUES ('customer', :customer_id, 'create', 1, :now, repeat('c', 82));
\endpipeline
SELECT nextval('pgbench_case_numbers') AS last_value \gset number_
INSERT INTO cases (number, type, channel, subject, description, customer_id, category_id, product, model, batch, serial, urgency, origin_class, remedy, status, department_id, assignee_id, received_at, created_at, updated_at, created_by, sla_due_at, search_vector, version) VALUES ('PS-2026-' || :number_last_value, 'complaint', 'api', '插座外壳开裂 socket housing cracked #1', '客户反映：插座外壳开裂，要求尽快处理。Customer says: socket housing cracked.', :customer_id, NULL, '', '', '', '', 'normal', 'unknown', 'none', 'received', NULL, NULL, :now, :now, :now, 1, 1796106600000, '''1'':10 ''cracked'':9,32 ''customer'':28 ''housing'':8,31 ''says'':29 ''socket'':7,30 ''反映'':14 ''壳开'':4,19 ''处理'':26 ''外壳'':3,18 ''客户'':12 ''尽快'':24 ''座外'':2,17 ''开裂'':5,20 ''快处'':25 ''户反'':13 ''插座'':1,16 ''映'':15 ''求尽'':23 ''理'':27 ''裂'':6,21 ''要求'':22', 1) RETURNING id \gset case_
\startpipeline
INSERT INTO sla_clocks (case_id, target, started_at, due_at, original_due_at, paused_ms, state, met_at, warn_at, next_alert_at, updated_at) VALUES (:case_id, 'first_contact', :now, 1796106600000, NULL, 0, 'running', NULL, 1796090400000, 1796090400000, :now) ON CONFLICT (case_id, target) DO UPDATE SET due_at = excluded.due_at;
INSERT INTO case_events (entity, entity_id, action, actor_user_id, at, changes) VALUES ('case', :case_id, 'create', 1, :now, repeat('e', 84));
SELECT pg_notify('lingting_changes', repeat('n', 200));
\endpipeline
SELECT customer_id FROM customer_contacts WHERE kind = 'phone' AND value = '+86' || (:phone + 4);
INSERT INTO customers (kind, name, organization, region, segment, created_at, updated_at, language) VALUES ('consumer', '压测客户 1', '', '', 'normal', :now, :now, 'zh-CN') RETURNING id \gset customer_
\startpipeline
INSERT INTO customer_contacts (customer_id, kind, value) VALUES (:customer_id, 'phone', '+86' || nextval('pgbench_phones'));
INSERT INTO case_events (entity, entity_id, action, actor_user_id, at, changes) VALUES ('customer', :customer_id, 'create', 1, :now, repeat('c', 82));
\endpipeline
SELECT nextval('pgbench_case_numbers') AS last_value \gset number_
INSERT INTO cases (number, type, channel, subject, description, customer_id, category_id, product, model, batch, serial, urgency, origin_class, remedy, status, department_id, assignee_id, received_at, created_at, updated_at, created_by, sla_due_at, search_vector, version) VALUES ('PS-2026-' || :number_last_value, 'complaint', 'api', '插座外壳开裂 socket housing cracked #1', '客户反映：插座外壳开裂，要求尽快处理。Customer says: socket housing cracked.', :customer_id, NULL, '', '', '', '', 'normal', 'unknown', 'none', 'received', NULL, NULL, :now, :now, :now, 1, 1796106600000, '''1'':10 ''cracked'':9,32 ''customer'':28 ''housing'':8,31 ''says'':29 ''socket'':7,30 ''反映'':14 ''壳开'':4,19 ''处理'':26 ''外壳'':3,18 ''客户'':12 ''尽快'':24 ''座外'':2,17 ''开裂'':5,20 ''快处'':25 ''户反'':13 ''插座'':1,16 ''映'':15 ''求尽'':23 ''理'':27 ''裂'':6,21 ''要求'':22', 1) RETURNING id \gset case_
\startpipeline
INSERT INTO sla_clocks (case_id, target, started_at, due_at, original_due_at, paused_ms, state, met_at, warn_at, next_alert_at, updated_at) VALUES (:case_id, 'first_contact', :now, 1796106600000, NULL, 0, 'running', NULL, 1796090400000, 1796090400000, :now) ON CONFLICT (case_id, target) DO UPDATE SET due_at = excluded.due_at;
INSERT INTO case_events (entity, entity_id, action, actor_user_id, at, changes) VALUES ('case', :case_id, 'create', 1, :now, repeat('e', 84));
SELECT pg_notify('lingting_changes', repeat('n', 200));
\endpipeline
SELECT customer_id FROM customer_contacts WHERE kind = 'phone' AND value = '+86' || (:phone + 5);
INSERT INTO customers (kind, name, organization, region, segment, created_at, updated_at, language) VALUES ('consumer', '压测客户 1', '', '', 'normal', :now, :now, 'zh-CN') RETURNING id \gset customer_
\startpipeline
INSERT INTO customer_contacts (customer_id, kind, value) VALUES (:customer_id, 'phone', '+86' || nextval('pgbench_phones'));
INSERT INTO case_events (entity, entity_id, action, actor_user_id, at, changes) VALUES ('customer', :customer_id, 'create', 1, :now, repeat('c', 82));
\endpipeline
SELECT nextval('pgbench_case_numbers') AS last_value \gset number_
INSERT INTO cases (number, type, channel, subject, description, customer_id, category_id, product, model, batch, serial, urgency, origin_class, remedy, status, department_id, assignee_id, received_at, created_at, updated_at, created_by, sla_due_at, search_vector, version) VALUES ('PS-2026-' || :number_last_value, 'complaint', 'api', '插座外壳开裂 socket housing cracked #1', '客户反映：插座外壳开裂，要求尽快处理。Customer says: socket housing cracked.', :customer_id, NULL, '', '', '', '', 'normal', 'unknown', 'none', 'received', NULL, NULL, :now, :now, :now, 1, 1796106600000, '''1'':10 ''cracked'':9,32 ''customer'':28 ''housing'':8,31 ''says'':29 ''socket'':7,30 ''反映'':14 ''壳开'':4,19 ''处理'':26 ''外壳'':3,18 ''客户'':12 ''尽快'':24 ''座外'':2,17 ''开裂'':5,20 ''快处'':25 ''户反'':13 ''插座'':1,16 ''映'':15 ''求尽'':23 ''理'':27 ''裂'':6,21 ''要求'':22', 1) RETURNING id \gset case_
\startpipeline
INSERT INTO sla_clocks (case_id, target, started_at, due_at, original_due_at, paused_ms, state, met_at, warn_at, next_alert_at, updated_at) VALUES (:case_id, 'first_contact', :now, 1796106600000, NULL, 0, 'running', NULL, 1796090400000, 1796090400000, :now) ON CONFLICT (case_id, target) DO UPDATE SET due_at = excluded.due_at;
INSERT INTO case_events (entity, entity_id, action, actor_user_id, at, changes) VALUES ('case', :case_id, 'create', 1, :now, repeat('e', 84));
SELECT pg_notify('lingting_changes', repeat('n', 200));
\endpipeline
SELECT customer_id FROM customer_contacts WHERE kind = 'phone' AND value = '+86' || (:phone + 6);
INSERT INTO customers (kind, name, organization, region, segment, created_at, updated_at, language) VALUES ('consumer', '压测客户 1', '', '', 'normal', :now, :now, 'zh-CN') RETURNING id \gset customer_
\startpipeline
INSERT INTO customer_contacts (customer_id, kind, value) VALUES (:customer_id, 'phone', '+86' || nextval('pgbench_phones'));
INSERT INTO case_events (entity, entity_id, action, actor_user_id, at, changes) VALUES ('customer', :customer_id, 'create', 1, :now, repeat('c', 82));
\endpipeline
SELECT nextval('pgbench_case_numbers') AS last_value \gset number_
INSERT INTO cases (number, type, channel, subject, description, customer_id, category_id, product, model, batch, serial, urgency, origin_class, remedy, status, department_id, assignee_id, received_at, created_at, updated_at, created_by, sla_due_at, search_vector, version) VALUES ('PS-2026-' || :number_last_value, 'complaint', 'api', '插座外壳开裂 socket housing cracked #1', '客户反映：插座外壳开裂，要求尽快处理。Customer says: socket housing cracked.', :customer_id, NULL, '', '', '', '', 'normal', 'unknown', 'none', 'received', NULL, NULL, :now, :now, :now, 1, 1796106600000, '''1'':10 ''cracked'':9,32 ''customer'':28 ''housing'':8,31 ''says'':29 ''socket'':7,30 ''反映'':14 ''壳开'':4,19 ''处理'':26 ''外壳'':3,18 ''客户'':12 ''尽快'':24 ''座外'':2,17 ''开裂'':5,20 ''快处'':25 ''户反'':13 ''插座'':1,16 ''映'':15 ''求尽'':23 ''理'':27 ''裂'':6,21 ''要求'':22', 1) RETURNING id \gset case_
\startpipeline
INSERT INTO sla_clocks (case_id, target, started_at, due_at, original_due_at, paused_ms, state, met_at, warn_at, next_alert_at, updated_at) VALUES (:case_id, 'first_contact', :now, 1796106600000, NULL, 0, 'running', NULL, 1796090400000, 1796090400000, :now) ON CONFLICT (case_id, target) DO UPDATE SET due_at = excluded.due_at;
INSERT INTO case_events (entity, entity_id, action, actor_user_id, at, changes) VALUES ('case', :case_id, 'create', 1, :now, repeat('e', 84));
SELECT pg_notify('lingting_changes', repeat('n', 200));
\endpipeline
SELECT customer_id FROM customer_contacts WHERE kind = 'phone' AND value = '+86' || (:phone + 7);
INSERT INTO customers (kind, name, organization, region, segment, created_at, updated_at, language) VALUES ('consumer', '压测客户 1', '', '', 'normal', :now, :now, 'zh-CN') RETURNING id \gset customer_
\startpipeline
INSERT INTO customer_contacts (customer_id, kind, value) VALUES (:customer_id, 'phone', '+86' || nextval('pgbench_phones'));
INSERT INTO case_events (entity, entity_id, action, actor_user_id, at, changes) VALUES ('customer', :customer_id, 'create', 1, :now, repeat('c', 82));
\endpipeline
SELECT nextval('pgbench_case_numbers') AS last_value \gset number_
INSERT INTO cases (number, type, channel, subject, description, customer_id, category_id, product, model, batch, serial, urgency, origin_class, remedy, status, department_id, assignee_id, received_at, created_at, updated_at, created_by, sla_due_at, search_vector, version) VALUES ('PS-2026-' || :number_last_value, 'complaint', 'api', '插座外壳开裂 socket housing cracked #1', '客户反映：插座外壳开裂，要求尽快处理。Customer says: socket housing cracked.', :customer_id, NULL, '', '', '', '', 'normal', 'unknown', 'none', 'received', NULL, NULL, :now, :now, :now, 1, 1796106600000, '''1'':10 ''cracked'':9,32 ''customer'':28 ''housing'':8,31 ''says'':29 ''socket'':7,30 ''反映'':14 ''壳开'':4,19 ''处理'':26 ''外壳'':3,18 ''客户'':12 ''尽快'':24 ''座外'':2,17 ''开裂'':5,20 ''快处'':25 ''户反'':13 ''插座'':1,16 ''映'':15 ''求尽'':23 ''理'':27 ''裂'':6,21 ''要求'':22', 1) RETURNING id \gset case_
\startpipeline
INSERT INTO sla_clocks (case_id, target, started_at, due_at, original_due_at, paused_ms, state, met_at, warn_at, next_alert_at, updated_at) VALUES (:case_id, 'first_contact', :now, 1796106600000, NULL, 0, 'running', NULL, 1796090400000, 1796090400000, :now) ON CONFLICT (case_id, target) DO UPDATE SET due_at = excluded.due_at;
INSERT INTO case_events (entity, entity_id, action, actor_user_id, at, changes) VALUES ('case', :case_id, 'create', 1, :now, repeat('e', 84));
SELECT pg_notify('lingting_changes', repeat('n', 200));
\endpipeline
COMMIT;
