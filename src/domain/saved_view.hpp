#pragma once

// A queue view a staff member saved under a name: a queue with its filters,
// search and sort as the console's address holds them ("status=replying&
// q=漏水&sort=-received_at"). Kept for its owner, or shared with one of the
// owner's departments, whose members then find it in their list too.

#include <optional>
#include <string>

#include "base/error.hpp"
#include "base/time_format.hpp"
#include "domain/access.hpp"
#include "domain/entities.hpp"
#include "domain/queue.hpp"

namespace lt::domain {

struct SavedView {
  Id id = 0;
  Id owner_id = 0;
  std::string name;
  Queue queue = Queue::kMine;
  std::string query;                // URL-encoded, without "?"
  std::optional<Id> department_id;  // shared with this department
  TimestampMs created_at = 0;
  TimestampMs updated_at = 0;
};

inline constexpr std::size_t kMaxSavedViewQueryChars = 2000;

// Checks the query of a view: at most kMaxSavedViewQueryChars, pairs of
// name=value whose names are the queue's filters, search and sort (q, status,
// type, urgency, origin_class, category, product, customer, department,
// channel, received_from, received_to, sort), each at most once. Adds
// "validation.too_long" {max} or "validation.view_query" {name} to `errors`
// under "query".
void CheckSavedViewQuery(std::string_view query, FieldErrors& errors);

// Whether `reader` finds the view in their list: their own, or shared with
// one of their departments.
bool SeesSavedView(const SavedView& view, const Principal& reader);

}  // namespace lt::domain
