#include "app/case_fields.hpp"

namespace lt::app {
namespace {

template <class Codes, class E>
std::optional<std::string> Code(const Codes& codes, E value) {
  return std::string(codes.ToCode(value));
}

}  // namespace

void RecordNewCase(const domain::Case& created, ChangeList& changes) {
  changes.Record("number", std::optional<std::string>(), created.number);
  changes.Record("customer_id", std::optional<domain::Id>(),
                 std::optional<domain::Id>(created.customer_id));
}

void RecordCaseChanges(const domain::Case& before, const domain::Case& after, ChangeList& changes) {
  auto text = [&](auto member) -> std::optional<std::string> { return before.*member; };
  auto id = [&](auto member) -> std::optional<domain::Id> { return before.*member; };
  auto code = [&](const auto& codes, auto member) -> std::optional<std::string> {
    return Code(codes, before.*member);
  };
  changes.Record("type", code(domain::kCaseTypeCodes, &domain::Case::type),
                 Code(domain::kCaseTypeCodes, after.type));
  changes.Record("channel", code(domain::kChannelCodes, &domain::Case::channel),
                 Code(domain::kChannelCodes, after.channel));
  changes.Record("subject", text(&domain::Case::subject), after.subject);
  changes.Record("description", text(&domain::Case::description), after.description);
  changes.Record("customer_id", std::optional<domain::Id>(before.customer_id),
                 std::optional<domain::Id>(after.customer_id));
  changes.Record("category_id", id(&domain::Case::category_id), after.category_id);
  changes.Record("product", text(&domain::Case::product), after.product);
  changes.Record("model", text(&domain::Case::model), after.model);
  changes.Record("batch", text(&domain::Case::batch), after.batch);
  changes.Record("serial", text(&domain::Case::serial), after.serial);
  changes.Record("urgency", code(domain::kUrgencyCodes, &domain::Case::urgency),
                 Code(domain::kUrgencyCodes, after.urgency));
  changes.Record("origin_class", code(domain::kOriginClassCodes, &domain::Case::origin_class),
                 Code(domain::kOriginClassCodes, after.origin_class));
  changes.Record("remedy", code(domain::kRemedyCodes, &domain::Case::remedy),
                 Code(domain::kRemedyCodes, after.remedy));
  changes.Record("status", text(&domain::Case::status), after.status);
  changes.Record("department_id", id(&domain::Case::department_id), after.department_id);
  changes.Record("assignee_id", id(&domain::Case::assignee_id), after.assignee_id);
  changes.Record("received_at", std::to_string(before.received_at),
                 std::to_string(after.received_at));
}

}  // namespace lt::app
