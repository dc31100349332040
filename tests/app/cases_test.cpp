#include "app/cases.hpp"

#include <gtest/gtest.h>

#include "app/customers.hpp"
#include "base/time_format.hpp"
#include "storage/audit_store.hpp"
#include "support/test_env.hpp"

namespace lt::app {
namespace {

CreateCaseInput ACase(std::string subject, std::string phone, std::string email = "") {
  CreateCaseInput input;
  input.subject = std::move(subject);
  CustomerInput customer;
  customer.name = "王芳";
  if (!phone.empty()) customer.phones.push_back(std::move(phone));
  if (!email.empty()) customer.emails.push_back(std::move(email));
  input.customer = std::move(customer);
  return input;
}

class CaseCasesTest : public ::testing::Test {
 protected:
  Result<CreatedCase> Create(const CreateCaseInput& input,
                             const domain::Principal& principal = domain::Principal::System(),
                             std::optional<IdempotencyKey> key = std::nullopt) {
    return CreateCase(*store_.context, principal, input, key);
  }
  test::TestStore store_;
};

TEST_F(CaseCasesTest, NumbersCasesPerYearOfReceipt) {
  auto first = Create(ACase("空调漏水", "13811112222"));
  auto second = Create(ACase("冰箱异响", "13811112223"));
  auto imported = ACase("旧案件", "13811112224");
  imported.received_at = ParseTimestamp("2025-06-01T08:00:00Z");
  auto old = Create(imported);
  ASSERT_TRUE(first.ok() && second.ok() && old.ok());
  EXPECT_EQ(first->a_case.number, "TS-2026-000001");
  EXPECT_EQ(second->a_case.number, "TS-2026-000002");
  EXPECT_EQ(old->a_case.number, "TS-2025-000001");
  EXPECT_EQ(old->a_case.received_at, *ParseTimestamp("2025-06-01T08:00:00Z"));
}

TEST_F(CaseCasesTest, RecognisesTheSameCustomerAcrossChannels) {
  auto by_phone = Create(ACase("第一次投诉", "138 1111 2222"));
  ASSERT_TRUE(by_phone.ok());
  // The same person calls again, writing the number differently, and gives an e-mail address.
  auto again = Create(ACase("第二次投诉", "+86 13811112222", "Wang.Fang@Example.com"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->a_case.customer_id, by_phone->a_case.customer_id);
  // Later she writes an e-mail only: still the same customer.
  auto by_email = Create(ACase("邮件投诉", "", "wang.fang@example.COM"));
  ASSERT_TRUE(by_email.ok());
  EXPECT_EQ(by_email->a_case.customer_id, by_phone->a_case.customer_id);
  auto customer =
      GetCustomer(*store_.context, domain::Principal::System(), by_phone->a_case.customer_id);
  ASSERT_TRUE(customer.ok());
  ASSERT_EQ(customer->contacts.size(), 2u);
  EXPECT_EQ(customer->contacts[1].value, "wang.fang@example.com");
}

TEST_F(CaseCasesTest, ReportsEveryBadFieldAtOnceAndWritesNothing) {
  CreateCaseInput input = ACase("", "12345", "not-an-email");
  input.received_at = test::kTestNow + 3600 * 1000;
  auto created = Create(input);
  ASSERT_FALSE(created.ok());
  std::set<std::string> fields;
  for (const auto& field : created.error().fields) fields.insert(field.field);
  EXPECT_EQ(fields,
            (std::set<std::string>{"subject", "customer.phone", "customer.email", "received_at"}));
  auto page = ListCases(*store_.context, domain::Principal::System(), domain::CaseFilter{});
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->cases.empty());
}

TEST_F(CaseCasesTest, RefusesUnknownReferencesWithoutCreatingTheCustomer) {
  CreateCaseInput input = ACase("漏电", "13900000000");
  input.department_id = 404;
  auto created = Create(input);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().fields.at(0).field, "department_id");
  auto customers = ListCustomers(*store_.context, domain::Principal::System(), {},
                                 std::string("13900000000"), std::nullopt);
  ASSERT_TRUE(customers.ok());
  EXPECT_TRUE(customers->customers.empty());
}

TEST_F(CaseCasesTest, AnIdempotencyKeyCreatesOnceAndRefusesAnotherBody) {
  const IdempotencyKey key{"retry-1", "hash-a"};
  auto first = Create(ACase("跳闸", "13700000000"), domain::Principal::System(), key);
  auto retry = Create(ACase("跳闸", "13700000000"), domain::Principal::System(), key);
  ASSERT_TRUE(first.ok() && retry.ok());
  EXPECT_FALSE(first->replayed);
  EXPECT_TRUE(retry->replayed);
  EXPECT_EQ(retry->a_case.id, first->a_case.id);
  auto other = Create(ACase("别的", "13700000000"), domain::Principal::System(),
                      IdempotencyKey{"retry-1", "hash-b"});
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().fields.at(0).key, "error.idempotency_mismatch");
}

