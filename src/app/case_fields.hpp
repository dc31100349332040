#pragma once

#include <optional>
#include <string>

#include "app/audit_trail.hpp"
#include "domain/entities.hpp"

namespace lt::app {

// Records every audited field of a case that differs between `before` and
// `after` (pass an empty optional as `before` for a new case).
void RecordCaseChanges(const std::optional<domain::Case>& before, const domain::Case& after,
                       ChangeList& changes);

}  // namespace lt::app
