#include "app/cases.hpp"

#include <algorithm>
#include <cctype>

#include "app/audit_trail.hpp"
#include "app/case_access.hpp"
#include "app/case_fields.hpp"
#include "app/customers.hpp"
#include "app/field_rules.hpp"
#include "app/live_updates.hpp"
#include "app/references.hpp"
#include "app/sla_clocks.hpp"
#include "app/staff_notifications.hpp"
#include "base/utf8.hpp"
#include "domain/case_number.hpp"
#include "sla/clock_summary.hpp"
#include "storage/audit_store.hpp"
#include "storage/case_store.hpp"
#include "storage/change_feed.hpp"
#include "storage/connection.hpp"
#include "storage/customer_store.hpp"
#include "storage/database.hpp"
#include "storage/sla_clock_store.hpp"
#include "storage/workflow_store.hpp"
#include "text/search_tokenizer.hpp"

namespace lt::app {
namespace {

constexpr std::size_t kMaxSubjectChars = 300;
// Real complaint narratives run long: the CFPB sample holds one of 21,928 characters.
constexpr std::size_t kMaxDescriptionChars = 100000;
constexpr std::size_t kMaxProductFieldChars = 120;
constexpr std::size_t kMaxReferralFieldChars = 100;

// The regulator's referral, trimmed: the regulator and its number required,
// the referral not after `latest`, the regulator's date not before it.
domain::Referral CheckReferral(const domain::Referral& given, TimestampMs latest,
                               FieldErrors& errors) {
  domain::Referral referral = given;
  referral.regulator = CheckText(given.regulator, "referral.regulator", kMaxReferralFieldChars,
                                 Presence::kRequired, errors);
  referral.referral_number = CheckText(given.referral_number, "referral.referral_number",
                                       kMaxReferralFieldChars, Presence::kRequired, errors);
  if (referral.referred_at && *referral.referred_at > latest) {
    errors.Add("referral.referred_at", "validation.future_time");
  }
  if (referral.referred_at && referral.regulator_due_at &&
      *referral.regulator_due_at < *referral.referred_at) {
    errors.Add("referral.regulator_due_at", "validation.before_referral");
  }
  return referral;
}

}  // namespace

Result<CreatedCase> CreateCase(AppContext& context, const domain::Principal& principal,
                               const CreateCaseInput& input,
                               const std::optional<IdempotencyKey>& key) {
  LT_TRY_ASSIGN(NewCase new_case, PrepareNewCase(context, principal, input, key));
  return context.case_intake->File(context.database, new_case);
}

Result<NewCase> PrepareNewCase(AppContext& context, const domain::Principal& principal,
                               const CreateCaseInput& input,
                               const std::optional<IdempotencyKey>& key) {
  if (!domain::HasPermission(principal, domain::Permission::kCreateCase)) {
    return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  }
  const TimestampMs now = context.clock.NowMs();
  const bool portal = principal.role == domain::Role::kCustomer;
  FieldErrors errors;
  domain::Case c;
  c.type = input.type.value_or(domain::CaseType::kComplaint);
  c.channel = input.channel.value_or(portal ? domain::Channel::kPortal : domain::Channel::kPhone);
  c.subject = CheckText(input.subject, "subject", kMaxSubjectChars, Presence::kRequired, errors);
  c.description = CheckText(input.description, "description", kMaxDescriptionChars,
                            Presence::kOptional, errors);
  c.product =
      CheckText(input.product, "product", kMaxProductFieldChars, Presence::kOptional, errors);
  c.model = CheckText(input.model, "model", kMaxProductFieldChars, Presence::kOptional, errors);
  c.batch = CheckText(input.batch, "batch", kMaxProductFieldChars, Presence::kOptional, errors);
  c.serial = CheckText(input.serial, "serial", kMaxProductFieldChars, Presence::kOptional, errors);
  c.urgency = input.urgency.value_or(domain::Urgency::kNormal);
  c.origin_class = input.origin_class.value_or(domain::OriginClass::kUnknown);
  c.remedy = input.remedy.value_or(domain::Remedy::kNone);
  if (input.status && !principal.system) return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  c.category_id = input.category_id;
  c.received_at = input.received_at.value_or(now);
  if (c.received_at > now + context.options.max_clock_skew_ms) {
    errors.Add("received_at", "validation.future_time");
  }
  c.created_at = now;
  c.updated_at = now;
  c.created_by = principal.user_id.value_or(0);
  std::optional<domain::Referral> referral;
  if (input.referral) {
    if (portal) return Error::Of(ErrorCode::kForbidden, "error.forbidden");
    referral = CheckReferral(*input.referral, now + context.options.max_clock_skew_ms, errors);
    if (input.channel && *input.channel != domain::Channel::kRegulator) {
      errors.Add("channel", "validation.referral_channel");
    }
    c.channel = domain::Channel::kRegulator;
  } else if (c.channel == domain::Channel::kRegulator) {
    errors.Add("referral", "validation.referral_needed");
  }

  std::optional<domain::Customer> new_customer;
  if (portal) {
    if (input.customer || (input.customer_id && input.customer_id != principal.customer_id)) {
      return Error::Of(ErrorCode::kForbidden, "error.forbidden");
    }
    if (input.department_id || input.assignee_id) {
      return Error::Of(ErrorCode::kForbidden, "error.forbidden");
    }
    c.customer_id = principal.customer_id.value_or(0);
  } else {
    if (input.customer_id.has_value() == input.customer.has_value()) {
      errors.Add("customer", "validation.customer_or_id");
    } else if (input.customer) {
      new_customer = BuildCustomer(*input.customer, "customer", now, errors);
    }
    c.customer_id = input.customer_id.value_or(0);
    c.department_id = input.department_id;
    c.assignee_id = input.assignee_id;
  }
  if (!errors.empty()) return errors.ToError();

  NewCase new_case;
  new_case.principal = &principal;
  new_case.input = &input;
  new_case.key = &key;
  new_case.number_prefix = context.options.case_number_prefix;
  new_case.public_url = context.options.public_url;
  new_case.now = now;
  new_case.a_case = std::move(c);
  new_case.new_customer = std::move(new_customer);
  new_case.referral = std::move(referral);
  return new_case;
}

Result<domain::Case> UpdateCase(AppContext& context, const domain::Principal& principal, Id id,
                                const CasePatch& patch,
                                std::optional<std::int64_t> expected_version) {
  const TimestampMs now = context.clock.NowMs();
  FieldErrors errors;
  std::optional<std::string> subject, description;
  if (patch.subject)
    subject = CheckText(*patch.subject, "subject", kMaxSubjectChars, Presence::kRequired, errors);
  if (patch.description) {
    description = CheckText(*patch.description, "description", kMaxDescriptionChars,
                            Presence::kOptional, errors);
  }
  auto product_field = [&](const Patch<std::string>& value,
                           const char* field) -> std::optional<std::string> {
    if (!value) return std::nullopt;
    return CheckText(*value, field, kMaxProductFieldChars, Presence::kOptional, errors);
  };
  const auto product_name = product_field(patch.product, "product");
  const auto model = product_field(patch.model, "model");
  const auto batch = product_field(patch.batch, "batch");
  const auto serial = product_field(patch.serial, "serial");
  if (!errors.empty()) return errors.ToError();

  domain::Case updated;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const domain::Case before, LoadVisibleCase(connection, principal, id));
    if (!domain::HasPermission(principal, domain::Permission::kUpdateCase)) {
      return Error::Of(ErrorCode::kForbidden, "error.forbidden");
    }
    if (expected_version && *expected_version != before.version) {
      return Error::Of(ErrorCode::kConflict, "error.case_changed");
    }
    FieldErrors reference_errors;
    if (patch.department_id) {
      LT_TRY(CheckReference(connection, Reference::kDepartment, *patch.department_id,
                            "department_id", reference_errors));
    }
    if (patch.assignee_id) {
      LT_TRY(CheckReference(connection, Reference::kUser, *patch.assignee_id, "assignee_id",
                            reference_errors));
    }
    if (patch.category_id) {
      LT_TRY(CheckReference(connection, Reference::kCategory, *patch.category_id, "category_id",
                            reference_errors));
    }
    if (!reference_errors.empty()) return reference_errors.ToError();
    updated = before;
    if (patch.type) updated.type = *patch.type;
    if (patch.channel) updated.channel = *patch.channel;
    if (subject) updated.subject = *subject;
    if (description) updated.description = *description;
    if (patch.category_id) updated.category_id = *patch.category_id;
    if (product_name) updated.product = *product_name;
    if (model) updated.model = *model;
    if (batch) updated.batch = *batch;
    if (serial) updated.serial = *serial;
    if (patch.urgency) updated.urgency = *patch.urgency;
    if (patch.origin_class) updated.origin_class = *patch.origin_class;
    if (patch.remedy) updated.remedy = *patch.remedy;
    if (patch.department_id) updated.department_id = *patch.department_id;
    if (patch.assignee_id) updated.assignee_id = *patch.assignee_id;
    ChangeList changes;
    RecordCaseChanges(before, updated, changes);
    if (changes.empty()) return Ok();
    updated.updated_at = now;
    LT_TRY(storage::CaseStore(connection).Update(updated, before));
    ++updated.version;
    // Policies choose targets by these fields and the department's calendar
    // counts the deadlines; other changes leave the clocks be.
    if (updated.type != before.type || updated.urgency != before.urgency ||
        updated.origin_class != before.origin_class || updated.category_id != before.category_id ||
        updated.department_id != before.department_id) {
      LT_TRY_ASSIGN(const storage::WorkflowPtr workflow, storage::WorkflowStore(connection).Load());
      LT_TRY_ASSIGN(const ClockRefresh clocks,
                    RefreshSlaClocks(connection, *workflow, updated, now));
      updated.sla_due_at = clocks.earliest_due;
    }
    LT_TRY(storage::AuditStore(connection)
               .Append(MakeEvent("case", id, "update", principal.user_id, now, changes.Take())));
    LT_TRY(NotifyAssignee(connection, context.options.public_url, updated, before.assignee_id,
                          principal.user_id, now));
    return storage::PublishCaseChange(connection,
                                      ChangeOf(updated, "update", principal.user_id, now));
  }));
  return updated;
}

