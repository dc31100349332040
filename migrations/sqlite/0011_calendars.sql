-- Business calendars admins keep (src/sla/calendar_definition.hpp) and the
-- calendar each department's deadlines count in. A department without one
-- uses the shipped calendar. week: seven period lists, Sunday first, joined
-- by ';' ("08:30-12:00,13:30-17:30"); day: days since 1970-01-01.
CREATE TABLE business_calendars (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  week TEXT NOT NULL,
  adjusted_day TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE calendar_days (
  calendar_id INTEGER NOT NULL REFERENCES business_calendars(id),
  day INTEGER NOT NULL,
  working INTEGER NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (calendar_id, day)
);

ALTER TABLE departments ADD COLUMN calendar_id INTEGER REFERENCES business_calendars(id);