TEST_F(CaseCasesTest, UpdatesWriteAnAuditRecordWithBeforeAndAfter) {
  const auto qa = store_.AddDepartment("QA", "品保部");
  auto created = Create(ACase("外壳开裂", "13600000000"));
  ASSERT_TRUE(created.ok());
  store_.clock.Advance(60'000);
  CasePatch patch;
  patch.urgency = domain::Urgency::kUrgent;
  patch.department_id = std::optional<domain::Id>(qa.id);
  auto updated = UpdateCase(*store_.context, domain::Principal::System(), created->a_case.id, patch,
                            std::nullopt);
  ASSERT_TRUE(updated.ok()) << test::Describe(updated.error());
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->updated_at, test::kTestNow + 60'000);
  auto events = ListCaseEvents(*store_.context, domain::Principal::System(), created->a_case.id);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].action, "create");
  const auto& changes = (*events)[1].changes;
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].field, "urgency");
  EXPECT_EQ(changes[0].before, "normal");
  EXPECT_EQ(changes[0].after, "urgent");
  EXPECT_EQ(changes[1].field, "department_id");
  EXPECT_EQ(changes[1].before, std::nullopt);
  EXPECT_EQ(changes[1].after, std::to_string(qa.id));
}

TEST_F(CaseCasesTest, AStaleVersionIsAConflict) {
  auto created = Create(ACase("异响", "13500000000"));
  ASSERT_TRUE(created.ok());
  CasePatch patch;
  patch.subject = "异响（已确认）";
  ASSERT_TRUE(
      UpdateCase(*store_.context, domain::Principal::System(), created->a_case.id, patch, 1).ok());
  auto stale =
      UpdateCase(*store_.context, domain::Principal::System(), created->a_case.id, patch, 1);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
}

TEST_F(CaseCasesTest, UsersSeeTheirDepartmentsCasesAndOthersAreNotFound) {
  const auto sales = store_.AddDepartment("SALES", "营业部");
  const auto qa = store_.AddDepartment("QA", "品保部");
  const auto seller = store_.AddUser("seller@example.com", domain::Role::kSales, {sales.id});
  CreateCaseInput mine = ACase("营业部的案件", "13400000001");
  mine.department_id = sales.id;
  CreateCaseInput theirs = ACase("品保部的案件", "13400000002");
  theirs.department_id = qa.id;
  auto mine_created = Create(mine);
  auto theirs_created = Create(theirs);
  ASSERT_TRUE(mine_created.ok() && theirs_created.ok());
  const auto principal = store_.PrincipalOf(seller);
  auto page = ListCases(*store_.context, principal, domain::CaseFilter{});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->cases.size(), 1u);
  EXPECT_EQ(page->cases[0].subject, "营业部的案件");
  auto hidden = GetCase(*store_.context, principal, theirs_created->a_case.id);
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
  CasePatch patch;
  patch.subject = "改";
  auto update =
      UpdateCase(*store_.context, principal, theirs_created->a_case.id, patch, std::nullopt);
  EXPECT_EQ(update.error().code, ErrorCode::kNotFound);
}

TEST_F(CaseCasesTest, PortalCustomersFileOnlyForThemselves) {
  auto created = Create(ACase("首次", "13300000000"));
  ASSERT_TRUE(created.ok());
  const auto portal = store_.AddUser("customer@example.com", domain::Role::kCustomer, {},
                                     created->a_case.customer_id);
  CreateCaseInput own;
  own.subject = "门户提交";
  auto filed = Create(own, store_.PrincipalOf(portal));
  ASSERT_TRUE(filed.ok()) << test::Describe(filed.error());
  EXPECT_EQ(filed->a_case.customer_id, created->a_case.customer_id);
  EXPECT_EQ(filed->a_case.channel, domain::Channel::kPortal);
  CreateCaseInput other;
  other.subject = "冒名";
  other.customer_id = created->a_case.customer_id + 1;
  EXPECT_EQ(Create(other, store_.PrincipalOf(portal)).error().code, ErrorCode::kForbidden);
  CasePatch patch;
  patch.subject = "改";
  EXPECT_EQ(
      UpdateCase(*store_.context, store_.PrincipalOf(portal), filed->a_case.id, patch, std::nullopt)
          .error()
          .code,
      ErrorCode::kForbidden);
}

TEST_F(CaseCasesTest, PagesThroughCasesWithACursorWithoutGapsOrRepeats) {
  for (int i = 0; i < 25; ++i) {
    CreateCaseInput input =
        ACase("案件 " + std::to_string(i), "1320000" + std::to_string(1000 + i));
    input.received_at = test::kTestNow - (i % 7) * 1000;  // ties in received_at are broken by id
    ASSERT_TRUE(Create(input).ok());
  }
  domain::CaseFilter filter;
  filter.limit = 10;
  std::set<domain::Id> seen;
  int pages = 0;
  for (;;) {
    auto page = ListCases(*store_.context, domain::Principal::System(), filter);
    ASSERT_TRUE(page.ok());
    ++pages;
    for (const auto& c : page->cases) EXPECT_TRUE(seen.insert(c.id).second);
    if (!page->next) break;
    filter.after = page->next;
  }
  EXPECT_EQ(seen.size(), 25u);
  EXPECT_EQ(pages, 3);
}

}  // namespace
}  // namespace lt::app
