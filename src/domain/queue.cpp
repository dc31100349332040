#include "domain/queue.hpp"

namespace lt::domain {

std::vector<Queue> QueuesOf(const Principal& reader) {
  if (!IsStaff(reader)) return {};
  std::vector<Queue> queues = {Queue::kMine};
  if (!reader.department_ids.empty()) queues.push_back(Queue::kDepartment);
  queues.insert(queues.end(),
                {Queue::kUnassigned, Queue::kBreachingSoon, Queue::kBreached, Queue::kAll});
  return queues;
}

std::vector<std::string> OpenStates(const Workflow& workflow) {
  std::vector<std::string> codes;
  for (const auto& state : workflow.states) {
    if (state.kind == StateKind::kOpen || state.kind == StateKind::kWaiting) {
      codes.push_back(state.code);
    }
  }
  return codes;
}

void ApplyQueue(Queue queue, const Principal& reader, const Workflow& workflow, TimestampMs now,
                CaseFilter& filter) {
  switch (queue) {
    case Queue::kMine:
      // A reader without a user (a system principal) owns nothing.
      filter.assignee_id = reader.user_id.value_or(0);
      break;
    case Queue::kDepartment:
      filter.department_ids = reader.department_ids;
      if (filter.department_ids.empty()) filter.department_ids.push_back(0);
      break;
    case Queue::kUnassigned:
      filter.unassigned = true;
      break;
    case Queue::kBreachingSoon:
      filter.sla = SlaCondition::kBreachingSoon;
      break;
    case Queue::kBreached:
      filter.sla = SlaCondition::kBreached;
      break;
    case Queue::kAll:
      break;  // every case the reader sees, still only the open ones
  }
  filter.now = now;
  if (filter.statuses.empty()) filter.statuses = OpenStates(workflow);
}

}  // namespace lt::domain
