#pragma once

#include <optional>
#include <string_view>

#include "app/store_access.hpp"
#include "base/result.hpp"
#include "domain/entities.hpp"

namespace lt::app {

enum class Reference { kDepartment, kUser, kCategory, kCustomer, kCalendar };

// Adds "validation.unknown_reference" under `field` when `id` is set and no
// such record exists (for categories: or it is inactive). Store failures are
// returned as errors.
Status CheckReference(storage::Connection& connection, Reference reference,
                      const std::optional<domain::Id>& id, std::string_view field,
                      FieldErrors& errors);

}  // namespace lt::app
