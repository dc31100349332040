#include "storage/case_store.hpp"

#include <array>
#include <limits>
#include <map>

#include "storage/case_scope_sql.hpp"
#include "storage/multi_row.hpp"

namespace lt::storage {
namespace {

using domain::Case;

// Above this many matches a search walks the received_at index (see List).
constexpr std::int64_t kMatchesWorthAnIndexWalk = 2000;

constexpr std::string_view kCaseColumns =
    "cases.id, number, type, channel, subject, description, customer_id, category_id, product, "
    "model, batch, serial, urgency, origin_class, remedy, status, department_id, assignee_id, "
    "received_at, created_at, updated_at, created_by, version, sla_due_at, "
    "responsible_department_id";

Case CaseFromRow(const Row& row) {
  Case c;
  c.id = row.Int(0);
  c.number = row.Text(1);
  c.type = domain::kCaseTypeCodes.FromCode(row.Text(2)).value_or(domain::CaseType::kComplaint);
  c.channel = domain::kChannelCodes.FromCode(row.Text(3)).value_or(domain::Channel::kPhone);
  c.subject = row.Text(4);
  c.description = row.Text(5);
  c.customer_id = row.Int(6);
  c.category_id = row.OptionalInt(7);
  c.product = row.Text(8);
  c.model = row.Text(9);
  c.batch = row.Text(10);
  c.serial = row.Text(11);
  c.urgency = domain::kUrgencyCodes.FromCode(row.Text(12)).value_or(domain::Urgency::kNormal);
  c.origin_class =
      domain::kOriginClassCodes.FromCode(row.Text(13)).value_or(domain::OriginClass::kUnknown);
  c.remedy = domain::kRemedyCodes.FromCode(row.Text(14)).value_or(domain::Remedy::kNone);
  c.status = row.Text(15);
  c.department_id = row.OptionalInt(16);
  c.assignee_id = row.OptionalInt(17);
  c.received_at = row.Int(18);
  c.created_at = row.Int(19);
  c.updated_at = row.Int(20);
  c.created_by = row.OptionalInt(21).value_or(0);
  c.version = row.Int(22);
  if (const std::int64_t due = row.Int(23); due != std::numeric_limits<std::int64_t>::max()) {
    c.sla_due_at = due;
  }
  c.responsible_department_id = row.OptionalInt(24);
  return c;
}

SqlParams CaseParams(const Case& c) {
  return {c.number,
          std::string(domain::kCaseTypeCodes.ToCode(c.type)),
          std::string(domain::kChannelCodes.ToCode(c.channel)),
          c.subject,
          c.description,
          c.customer_id,
          OptionalValue(c.category_id),
          c.product,
          c.model,
          c.batch,
          c.serial,
          std::string(domain::kUrgencyCodes.ToCode(c.urgency)),
          std::string(domain::kOriginClassCodes.ToCode(c.origin_class)),
          std::string(domain::kRemedyCodes.ToCode(c.remedy)),
          c.status,
          OptionalValue(c.department_id),
          OptionalValue(c.assignee_id),
          c.received_at,
          c.created_at,
          c.updated_at,
          c.created_by == 0 ? SqlValue(nullptr) : SqlValue(c.created_by)};
}

std::string_view SortColumn(domain::CaseSortField field) {
  switch (field) {
    case domain::CaseSortField::kUpdatedAt:
      return "updated_at";
    case domain::CaseSortField::kSlaDueAt:
      return "sla_due_at";
    case domain::CaseSortField::kReceivedAt:
      break;
  }
  return "received_at";
}

}  // namespace

Result<std::int64_t> CaseStore::NextSequence(const std::string& prefix, int year,
                                             std::int64_t count) {
  return connection_.NextCaseSequence(prefix, year, count);
}

Result<domain::Id> CaseStore::Insert(const Case& a_case) {
  Case inserted = a_case;
  LT_TRY(InsertMany({&inserted, 1}));
  return inserted.id;
}

Status CaseStore::InsertMany(std::span<Case> cases) {
  if (cases.empty()) return Ok();
  std::string columns =
      "number, type, channel, subject, description, customer_id, category_id, product, model, "
      "batch, serial, urgency, origin_class, remedy, status, department_id, assignee_id, "
      "received_at, created_at, updated_at, created_by, sla_due_at";
  SqlParams params;
  std::string rows;
  for (const Case& a_case : cases) {
    std::string values;
    for (SqlValue& value : CaseParams(a_case)) values += Param(params, std::move(value)) + ", ";
    values +=
        Param(params, a_case.sla_due_at.value_or(std::numeric_limits<std::int64_t>::max())) + ", ";
    const auto document =
        connection_.dialect().CaseSearchDocument(a_case.subject, a_case.description);
    if (document) values += Param(params, document->value) + ", ";
    if (rows.empty() && document) columns += ", " + document->column;
    rows += (rows.empty() ? "(" : ", (") + values + "1)";
  }
  std::map<std::string, domain::Id, std::less<>> ids;  // by number, which is unique
  LT_TRY(connection_.Query(
      "INSERT INTO cases (" + columns + ", version) VALUES " + rows + " RETURNING id, number",
      params, [&](const Row& row) { ids[row.Text(1)] = row.Int(0); }));
  for (Case& a_case : cases) {
    const auto found = ids.find(a_case.number);
    if (found == ids.end()) return Error::Internal("case not inserted: " + a_case.number);
    a_case.id = found->second;
  }
  return Ok();
}

Status CaseStore::Update(const Case& a_case, const Case& before) {
  const SqlParams values = CaseParams(a_case);
  constexpr std::array<std::string_view, 21> kUpdatedColumns = {
      "number",       "type",       "channel",   "subject",       "description", "customer_id",
      "category_id",  "product",    "model",     "batch",         "serial",      "urgency",
      "origin_class", "remedy",     "status",    "department_id", "assignee_id", "received_at",
      "created_at",   "updated_at", "created_by"};
  static_assert(kUpdatedColumns.size() == 21);
  // Subject and description are written only when they changed: writing
  // them re-indexes the case for search (the FTS5 triggers, the search
  // document), which would otherwise cost every workflow step.
  const bool text_changed =
      a_case.subject != before.subject || a_case.description != before.description;
  SqlParams params;
  std::string set;
  for (std::size_t column = 0; column < kUpdatedColumns.size(); ++column) {
    const std::string_view name = kUpdatedColumns[column];
    if (!text_changed && (name == "subject" || name == "description")) continue;
    set += std::string(name) + " = " + Param(params, values[column]) + ", ";
  }
  set += "responsible_department_id = " +
         Param(params, OptionalValue(a_case.responsible_department_id)) + ", ";
  set += "version = version + 1";
  if (text_changed) {
    if (const auto document =
            connection_.dialect().CaseSearchDocument(a_case.subject, a_case.description)) {
      set += ", " + document->column + " = " + Param(params, document->value);
    }
  }
  const std::string id = Param(params, a_case.id);
  const std::string version = Param(params, before.version);
  LT_TRY_ASSIGN(auto changed, connection_.Execute("UPDATE cases SET " + set + " WHERE id = " + id +
                                                      " AND version = " + version,
                                                  params));
  if (changed == 0) return Error::Of(ErrorCode::kConflict, "error.case_changed");
  return Ok();
}

Result<std::optional<Case>> CaseStore::Find(domain::Id id) {
  std::optional<Case> found;
  LT_TRY(connection_.Query("SELECT " + std::string(kCaseColumns) + " FROM cases WHERE id = $1",
                           {id}, [&](const Row& row) { found = CaseFromRow(row); }));
  return found;
}

Result<std::optional<Case>> CaseStore::FindByNumber(const std::string& number) {
  std::optional<Case> found;
  LT_TRY(connection_.Query("SELECT " + std::string(kCaseColumns) + " FROM cases WHERE number = $1",
                           {number}, [&](const Row& row) { found = CaseFromRow(row); }));
  return found;
}

Result<std::vector<Case>> CaseStore::ListSimilar(std::optional<domain::Id> category_id,
                                                 const std::string& product, TimestampMs since,
                                                 domain::Id exclude_id, int limit) {
  std::vector<Case> cases;
  SqlParams params = {since, exclude_id};
  std::string sql =
      "SELECT " + std::string(kCaseColumns) + " FROM cases WHERE received_at >= $1 AND id <> $2";
  if (category_id) {
    params.push_back(*category_id);
    sql += " AND category_id = $" + std::to_string(params.size());
  }
  if (!product.empty()) {
    params.push_back(product);
    sql += " AND product = $" + std::to_string(params.size());
  }
  params.push_back(std::int64_t{limit});
  sql += " ORDER BY received_at, id LIMIT $" + std::to_string(params.size());
  LT_TRY(
      connection_.Query(sql, params, [&](const Row& row) { cases.push_back(CaseFromRow(row)); }));
  return cases;
}

Result<std::vector<Case>> CaseStore::ListOpen(const OpenCaseFilter& filter) {
  SqlParams params;
  std::string sql = "SELECT " + std::string(kCaseColumns) + " FROM cases WHERE id > " +
                    Param(params, filter.after_id);
  for (const auto& state : filter.settled_states) sql += " AND status <> " + Param(params, state);
  if (filter.department_id) sql += " AND department_id = " + Param(params, *filter.department_id);
  if (filter.calendar_id) {
    sql += " AND department_id IN (SELECT id FROM departments WHERE calendar_id = " +
           Param(params, *filter.calendar_id) + ")";
  }
  sql += " ORDER BY id LIMIT " + Param(params, std::int64_t{filter.limit});
  std::vector<Case> cases;
  LT_TRY(
      connection_.Query(sql, params, [&](const Row& row) { cases.push_back(CaseFromRow(row)); }));
  return cases;
}

namespace {

// " AND column IN ($1, $2)" for the values (there is at least one).
template <class Value>
std::string InList(std::string_view column, const std::vector<Value>& values, SqlParams& params) {
  std::string sql = " AND " + std::string(column) + " IN (";
  for (std::size_t i = 0; i < values.size(); ++i) {
    sql += (i > 0 ? ", " : "") + Param(params, values[i]);
  }
  return sql + ")";
}

// " AND column IN ($1, $2)" for codes, or "" for none.
template <class Enum, std::size_t N>
std::string AnyOf(std::string_view column, const std::vector<Enum>& values,
                  const domain::EnumCodes<Enum, N>& codes, SqlParams& params) {
  if (values.empty()) return {};
  std::string sql = " AND " + std::string(column) + " IN (";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += Param(params, std::string(codes.ToCode(values[i])));
  }
  return sql + ")";
}

}  // namespace

