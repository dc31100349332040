#include "domain/queries.hpp"

#include <limits>

namespace lt::domain {

std::int64_t SortValueOf(const Case& a_case, CaseSortField field) {
  switch (field) {
    case CaseSortField::kUpdatedAt:
      return a_case.updated_at;
    case CaseSortField::kSlaDueAt:
      return a_case.sla_due_at.value_or(std::numeric_limits<std::int64_t>::max());
    case CaseSortField::kReceivedAt:
      break;
  }
  return a_case.received_at;
}

}  // namespace lt::domain
