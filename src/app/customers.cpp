#include "app/customers.hpp"

#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/field_rules.hpp"
#include "domain/contact.hpp"
#include "storage/audit_store.hpp"
#include "storage/connection.hpp"
#include "storage/customer_store.hpp"
#include "storage/database.hpp"
#include "storage/interaction_store.hpp"

namespace lt::app {
namespace {

std::optional<std::string> ContactsText(const std::vector<domain::Contact>& contacts) {
  std::string out;
  for (const auto& contact : contacts) {
    if (!out.empty()) out += ", ";
    out += contact.value;
  }
  return out;
}

void RecordCustomerChanges(const std::optional<domain::Customer>& before,
                           const domain::Customer& after, ChangeList& changes) {
  auto field = [&](auto member) -> std::optional<std::string> {
    if (!before) return std::nullopt;
    return (*before).*member;
  };
  changes.Record("name", field(&domain::Customer::name), after.name);
  changes.Record("kind",
                 before
                     ? std::optional<std::string>(domain::kCustomerKindCodes.ToCode(before->kind))
                     : std::nullopt,
                 std::string(domain::kCustomerKindCodes.ToCode(after.kind)));
  changes.Record("organization", field(&domain::Customer::organization), after.organization);
  changes.Record("region", field(&domain::Customer::region), after.region);
  changes.Record("language", field(&domain::Customer::language), after.language);
  changes.Record("segment",
                 before ? std::optional<std::string>(domain::kSegmentCodes.ToCode(before->segment))
                        : std::nullopt,
                 std::string(domain::kSegmentCodes.ToCode(after.segment)));
  changes.Record("contacts", before ? ContactsText(before->contacts) : std::nullopt,
                 ContactsText(after.contacts));
}

// A new customer's record holds its identity: name and contacts (see RecordNewCase).
void RecordNewCustomer(const domain::Customer& customer, ChangeList& changes) {
  changes.Record("name", std::nullopt, customer.name);
  changes.Record("contacts", std::nullopt, ContactsText(customer.contacts));
}

}  // namespace

domain::Customer BuildCustomer(const CustomerInput& input, std::string_view field_prefix,
                               TimestampMs now, FieldErrors& errors) {
  const std::string prefix = field_prefix.empty() ? "" : std::string(field_prefix) + ".";
  domain::Customer customer;
  customer.kind = input.kind.value_or(domain::CustomerKind::kConsumer);
  customer.name = CheckText(input.name, prefix + "name", 200, Presence::kRequired, errors);
  customer.organization =
      CheckText(input.organization, prefix + "organization", 200, Presence::kOptional, errors);
  customer.region = CheckText(input.region, prefix + "region", 100, Presence::kOptional, errors);
  customer.language = CheckLanguage(input.language.value_or("zh-CN"), prefix + "language", errors);
  customer.segment = input.segment.value_or(domain::Segment::kNormal);
  customer.contacts = CheckContacts(input.phones, input.emails, field_prefix, errors);
  for (const auto& openid : input.wechat_openids) {
    customer.contacts.push_back({domain::ContactKind::kWechat, openid});
  }
  customer.created_at = now;
  customer.updated_at = now;
  return customer;
}

Status CreateCheckedCustomers(storage::Connection& connection,
                              std::span<CustomerToCreate> customers) {
  std::vector<domain::Customer> rows;
  rows.reserve(customers.size());
  for (const auto& created : customers) rows.push_back(created.customer);
  LT_TRY(storage::CustomerStore(connection).InsertMany(rows));
  std::vector<domain::CaseEvent> events;
  events.reserve(customers.size());
  for (std::size_t index = 0; index < customers.size(); ++index) {
    CustomerToCreate& created = customers[index];
    created.customer.id = rows[index].id;
    ChangeList changes;
    RecordNewCustomer(created.customer, changes);
    events.push_back(MakeEvent("customer", created.customer.id, "create", created.actor_user_id,
                               created.at, changes.Take()));
  }
  return storage::AuditStore(connection).AppendMany(events);
}

Result<domain::Customer> MatchOrCreateCustomer(storage::Connection& connection,
                                               domain::Customer customer,
                                               const domain::Principal& principal,
                                               TimestampMs now) {
  storage::CustomerStore customers(connection);
  storage::AuditStore audit(connection);
  std::optional<Id> match;
  for (const auto& contact : customer.contacts) {  // phones first: the order they were given
    LT_TRY_ASSIGN(auto owner, customers.FindByContact(contact));
    if (owner) {
      match = owner;
      break;
    }
  }
  if (!match) {
    CustomerToCreate created{std::move(customer), principal.user_id, now};
    LT_TRY(CreateCheckedCustomers(connection, {&created, 1}));
    return std::move(created.customer);
  }
  // A known customer: learn the contacts that nobody owns yet.
  LT_TRY_ASSIGN(auto existing, customers.Find(*match));
  domain::Customer updated = *existing;
  for (const auto& contact : customer.contacts) {
    LT_TRY_ASSIGN(auto owner, customers.FindByContact(contact));
    if (!owner) updated.contacts.push_back(contact);
  }
  if (updated.contacts.size() != existing->contacts.size()) {
    updated.updated_at = now;
    LT_TRY(customers.Update(updated));
    ChangeList changes;
    RecordCustomerChanges(existing, updated, changes);
    LT_TRY(audit.Append(
        MakeEvent("customer", *match, "update", principal.user_id, now, changes.Take())));
  }
  return updated;
}

Result<domain::Customer> CreateCustomer(AppContext& context, const domain::Principal& principal,
                                        const CustomerInput& input) {
  LT_TRY(RequirePermission(principal, domain::Permission::kManageCustomers));
  const TimestampMs now = context.clock.NowMs();
  FieldErrors errors;
  domain::Customer customer = BuildCustomer(input, "", now, errors);
  if (!errors.empty()) return errors.ToError();
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    storage::CustomerStore customers(connection);
    LT_TRY_ASSIGN(customer.id, customers.Insert(customer));
    ChangeList changes;
    RecordNewCustomer(customer, changes);
    return storage::AuditStore(connection)
        .Append(
            MakeEvent("customer", customer.id, "create", principal.user_id, now, changes.Take()));
  }));
  return customer;
}