Result<domain::Case> GetCase(AppContext& context, const domain::Principal& principal, Id id) {
  domain::Case found;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(found, LoadVisibleCase(connection, principal, id));
    return Ok();
  }));
  return found;
}

namespace {

bool HasQueue(const domain::Principal& principal, domain::Queue queue) {
  const std::vector<domain::Queue> queues = domain::QueuesOf(principal);
  return std::ranges::find(queues, queue) != queues.end();
}

// `filter` with its states checked against the workflow and narrowed to
// `queue`.
Result<domain::CaseFilter> QueueFilter(storage::Connection& connection,
                                       const domain::Principal& principal,
                                       domain::CaseFilter filter,
                                       std::optional<domain::Queue> queue, TimestampMs now) {
  if (filter.statuses.empty() && !queue) return filter;
  LT_TRY_ASSIGN(const storage::WorkflowPtr workflow, storage::WorkflowStore(connection).Load());
  for (const auto& status : filter.statuses) {
    if (!workflow->FindState(status)) {
      return Error::Invalid("status", "validation.unknown_state", {{"value", status}});
    }
  }
  if (queue) domain::ApplyQueue(*queue, principal, *workflow, now, filter);
  return filter;
}

Result<std::vector<CaseRowFacts>> RowFactsOf(storage::Connection& connection,
                                             const std::vector<domain::Case>& cases,
                                             TimestampMs now) {
  std::vector<Id> case_ids;
  std::vector<Id> customer_ids;
  for (const auto& a_case : cases) {
    case_ids.push_back(a_case.id);
    customer_ids.push_back(a_case.customer_id);
  }
  LT_TRY_ASSIGN(auto names, storage::CustomerStore(connection).NamesOf(customer_ids));
  LT_TRY_ASSIGN(auto stored, storage::SlaClockStore(connection).ListForCases(case_ids));
  std::map<Id, std::vector<sla::SlaClock>> clocks;
  for (auto& one : stored) clocks[one.case_id].push_back(std::move(one.clock));
  std::vector<CaseRowFacts> facts;
  facts.reserve(cases.size());
  for (const auto& a_case : cases) {
    facts.push_back({names[a_case.customer_id], sla::SummaryState(clocks[a_case.id], now)});
  }
  return facts;
}

}  // namespace

