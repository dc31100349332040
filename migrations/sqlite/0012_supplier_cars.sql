-- Supplier corrective action requests (src/domain/supplier_car.hpp).
CREATE TABLE supplier_cars (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  supplier_id INTEGER NOT NULL REFERENCES customers(id),
  request TEXT NOT NULL,
  requested_by INTEGER REFERENCES users(id),
  requested_at INTEGER NOT NULL,
  initial_analysis TEXT NOT NULL DEFAULT '',
  initial_analysis_at INTEGER,
  root_cause TEXT NOT NULL DEFAULT '',
  countermeasures TEXT NOT NULL DEFAULT '',
  answered_at INTEGER,
  status TEXT NOT NULL,
  decision_note TEXT NOT NULL DEFAULT '',
  decided_by INTEGER REFERENCES users(id),
  decided_at INTEGER,
  updated_at INTEGER NOT NULL
);
CREATE INDEX supplier_cars_case ON supplier_cars(case_id, id);
CREATE INDEX supplier_cars_supplier ON supplier_cars(supplier_id, id);
