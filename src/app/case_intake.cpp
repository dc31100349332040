#include "app/case_intake.hpp"

#include <map>
#include <set>
#include <string>
#include <utility>

#include "app/audit_trail.hpp"
#include "app/case_fields.hpp"
#include "app/customers.hpp"
#include "app/live_updates.hpp"
#include "app/outbox.hpp"
#include "app/references.hpp"
#include "app/sla_clocks.hpp"
#include "app/staff_notifications.hpp"
#include "base/time_format.hpp"
#include "domain/case_number.hpp"
#include "storage/audit_store.hpp"
#include "storage/auth_store.hpp"
#include "storage/case_store.hpp"
#include "storage/change_feed.hpp"
#include "storage/connection.hpp"
#include "storage/customer_store.hpp"
#include "storage/database.hpp"
#include "storage/referral_store.hpp"
#include "storage/sla_clock_store.hpp"
#include "storage/workflow_store.hpp"

namespace lt::app {

std::shared_ptr<CaseIntake> MakeCaseIntake() { return std::make_shared<CaseIntake>(); }

namespace {

// A case on its way into the store, within one FileCases call (which may be
// run again: the NewCase itself stays as it was given).
struct Filing {
  NewCase* request;
  domain::Case a_case;
  std::optional<domain::Segment> segment;  // the customer's, when known here
  NewCaseClocks clocks;
};

bool FiledByCustomer(const NewCase& new_case) {
  return new_case.principal->role == domain::Role::kCustomer;
}

Id KeyOwner(const NewCase& new_case) { return new_case.principal->user_id.value_or(0); }

// The case's own checks: an idempotency key seen before (the earlier case,
// or a refusal when the request differs), its status and references. Sets
// the outcome of a case that goes no further; returns whether to write it.
Result<bool> CheckNewCase(storage::Connection& connection, const domain::Workflow& workflow,
                          NewCase& new_case, domain::Case& a_case) {
  if (const auto& key = *new_case.key) {
    LT_TRY_ASSIGN(auto stored,
                  storage::AuthStore(connection).FindIdempotencyKey(KeyOwner(new_case), key->key));
    if (stored) {
      if (stored->request_hash != key->request_hash) {
        new_case.outcome = Error::Invalid("Idempotency-Key", "error.idempotency_mismatch");
        return false;
      }
      LT_TRY_ASSIGN(auto earlier, storage::CaseStore(connection).Find(stored->resource_id));
      if (!earlier) return Error::Internal("idempotency key refers to a missing case");
      new_case.outcome = CreatedCase{*earlier, true};
      return false;
    }
  }
  const CreateCaseInput& input = *new_case.input;
  FieldErrors errors;
  a_case.status = input.status.value_or(workflow.initial_state);
  if (!workflow.FindState(a_case.status)) {
    errors.Add("status", "validation.unknown_state", {{"value", a_case.status}});
  }
  if (!FiledByCustomer(new_case)) {
    LT_TRY(
        CheckReference(connection, Reference::kCustomer, input.customer_id, "customer_id", errors));
    LT_TRY(CheckReference(connection, Reference::kDepartment, a_case.department_id, "department_id",
                          errors));
    LT_TRY(CheckReference(connection, Reference::kUser, a_case.assignee_id, "assignee_id", errors));
  }
  LT_TRY(
      CheckReference(connection, Reference::kCategory, a_case.category_id, "category_id", errors));
  if (const auto& referral = new_case.referral) {
    LT_TRY_ASSIGN(
        const auto referred,
        storage::ReferralStore(connection).CaseOf(referral->regulator, referral->referral_number));
    if (referred) {
      LT_TRY_ASSIGN(const auto earlier, storage::CaseStore(connection).Find(*referred));
      new_case.outcome =
          Error::Of(ErrorCode::kConflict, "error.referral_exists",
                    {{"number", earlier ? earlier->number : std::to_string(*referred)}});
      return false;
    }
  }
  if (!errors.empty()) {
    new_case.outcome = errors.ToError();
    return false;
  }
  return true;
}

// Matches or creates the customers that cases name by their contacts: one
// look-up for every contact, one insert per table for the customers nobody
// knows, one read for the customers whose every contact is theirs already.
// Any other (some contacts known, another case of the group bringing one
// too) is matched case by case afterwards (MatchOrCreateCustomer), which
// also learns the contacts it did not have.
Status SettleCustomers(storage::Connection& connection, std::vector<Filing>& filings) {
  std::vector<domain::Contact> contacts;
  for (const Filing& filing : filings) {
    if (!filing.request->new_customer) continue;
    for (const auto& contact : filing.request->new_customer->contacts) contacts.push_back(contact);
  }
  // A customer given by name only (a walk-in, a call without a number) has
  // no contact to be matched by: it is created.
  std::vector<std::optional<domain::Id>> owners;
  if (!contacts.empty()) {
    LT_TRY_ASSIGN(owners, storage::CustomerStore(connection).FindByContacts(contacts));
  }
  std::vector<CustomerToCreate> created;
  std::vector<Filing*> creating, matching;
  std::vector<std::pair<Filing*, domain::Id>> known_whole;        // every contact this customer's
  std::set<std::pair<domain::ContactKind, std::string>> brought;  // by the customers created
  std::size_t next_owner = 0;
  for (Filing& filing : filings) {
    if (!filing.request->new_customer) continue;
    const auto& mine = filing.request->new_customer->contacts;
    bool known = false, shared = false;
    std::optional<domain::Id> sole_owner;
    bool all_one_owner = !mine.empty();
    for (const auto& contact : mine) {
      const auto& owner = owners[next_owner++];
      known = known || owner.has_value();
      shared = shared || brought.count({contact.kind, contact.value}) > 0;
      if (!owner || (sole_owner && *sole_owner != *owner)) all_one_owner = false;
      if (owner) sole_owner = owner;
    }
    if (all_one_owner && !shared) {
      known_whole.emplace_back(&filing, *sole_owner);
      continue;
    }
    if (known || shared) {
      matching.push_back(&filing);
      continue;
    }
    for (const auto& contact : mine) brought.insert({contact.kind, contact.value});
    created.push_back(
        {*filing.request->new_customer, filing.request->principal->user_id, filing.request->now});
    creating.push_back(&filing);
  }
  if (!created.empty()) LT_TRY(CreateCheckedCustomers(connection, created));
  for (std::size_t index = 0; index < creating.size(); ++index) {
    creating[index]->a_case.customer_id = created[index].customer.id;
    creating[index]->segment = created[index].customer.segment;
  }
  if (!known_whole.empty()) {
    std::vector<domain::Id> ids;
    for (const auto& [filing, id] : known_whole) ids.push_back(id);
    LT_TRY_ASSIGN(const auto customers, storage::CustomerStore(connection).FindMany(ids));
    for (auto& [filing, id] : known_whole) {
      const auto customer = customers.find(id);
      if (customer == customers.end()) {
        matching.push_back(filing);  // gone meanwhile: matched or created afresh
        continue;
      }
      filing->a_case.customer_id = id;
      filing->segment = customer->second.segment;
    }
  }
  for (Filing* filing : matching) {
    const NewCase& request = *filing->request;
    LT_TRY_ASSIGN(
        const domain::Customer customer,
        MatchOrCreateCustomer(connection, *request.new_customer, *request.principal, request.now));
    filing->a_case.customer_id = customer.id;
    filing->segment = customer.segment;
  }
  return Ok();
}

// Numbers the cases: one counter raise per (prefix, year) for all of them,
// in the order they came.
Status NumberCases(storage::Connection& connection, std::vector<Filing>& filings) {
  std::map<std::pair<std::string, int>, std::vector<Filing*>> by_series;
  for (Filing& filing : filings) {
    by_series[{filing.request->number_prefix, YearOf(filing.a_case.received_at)}].push_back(
        &filing);
  }
  storage::CaseStore cases(connection);
  for (auto& [series, members] : by_series) {
    const auto& [prefix, year] = series;
    const auto count = static_cast<std::int64_t>(members.size());
    LT_TRY_ASSIGN(const std::int64_t last, cases.NextSequence(prefix, year, count));
    std::int64_t sequence = last - count + 1;
    for (Filing* filing : members) {
      filing->a_case.number = domain::FormatCaseNumber(prefix, year, sequence++);
    }
  }
  return Ok();
}

}  // namespace

Status FileCases(storage::Connection& connection, std::span<NewCase* const> cases) {
  LT_TRY_ASSIGN(const storage::WorkflowPtr workflow, storage::WorkflowStore(connection).Load());
  std::vector<Filing> filings;
  filings.reserve(cases.size());
  for (NewCase* new_case : cases) {
    new_case->outcome.reset();
    domain::Case a_case = new_case->a_case;
    LT_TRY_ASSIGN(const bool to_write, CheckNewCase(connection, *workflow, *new_case, a_case));
    if (to_write) filings.push_back({new_case, std::move(a_case), std::nullopt, {}});
  }
  if (filings.empty()) return Ok();
  LT_TRY(SettleCustomers(connection, filings));
  LT_TRY(NumberCases(connection, filings));
  std::vector<domain::Case> rows;
  rows.reserve(filings.size());
  for (Filing& filing : filings) {
    LT_TRY_ASSIGN(filing.clocks, PlanNewCaseClocks(connection, *workflow, filing.a_case,
                                                   filing.segment, filing.request->now));
    filing.a_case.sla_due_at = filing.clocks.refresh.earliest_due;
    rows.push_back(filing.a_case);
  }
  LT_TRY(storage::CaseStore(connection).InsertMany(rows));
  std::vector<storage::SlaClockStore::ClockToSave> clocks;
  std::vector<domain::CaseEvent> events;
  events.reserve(filings.size());
  for (std::size_t index = 0; index < filings.size(); ++index) {
    Filing& filing = filings[index];
    const NewCase& request = *filing.request;
    filing.a_case.id = rows[index].id;
    for (const auto& planned : filing.clocks.clocks) {
      clocks.push_back({filing.a_case.id, &planned.clock, planned.next_alert_at, request.now});
    }
    ChangeList changes;
    RecordNewCase(filing.a_case, changes);
    if (const auto& referral = request.referral) {
      changes.Record("referral", std::optional<std::string>(),
                     referral->regulator + " " + referral->referral_number);
    }
    events.push_back(MakeEvent("case", filing.a_case.id, "create", request.principal->user_id,
                               request.now, changes.Take()));
  }
  LT_TRY(storage::SlaClockStore(connection).SaveMany(clocks));
  for (const Filing& filing : filings) {
    if (const auto& referral = filing.request->referral) {
      LT_TRY(storage::ReferralStore(connection).Insert(filing.a_case.id, *referral));
    }
  }
  LT_TRY(storage::AuditStore(connection).AppendMany(events));
  storage::AuthStore auth(connection);
  // Which channels reach customers, read once, and only when a case filed
  // here is to be acknowledged (not for imports or the channels' intakes).
  std::optional<CustomerReach> reach;
  std::vector<domain::CaseChange> changes;
  changes.reserve(filings.size());
  for (Filing& filing : filings) {
    NewCase& request = *filing.request;
    changes.push_back(ChangeOf(filing.a_case, "create", request.principal->user_id, request.now));
    if (const auto& key = *request.key) {
      LT_TRY(auth.InsertIdempotencyKey(KeyOwner(request), key->key, key->request_hash,
                                       filing.a_case.id, request.now));
    }
    if (!request.principal->system && request.input->acknowledge) {
      if (!reach) {
        LT_TRY_ASSIGN(reach, ReachOfCustomers(connection));
      }
      LT_TRY(AcknowledgeFiledCase(connection, filing.a_case, *reach, request.now));
    }
    if (!request.principal->system) {
      LT_TRY(NotifyAssignee(connection, request.public_url, filing.a_case, std::nullopt,
                            request.principal->user_id, request.now));
    }
    request.outcome = CreatedCase{filing.a_case, false};
  }
  return storage::PublishCaseChanges(connection, changes);
}

void FileGroup(storage::Database& database, std::span<NewCase* const> group) {
  const Status written =
      database.Write([&](storage::Connection& connection) { return FileCases(connection, group); });
  if (written.ok()) return;
  if (group.size() == 1) {
    group.front()->outcome = written.error();
    return;
  }
  // A statement failed for one of them (a contact taken on another node
  // meanwhile, the same idempotency key twice, ...): each alone.
  for (NewCase* one : group) {
    const Status alone = database.Write([&](storage::Connection& connection) {
      return FileCases(connection, {&one, 1});
    });
    if (!alone.ok()) one->outcome = alone.error();
  }
}

Result<CreatedCase> CaseIntake::File(storage::Database& database, NewCase& new_case) {
  queue_.Join(new_case,
              [&database](const std::vector<NewCase*>& group) { FileGroup(database, group); });
  if (!new_case.outcome) return Error::Internal("a new case was left without an outcome");
  return std::move(*new_case.outcome);
}

}  // namespace lt::app