// The conditions of `filter` other than its states, search, sort and cursor.
std::string CaseStore::FilterConditions(const domain::CaseFilter& filter,
                                        const domain::CaseScope& scope, SqlParams& params) {
  std::string where = "1 = 1";
  if (!scope.all) where += " AND " + CaseScopeCondition(scope, params);
  if (filter.department_id) where += " AND department_id = " + Param(params, *filter.department_id);
  if (!filter.department_ids.empty())
    where += InList("department_id", filter.department_ids, params);
  if (filter.assignee_id) where += " AND assignee_id = " + Param(params, *filter.assignee_id);
  if (filter.unassigned) where += " AND assignee_id IS NULL";
  if (filter.category_id) where += " AND category_id = " + Param(params, *filter.category_id);
  if (filter.customer_id) where += " AND customer_id = " + Param(params, *filter.customer_id);
  if (!filter.customer_ids.empty()) where += InList("customer_id", filter.customer_ids, params);
  if (!filter.ids.empty()) where += InList("cases.id", filter.ids, params);
  if (!filter.numbers.empty()) {
    std::string in;
    for (const auto& number : filter.numbers)
      in += (in.empty() ? "" : ", ") + Param(params, number);
    where += " AND number IN (" + in + ")";
  }
  if (filter.received_from) where += " AND received_at >= " + Param(params, *filter.received_from);
  if (filter.received_to) where += " AND received_at < " + Param(params, *filter.received_to);
  where += AnyOf("type", filter.types, domain::kCaseTypeCodes, params);
  where += AnyOf("channel", filter.channels, domain::kChannelCodes, params);
  if (filter.urgency) {
    where += " AND urgency = " +
             Param(params, std::string(domain::kUrgencyCodes.ToCode(*filter.urgency)));
  }
  if (filter.origin_class) {
    where += " AND origin_class = " +
             Param(params, std::string(domain::kOriginClassCodes.ToCode(*filter.origin_class)));
  }
  if (!filter.product.empty()) where += " AND product = " + Param(params, filter.product);
  switch (filter.sla) {
    case domain::SlaCondition::kAny:
      break;
    // The clocks warned but not yet due are few (those running, from their
    // partial index), so the cases are looked up from them.
    case domain::SlaCondition::kBreachingSoon: {
      const std::string now = Param(params, filter.now);
      where +=
          " AND cases.id IN (SELECT c.case_id FROM sla_clocks c WHERE c.state = 'running' AND "
          "c.due_at > " +
          now + " AND c.warn_at <= " + now + ")";
      break;
    }
    // Breached cases may be most of the open ones: checked per case through
    // the clocks' primary key (case_id, target), so the queue's walk along
    // its sort order stops at the page instead of building the set first.
    case domain::SlaCondition::kBreached: {
      const std::string now = Param(params, filter.now);
      where +=
          " AND EXISTS (SELECT 1 FROM sla_clocks c WHERE c.case_id = cases.id AND "
          "(c.state = 'breached' OR (c.state = 'running' AND c.due_at <= " +
          now + ")))";
      break;
    }
  }
  return where;
}