Result<CasePage> ListCases(AppContext& context, const domain::Principal& principal,
                           const domain::CaseFilter& wanted, std::optional<domain::Queue> queue) {
  // A case number typed into the search box finds that case ("ts-2026-000123" too).
  domain::CaseFilter filter = wanted;
  const std::string typed = TrimSpace(filter.query);
  if (domain::LooksLikeCaseNumber(typed)) {
    std::string upper = typed;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    filter.numbers = {typed, upper};
    filter.query.clear();
  }
  if (!filter.query.empty() && text::TokenTexts(filter.query, text::TokenizeMode::kQuery).empty()) {
    return Error::Invalid("q", "validation.no_search_words");
  }
  if (queue && !HasQueue(principal, *queue)) {
    return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  }
  CasePage page;
  const domain::CaseScope scope = domain::ScopeOf(principal);
  const TimestampMs now = context.clock.NowMs();
  domain::CaseFilter narrowed;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(narrowed, QueueFilter(connection, principal, filter, queue, now));
    LT_TRY_ASSIGN(page.cases, storage::CaseStore(connection).List(narrowed, scope));
    if (static_cast<int>(page.cases.size()) > narrowed.limit) {
      page.cases.resize(static_cast<std::size_t>(narrowed.limit));
      const domain::Case& last = page.cases.back();
      page.next = domain::CaseCursor{domain::SortValueOf(last, narrowed.sort.field), last.id};
    }
    LT_TRY_ASSIGN(page.facts, RowFactsOf(connection, page.cases, now));
    return Ok();
  }));
  return page;
}

