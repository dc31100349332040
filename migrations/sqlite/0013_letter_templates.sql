-- Feedback letter templates admins keep (src/domain/letter_template.hpp),
-- one per kind of letter and language. Without a row, the shipped template
-- of the i18n catalog applies.
CREATE TABLE letter_templates (
  kind TEXT NOT NULL,
  language TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  PRIMARY KEY (kind, language)
);