Result<std::int64_t> CaseStore::Count(const domain::CaseFilter& filter,
                                      const domain::CaseScope& scope,
                                      std::optional<std::int64_t> cap) {
  SqlParams params;
  std::string where = FilterConditions(filter, scope, params);
  if (!filter.statuses.empty()) where += InList("status", filter.statuses, params);
  if (!filter.query.empty()) {
    params.push_back(connection_.dialect().CaseSearchParameter(filter.query));
    where += " AND " + connection_.dialect().CaseSearchCondition(static_cast<int>(params.size()));
  }
  if (!cap) return connection_.QueryInt("SELECT COUNT(*) FROM cases WHERE " + where, params);
  const std::string limit = Param(params, *cap + 1);
  return connection_.QueryInt(
      "SELECT COUNT(*) FROM (SELECT 1 FROM cases WHERE " + where + " LIMIT " + limit + ") AS c",
      params);
}

Result<std::vector<Case>> CaseStore::List(const domain::CaseFilter& filter,
                                          const domain::CaseScope& scope) {
  SqlParams params;
  const Dialect& dialect = connection_.dialect();
  std::string from = "cases";
  std::string where = FilterConditions(filter, scope, params);
  if (!filter.query.empty()) {
    const SqlValue search = dialect.CaseSearchParameter(filter.query);
    params.push_back(search);
    where += " AND " + dialect.CaseSearchCondition(static_cast<int>(params.size()));
    // Sorting the matches costs one row lookup each. When a word is frequent,
    // walking the received_at index and probing the match set finds the first
    // page after a few hundred rows instead. This holds with other filters
    // too: on 300,000 cases, q plus department and status took 5 ms this way
    // and 24 ms with the engine's own plan.
    const std::string count_query = dialect.CaseSearchCountQuery();
    if (filter.sort.field == domain::CaseSortField::kReceivedAt && !count_query.empty()) {
      LT_TRY_ASSIGN(const std::int64_t matches, connection_.QueryInt(count_query, {search}));
      if (matches > kMatchesWorthAnIndexWalk) from = dialect.CasesInReceivedOrder();
    }
  }
  const std::string column(SortColumn(filter.sort.field));
  const char* op = filter.sort.descending ? "<" : ">";
  const std::string order = std::string(filter.sort.descending ? " DESC" : " ASC");
  if (filter.after) {
    const std::string value = Param(params, filter.after->sort_value);
    const std::string id = Param(params, filter.after->id);
    where += " AND (" + column + " " + op + " " + value + " OR (" + column + " = " + value +
             " AND cases.id " + op + " " + id + "))";
  }
  const std::string limit = Param(params, std::int64_t{filter.limit + 1});
  const std::string order_by = " ORDER BY " + column + order + ", id" + order + " LIMIT " + limit;
  std::string sql;
  if (filter.statuses.size() <= 1 || !filter.query.empty() || filter.customer_id) {
    // With search words the matches come first (see above), so the states
    // are one condition on them, not a search per state; so are a
    // customer's cases, few enough to sort, found by their own index.
    if (filter.statuses.size() == 1) {
      where += " AND status = " + Param(params, filter.statuses[0]);
    } else if (!filter.statuses.empty()) {
      where += InList("status", filter.statuses, params);
    }
    sql = "SELECT " + std::string(kCaseColumns) + " FROM " + from + " WHERE " + where + order_by;
  } else {
    // One ordered, limited range per status, merged: each is an index range
    // scan, where "status IN (...)" would sort every matching case.
    for (const auto& status : filter.statuses) {
      if (!sql.empty()) sql += " UNION ALL ";
      const std::string status_param = Param(params, status);
      sql += "SELECT * FROM (SELECT " + std::string(kCaseColumns) + " FROM " + from + " WHERE " +
             where + " AND status = " + status_param + order_by + ") AS s" +
             std::to_string(params.size());
    }
    sql += order_by;
  }
  std::vector<Case> cases;
  LT_TRY(
      connection_.Query(sql, params, [&](const Row& row) { cases.push_back(CaseFromRow(row)); }));
  return cases;
}

Status CaseStore::SetSlaDueAt(domain::Id id, std::optional<TimestampMs> due_at) {
  LT_TRY(connection_.Send("UPDATE cases SET sla_due_at = $1 WHERE id = $2",
                          {due_at.value_or(std::numeric_limits<std::int64_t>::max()), id}));
  return Ok();
}

Status CaseStore::Touch(domain::Id id, TimestampMs now) { return TouchMany({id}, now); }

Status CaseStore::TouchMany(const std::vector<domain::Id>& ids, TimestampMs now) {
  if (ids.empty()) return Ok();
  SqlParams params{now};
  const std::string in = ParameterList(params, std::span(ids));
  LT_TRY(connection_.Send("UPDATE cases SET updated_at = $1 WHERE id IN (" + in + ")", params));
  return Ok();
}

}  // namespace lt::storage
