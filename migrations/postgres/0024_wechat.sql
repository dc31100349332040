-- The WeChat Official Account (issue 16). A follower's OpenID is a contact
-- of their customer (kind "wechat"); this keeps what the customer-service
-- message API allows: 48 hours after the follower's last message, a few
-- messages at most. An outbox message to WeChat records how it finally
-- went out (route): as a customer-service message, a template message or a
-- text.
CREATE TABLE wechat_followers (
  openid TEXT PRIMARY KEY,
  last_inbound_at BIGINT,
  sent_in_window INTEGER NOT NULL DEFAULT 0,
  subscribed INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

ALTER TABLE outbox_messages ADD COLUMN route TEXT NOT NULL DEFAULT '';
