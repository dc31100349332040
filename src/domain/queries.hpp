#pragma once

// What the lists of cases, customers, proposals, reviews and prevention
// reports can be asked for: filters, sort orders and keyset cursors. The
// use cases take them from their callers and the stores answer them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "domain/entities.hpp"
#include "domain/improvement_proposal.hpp"

namespace lt::domain {

enum class CaseSortField { kReceivedAt, kUpdatedAt, kSlaDueAt };

struct CaseSort {
  CaseSortField field = CaseSortField::kReceivedAt;
  bool descending = true;
};

// Keyset position: the sort value and id of the last row of the previous page.
struct CaseCursor {
  std::int64_t sort_value = 0;
  Id id = 0;
};

// Cases by the state of their SLA clocks at `now`.
enum class SlaCondition {
  kAny,
  kBreachingSoon,  // a running clock past its warning time, not yet due
  kBreached,       // a clock breached, or running past its due time
};

struct CaseFilter {
  std::vector<std::string> statuses;  // workflow state codes, any of these; empty = all
  std::optional<Id> department_id;
  std::vector<Id> department_ids;  // any of these (a queue of the reader's departments)
  std::optional<Id> assignee_id;
  bool unassigned = false;        // no assignee
  std::vector<CaseType> types;    // any of these; empty = all
  std::vector<Channel> channels;  // any of these; empty = all
  std::optional<Urgency> urgency;
  std::optional<OriginClass> origin_class;
  std::string product;  // exact
  SlaCondition sla = SlaCondition::kAny;
  TimestampMs now = 0;  // the moment `sla` is judged at
  std::optional<Id> category_id;
  std::optional<Id> customer_id;
  std::vector<Id> customer_ids;              // any of these
  std::vector<Id> ids;                       // the case is one of these
  std::string query;                         // words that must all occur in subject or description
  std::vector<std::string> numbers;          // the case is one of these numbers (exact)
  std::optional<TimestampMs> received_from;  // inclusive
  std::optional<TimestampMs> received_to;    // exclusive
  CaseSort sort;
  std::optional<CaseCursor> after;
  int limit = 50;
};

// The value a case sorts by under `field` (what a cursor records).
std::int64_t SortValueOf(const Case& a_case, CaseSortField field);

struct CustomerFilter {
  std::string name_contains;
  std::optional<CustomerKind> kind;
  std::optional<Contact> contact;  // exact, normalised
  std::string phone_prefix;        // a phone number starting so (domain::PhonePrefix)
  std::optional<Id> after_id;      // keyset: ids greater than this
  int limit = 50;
};

struct ProposalFilter {
  std::optional<ProposalStatus> status;
  std::optional<Id> case_id;
  int limit = 50;
};

// Decision reviews by whether they are settled; prevention reports by
// whether they are verified.
enum class Settled { kNo, kYes };

}  // namespace lt::domain
