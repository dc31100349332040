#pragma once

#include <optional>
#include <string>

#include "app/audit_trail.hpp"
#include "domain/entities.hpp"

namespace lt::app {

// Records every audited field of a case that differs between `before` and `after`.
void RecordCaseChanges(const domain::Case& before, const domain::Case& after, ChangeList& changes);

// What the audit record of a new case holds: its number and customer. The
// other initial values are the case's own fields, and every later change
// records before and after, so the state at any time can be rebuilt without
// copying each case into its first audit record.
void RecordNewCase(const domain::Case& created, ChangeList& changes);

}  // namespace lt::app
