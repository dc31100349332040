#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/entities.hpp"
#include "domain/queries.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Open cases in id order, for walking them all in batches (see ListOpen).
struct OpenCaseFilter {
  std::vector<std::string> settled_states;  // workflow states whose cases are not open
  domain::Id after_id = 0;                  // cases with a greater id
  std::optional<domain::Id> department_id;  // only this department's cases
  std::optional<domain::Id> calendar_id;    // only cases of departments counting in it
  int limit = 100;
};

// Cases in the store. Methods run on the caller's connection and transaction.
class CaseStore {
 public:
  explicit CaseStore(Connection& connection) : connection_(connection) {}

  // Reserves the next `count` numbers in the (prefix, year) sequence and
  // returns the last.
  Result<std::int64_t> NextSequence(const std::string& prefix, int year, std::int64_t count = 1);
  // Inserts a case (its id is ignored) with its sla_due_at, and returns the
  // new id.
  Result<domain::Id> Insert(const domain::Case& a_case);
  // Inserts cases (numbered, ids ignored) in one statement and sets their ids.
  Status InsertMany(std::span<domain::Case> cases);
  // Writes every field of an existing case; `before` is the case as read in
  // this transaction (subject and description, and with them the search
  // index, are written only when they differ). Fails with kConflict when the
  // stored version is not before.version (someone else changed it).
  Status Update(const domain::Case& a_case, const domain::Case& before);
  Result<std::optional<domain::Case>> Find(domain::Id id);
  // The case of this number ("TS-2026-000123"), if any.
  Result<std::optional<domain::Case>> FindByNumber(const std::string& number);
  // The earliest deadline of the case's clocks (nullopt: none running).
  Status SetSlaDueAt(domain::Id id, std::optional<TimestampMs> due_at);
  // Marks the case changed at `now` by something outside its own fields (an
  // interaction, a moved deadline); its version stays.
  Status Touch(domain::Id id, TimestampMs now);
  // The same for several cases, in one statement.
  Status TouchMany(const std::vector<domain::Id>& ids, TimestampMs now);
  // Cases received since `since` (inclusive) of the same category and
  // product as given (either may be absent, not both), except `exclude_id`,
  // oldest first, at most `limit`: the recurrences of a problem.
  Result<std::vector<domain::Case>> ListSimilar(std::optional<domain::Id> category_id,
                                                const std::string& product, TimestampMs since,
                                                domain::Id exclude_id, int limit);
  // Up to filter.limit open cases (status not settled) after filter.after_id,
  // in id order.
  Result<std::vector<domain::Case>> ListOpen(const OpenCaseFilter& filter);
  // Up to filter.limit + 1 cases, so the caller can tell whether more follow.
  Result<std::vector<domain::Case>> List(const domain::CaseFilter& filter,
                                         const domain::CaseScope& scope);
  // How many cases match `filter` (its sort, cursor and limit aside); with a
  // cap, counting stops past it (the answer is then cap + 1).
  Result<std::int64_t> Count(const domain::CaseFilter& filter, const domain::CaseScope& scope,
                             std::optional<std::int64_t> cap = std::nullopt);

 private:
  static std::string FilterConditions(const domain::CaseFilter& filter,
                                      const domain::CaseScope& scope, SqlParams& params);
  Connection& connection_;
};

}  // namespace lt::storage
