#pragma once

// The queues a staff member works from: their own cases, their departments',
// the unassigned, those breaching soon or breached, and all they may see.
// A queue is a set of filters on the case list, so it sorts, searches, pages
// and counts like any list. Every queue, "all" too, shows open cases (states
// of kind open or waiting) unless the reader asks for other states: a work
// list, not the archive (the case list without a queue is that).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access.hpp"
#include "domain/enum_codes.hpp"
#include "domain/queries.hpp"
#include "domain/workflow.hpp"

namespace lt::domain {

enum class Queue { kMine, kDepartment, kUnassigned, kBreachingSoon, kBreached, kAll };
inline constexpr EnumCodes<Queue, 6> kQueueCodes{{{
    {Queue::kMine, "mine"},
    {Queue::kDepartment, "department"},
    {Queue::kUnassigned, "unassigned"},
    {Queue::kBreachingSoon, "breaching"},
    {Queue::kBreached, "breached"},
    {Queue::kAll, "all"},
}}};

// The queues `reader` has, in the order a console shows them: none for
// portal customers; "department" only for staff with a department.
std::vector<Queue> QueuesOf(const Principal& reader);

// The states of kind open or waiting: the cases still being worked on.
std::vector<std::string> OpenStates(const Workflow& workflow);

// Narrows `filter` to `queue` as `reader` sees it at `now`. With no states
// asked for, the queue keeps the open states of `workflow`.
void ApplyQueue(Queue queue, const Principal& reader, const Workflow& workflow, TimestampMs now,
                CaseFilter& filter);

}  // namespace lt::domain
