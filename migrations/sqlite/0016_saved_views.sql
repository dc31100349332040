-- Queue views staff save under a name (src/domain/saved_view.hpp): a queue
-- with its filters as the console's address holds them, kept for the owner
-- or shared with one of the owner's departments.
CREATE TABLE saved_views (
  id INTEGER PRIMARY KEY,
  owner_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  queue TEXT NOT NULL,
  query TEXT NOT NULL DEFAULT '',
  department_id INTEGER REFERENCES departments(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (owner_id, name)
);
CREATE INDEX saved_views_department ON saved_views(department_id) WHERE department_id IS NOT NULL;
