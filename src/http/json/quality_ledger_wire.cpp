#include "http/json/quality_ledger_wire.hpp"

#include "http/json/action_wire.hpp"
#include "http/json/quality_report_wire.hpp"
#include "http/json/wire_support.hpp"
#include "http/json/workflow_wire.hpp"

namespace lt::http::wire {
namespace {

using nlohmann::json;

constexpr const char* kColumns[] = {"number",
                                    "received_at",
                                    "customer",
                                    "product",
                                    "model",
                                    "batch",
                                    "category",
                                    "origin_class",
                                    "urgency",
                                    "defect_description",
                                    "sample_received_at",
                                    "root_cause_occurrence",
                                    "root_cause_outflow",
                                    "responsible_department",
                                    "countermeasures",
                                    "approved_at",
                                    "replied_at",
                                    "customer_decision",
                                    "moved_deadlines",
                                    "verification",
                                    "early_close_reason",
                                    "closed_at"};

json MovedToJson(const sla::StoredClock& clock) {
  return {{"target", clock.clock.target},
          {"original_due_at", OptionalTime(clock.clock.original_due_at)},
          {"due_at", FormatTimestamp(clock.clock.due_at)},
          {"reason", clock.moved_reason}};
}

}  // namespace

json LedgerToJson(const std::vector<app::LedgerRow>& rows) {
  json items = json::array();
  for (const auto& row : rows) {
    json actions = json::array();
    for (const auto& action : row.actions) actions.push_back(ActionToJson(action));
    json moved = json::array();
    for (const auto& clock : row.moved_clocks) moved.push_back(MovedToJson(clock));
    items.push_back({{"case_id", row.a_case.id},
                     {"number", row.a_case.number},
                     {"received_at", FormatTimestamp(row.a_case.received_at)},
                     {"customer", row.customer_name},
                     {"product", row.a_case.product},
                     {"model", row.a_case.model},
                     {"batch", row.a_case.batch},
                     {"category", row.category_name},
                     {"origin_class", domain::kOriginClassCodes.ToCode(row.a_case.origin_class)},
                     {"urgency", domain::kUrgencyCodes.ToCode(row.a_case.urgency)},
                     {"report", QualityReportToJson(row.report)},
                     {"responsible_department", row.responsible_department_name},
                     {"actions", actions},
                     {"replied_at", OptionalTime(row.replied_at)},
                     {"customer_decision",
                      row.customer_decision
                          ? json(domain::kCustomerDecisionCodes.ToCode(*row.customer_decision))
                          : json(nullptr)},
                     {"moved_deadlines", moved},
                     {"closed_at", FormatTimestamp(row.closed_at)}});
  }
  return items;
}

exports::Table LedgerTable(const std::vector<app::LedgerRow>& rows, i18n::Locale locale,
                           const sla::BusinessCalendar& calendar) {
  auto word = [&](const std::string& key) { return i18n::Translate(locale, key); };
  auto local = [&](std::optional<TimestampMs> at) {
    return at ? calendar.FormatLocal(*at) : std::string();
  };
  exports::Table table;
  table.title = word("ledger.title");
  for (const char* column : kColumns)
    table.columns.push_back(word(std::string("ledger.column.") + column));
  for (const auto& row : rows) {
    std::string countermeasures;
    for (const auto& action : row.actions) {
      if (!countermeasures.empty()) countermeasures += "\n";
      countermeasures += action.description + " (" + local(action.due_at) + ")";
    }
    std::string moved;
    for (const auto& clock : row.moved_clocks) {
      if (!moved.empty()) moved += "\n";
      moved += word("sla.target." + clock.clock.target) + ": " +
               local(clock.clock.original_due_at) + " → " + local(clock.clock.due_at) + " (" +
               clock.moved_reason + ")";
    }
    const domain::Case& a_case = row.a_case;
    table.rows.push_back(
        {a_case.number,
         local(a_case.received_at),
         row.customer_name,
         a_case.product,
         a_case.model,
         a_case.batch,
         row.category_name,
         word("word.origin_class." +
              std::string(domain::kOriginClassCodes.ToCode(a_case.origin_class))),
         word("word.urgency." + std::string(domain::kUrgencyCodes.ToCode(a_case.urgency))),
         row.report.defect_description,
         local(row.report.sample_received_at),
         row.report.root_cause_occurrence,
         row.report.root_cause_outflow,
         row.responsible_department_name,
         countermeasures,
         local(row.report.approved_at),
         local(row.replied_at),
         row.customer_decision
             ? word("word.customer_decision." +
                    std::string(domain::kCustomerDecisionCodes.ToCode(*row.customer_decision)))
             : std::string(),
         moved,
         row.report.verification,
         row.report.early_close_reason,
         local(row.closed_at)});
  }
  return table;
}

}  // namespace lt::http::wire
