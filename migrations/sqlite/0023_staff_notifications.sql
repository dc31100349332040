-- Staff notifications where staff are (issue 16). Every notice still lands
-- in the console (notifications, now with what it is about beyond the
-- case); each user also chooses the kinds they want by e-mail and by SMS
-- (to their mobile), and administrators set up the group robots of WeCom,
-- DingTalk and Feishu that post a department's notices to its chat group.
-- Both go out through the outbox: robot_id names the robot a message is for.
ALTER TABLE notifications ADD COLUMN subject TEXT NOT NULL DEFAULT '';
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;

CREATE TABLE notification_preferences (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  mobile TEXT NOT NULL DEFAULT '',
  email_kinds TEXT NOT NULL DEFAULT '',
  sms_kinds TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
);

CREATE TABLE group_robots (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  department_id INTEGER REFERENCES departments(id),
  url TEXT NOT NULL,
  secret TEXT NOT NULL DEFAULT '',
  kinds TEXT NOT NULL,
  language TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Kept when the robot is removed: the message then fails with that answer.
ALTER TABLE outbox_messages ADD COLUMN robot_id INTEGER;
CREATE INDEX outbox_messages_robot ON outbox_messages(robot_id) WHERE robot_id IS NOT NULL;

-- When the owner of an open action was told it falls due (once per action).
ALTER TABLE actions ADD COLUMN due_notified_at INTEGER;
CREATE INDEX actions_due_unnotified ON actions(due_at)
  WHERE due_notified_at IS NULL AND status = 'open';
