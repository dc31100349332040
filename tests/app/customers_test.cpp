#include "app/customers.hpp"

#include <gtest/gtest.h>

#include "support/test_env.hpp"

namespace lt::app {
namespace {

TEST(CustomerCases, LooksUpByAnyWayOfWritingThePhoneOrEmail) {
  test::TestStore store;
  CustomerInput input;
  input.name = "深圳市华强电器商行";
  input.kind = domain::CustomerKind::kDealer;
  input.phones = {"0755-8888 1234"};
  input.emails = {"Service@HuaQiang.cn"};
  auto created = CreateCustomer(*store.context, domain::Principal::System(), input);
  ASSERT_TRUE(created.ok()) << test::Describe(created.error());
  auto by_phone = ListCustomers(*store.context, domain::Principal::System(), {},
                                std::string("+86 755 88881234"), std::nullopt);
  auto by_email = ListCustomers(*store.context, domain::Principal::System(), {}, std::nullopt,
                                std::string("service@huaqiang.CN"));
  ASSERT_TRUE(by_phone.ok() && by_email.ok());
  ASSERT_EQ(by_phone->customers.size(), 1u);
  ASSERT_EQ(by_email->customers.size(), 1u);
  EXPECT_EQ(by_phone->customers[0].id, created->id);
  EXPECT_EQ(by_email->customers[0].id, created->id);
}

TEST(CustomerCases, AContactBelongsToOneCustomer) {
  test::TestStore store;
  CustomerInput first;
  first.name = "李雷";
  first.phones = {"13912345678"};
  ASSERT_TRUE(CreateCustomer(*store.context, domain::Principal::System(), first).ok());
  CustomerInput second = first;
  second.name = "韩梅梅";
  auto duplicate = CreateCustomer(*store.context, domain::Principal::System(), second);
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().key, "error.contact_taken");
}

TEST(CustomerCases, PatchReplacesContactsAndIsAudited) {
  test::TestStore store;
  CustomerInput input;
  input.name = "Ada";
  input.emails = {"ada@example.com"};
  auto created = CreateCustomer(*store.context, domain::Principal::System(), input);
  ASSERT_TRUE(created.ok());
  CustomerPatch patch;
  patch.phones = std::vector<std::string>{"+44 20 7946 0958"};
  patch.segment = domain::Segment::kVip;
  auto updated = UpdateCustomer(*store.context, domain::Principal::System(), created->id, patch);
  ASSERT_TRUE(updated.ok()) << test::Describe(updated.error());
  ASSERT_EQ(updated->contacts.size(), 2u);
  EXPECT_EQ(updated->segment, domain::Segment::kVip);
  auto missing = UpdateCustomer(*store.context, domain::Principal::System(), 999, patch);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST(CustomerCases, DepartmentMembersCannotChangeCustomers) {
  test::TestStore store;
  const auto member = store.AddUser("member@example.com", domain::Role::kDepartmentMember);
  CustomerInput input;
  input.name = "x";
  EXPECT_EQ(CreateCustomer(*store.context, store.PrincipalOf(member), input).error().code,
            ErrorCode::kForbidden);
}

}  // namespace
}  // namespace lt::app