Result<domain::Customer> UpdateCustomer(AppContext& context, const domain::Principal& principal,
                                        Id id, const CustomerPatch& patch) {
  LT_TRY(RequirePermission(principal, domain::Permission::kManageCustomers));
  const TimestampMs now = context.clock.NowMs();
  FieldErrors errors;
  std::optional<std::string> name, organization, region;
  if (patch.name) name = CheckText(*patch.name, "name", 200, Presence::kRequired, errors);
  if (patch.organization) {
    organization = CheckText(*patch.organization, "organization", 200, Presence::kOptional, errors);
  }
  if (patch.region) region = CheckText(*patch.region, "region", 100, Presence::kOptional, errors);
  std::optional<std::string> language;
  if (patch.language) language = CheckLanguage(*patch.language, "language", errors);
  std::optional<std::vector<domain::Contact>> phones, emails;
  if (patch.phones) phones = CheckContacts(*patch.phones, {}, "", errors);
  if (patch.emails) emails = CheckContacts({}, *patch.emails, "", errors);
  if (!errors.empty()) return errors.ToError();
  domain::Customer updated;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    storage::CustomerStore customers(connection);
    LT_TRY_ASSIGN(auto existing, customers.Find(id));
    if (!existing) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    updated = *existing;
    if (name) updated.name = *name;
    if (patch.kind) updated.kind = *patch.kind;
    if (organization) updated.organization = *organization;
    if (region) updated.region = *region;
    if (language) updated.language = *language;
    if (patch.segment) updated.segment = *patch.segment;
    auto replace = [&](domain::ContactKind kind, const std::vector<domain::Contact>& with) {
      std::erase_if(updated.contacts, [&](const domain::Contact& c) { return c.kind == kind; });
      updated.contacts.insert(updated.contacts.end(), with.begin(), with.end());
    };
    if (phones) replace(domain::ContactKind::kPhone, *phones);
    if (emails) replace(domain::ContactKind::kEmail, *emails);
    updated.updated_at = now;
    ChangeList changes;
    RecordCustomerChanges(existing, updated, changes);
    if (changes.empty()) return Ok();
    LT_TRY(customers.Update(updated));
    return storage::AuditStore(connection)
        .Append(MakeEvent("customer", id, "update", principal.user_id, now, changes.Take()));
  }));
  return updated;
}