Result<std::vector<QueueCount>> CountQueues(AppContext& context,
                                            const domain::Principal& principal) {
  std::vector<QueueCount> counts;
  const domain::CaseScope scope = domain::ScopeOf(principal);
  const TimestampMs now = context.clock.NowMs();
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const storage::WorkflowPtr workflow, storage::WorkflowStore(connection).Load());
    for (const domain::Queue queue : domain::QueuesOf(principal)) {
      domain::CaseFilter filter;
      domain::ApplyQueue(queue, principal, *workflow, now, filter);
      LT_TRY_ASSIGN(const std::int64_t count,
                    storage::CaseStore(connection).Count(filter, scope, kQueueCountCap));
      counts.push_back({queue, std::min(count, kQueueCountCap), count > kQueueCountCap});
    }
    return Ok();
  }));
  return counts;
}

Result<std::vector<domain::CaseEvent>> ListCaseEvents(AppContext& context,
                                                      const domain::Principal& principal, Id id) {
  std::vector<domain::CaseEvent> events;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY(LoadVisibleCase(connection, principal, id));
    if (principal.role == domain::Role::kCustomer)
      return Error::Of(ErrorCode::kForbidden, "error.forbidden");
    LT_TRY_ASSIGN(events, storage::AuditStore(connection).ListFor("case", id));
    return Ok();
  }));
  return events;
}

}  // namespace lt::app
