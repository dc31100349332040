-- The language letters to a customer are written in, and the delivery state
-- of outbound messages: a letter or reply is queued for the case's channel
-- until a channel adapter sends it.
ALTER TABLE customers ADD COLUMN language TEXT NOT NULL DEFAULT 'zh-CN';
ALTER TABLE interactions ADD COLUMN delivery TEXT NOT NULL DEFAULT 'none';
CREATE INDEX interactions_queued ON interactions(id) WHERE delivery = 'queued';