namespace {

// Staff who do not work with customers (department members) see their
// phone numbers and e-mail addresses masked; customers see their own whole.
domain::Customer AsSeenBy(const domain::Principal& principal, domain::Customer customer) {
  const bool own =
      principal.role == domain::Role::kCustomer && principal.customer_id == customer.id;
  if (own || domain::HasPermission(principal, domain::Permission::kSeeContactDetails)) {
    return customer;
  }
  for (auto& contact : customer.contacts) {
    contact.value = contact.kind == domain::ContactKind::kPhone ? domain::MaskPhone(contact.value)
                                                                : domain::MaskEmail(contact.value);
  }
  return customer;
}

}  // namespace

Result<domain::Customer> GetCustomer(AppContext& context, const domain::Principal& principal,
                                     Id id) {
  const bool own = principal.role == domain::Role::kCustomer && principal.customer_id == id;
  if (!own && !domain::HasPermission(principal, domain::Permission::kReadCustomers)) {
    return Error::Of(ErrorCode::kNotFound, "error.not_found");
  }
  std::optional<domain::Customer> found;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(found, storage::CustomerStore(connection).Find(id));
    return Ok();
  }));
  if (!found) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  return AsSeenBy(principal, std::move(*found));
}

Result<std::vector<domain::Interaction>> ListCustomerInteractions(
    AppContext& context, const domain::Principal& principal, Id customer_id, int limit) {
  LT_TRY(RequirePermission(principal, domain::Permission::kReadCustomers));
  std::vector<domain::Interaction> interactions;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto customer, storage::CustomerStore(connection).Find(customer_id));
    if (!customer) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    LT_TRY_ASSIGN(interactions,
                  storage::InteractionStore(connection)
                      .ListByCustomer(customer_id, domain::ScopeOf(principal), limit));
    return Ok();
  }));
  return interactions;
}

Result<CustomerPage> ListCustomers(AppContext& context, const domain::Principal& principal,
                                   domain::CustomerFilter filter,
                                   const std::optional<std::string>& phone,
                                   const std::optional<std::string>& email,
                                   const std::optional<std::string>& phone_prefix) {
  LT_TRY(RequirePermission(principal, domain::Permission::kReadCustomers));
  if (phone) {
    auto normalized = domain::NormalizePhone(*phone);
    if (!normalized) return Error::Invalid("phone", "validation.phone");
    filter.contact = domain::Contact{domain::ContactKind::kPhone, *normalized};
  }
  if (phone_prefix) {
    auto prefix = domain::PhonePrefix(*phone_prefix);
    if (!prefix) return Error::Invalid("phone_prefix", "validation.phone_prefix");
    filter.phone_prefix = *prefix;
  }
  if (email) {
    auto normalized = domain::NormalizeEmail(*email);
    if (!normalized) return Error::Invalid("email", "validation.email");
    // With a phone as well, the store filters by phone and the e-mail is checked below.
    if (!filter.contact) filter.contact = domain::Contact{domain::ContactKind::kEmail, *normalized};
  }
  CustomerPage page;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(page.customers, storage::CustomerStore(connection).List(filter));
    return Ok();
  }));
  if (phone && email) {
    const auto wanted = domain::NormalizeEmail(*email);
    std::erase_if(page.customers, [&](const domain::Customer& customer) {
      for (const auto& contact : customer.contacts) {
        if (contact.kind == domain::ContactKind::kEmail && contact.value == *wanted) return false;
      }
      return true;
    });
  }
  if (static_cast<int>(page.customers.size()) > filter.limit) {
    page.customers.resize(static_cast<std::size_t>(filter.limit));
    page.next_after_id = page.customers.back().id;
  }
  for (auto& customer : page.customers) customer = AsSeenBy(principal, std::move(customer));
  return page;
}

}  // namespace lt::app
