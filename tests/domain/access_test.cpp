#include "domain/access.hpp"

#include <gtest/gtest.h>

namespace lt::domain {
namespace {

Case CaseOwnedBy(std::optional<Id> department, OriginClass origin = OriginClass::kOwnFactory,
                 Id customer = 7, Id created_by = 1) {
  Case c;
  c.department_id = department;
  c.origin_class = origin;
  c.customer_id = customer;
  c.created_by = created_by;
  return c;
}

Principal As(Role role, std::vector<Id> departments = {}, std::optional<Id> customer = std::nullopt,
             Id user = 99) {
  Principal principal;
  principal.user_id = user;
  principal.role = role;
  principal.department_ids = std::move(departments);
  principal.customer_id = customer;
  return principal;
}

TEST(CanSeeCase, DepartmentMembersSeeOnlyTheirDepartmentsCases) {
  EXPECT_TRUE(CanSeeCase(As(Role::kDepartmentMember, {3}), CaseOwnedBy(3)));
  EXPECT_FALSE(CanSeeCase(As(Role::kDepartmentMember, {3}), CaseOwnedBy(4)));
  EXPECT_FALSE(CanSeeCase(As(Role::kSales, {3}), CaseOwnedBy(std::nullopt)));
}

TEST(CanSeeCase, StaffSeeTheCasesTheyFiled) {
  EXPECT_TRUE(CanSeeCase(As(Role::kSales, {3}, std::nullopt, 42),
                         CaseOwnedBy(4, OriginClass::kUnknown, 7, 42)));
}

TEST(CanSeeCase, SupervisingRolesSeeEverything) {
  for (Role role : {Role::kAdmin, Role::kManager, Role::kQa, Role::kAgent}) {
    EXPECT_TRUE(CanSeeCase(As(role), CaseOwnedBy(4)));
  }
}

TEST(CanSeeCase, GeneralAffairsSeesEveryEnvironmentalCase) {
  EXPECT_TRUE(
      CanSeeCase(As(Role::kGeneralAffairs, {5}), CaseOwnedBy(4, OriginClass::kEnvironmental)));
  EXPECT_FALSE(
      CanSeeCase(As(Role::kGeneralAffairs, {5}), CaseOwnedBy(4, OriginClass::kOwnFactory)));
}

TEST(CanSeeCase, PortalCustomersSeeOnlyTheirOwnCases) {
  EXPECT_TRUE(CanSeeCase(As(Role::kCustomer, {}, 7), CaseOwnedBy(4, OriginClass::kUnknown, 7)));
  EXPECT_FALSE(CanSeeCase(As(Role::kCustomer, {}, 8), CaseOwnedBy(4, OriginClass::kUnknown, 7)));
  EXPECT_FALSE(CanSeeCase(As(Role::kCustomer), CaseOwnedBy(4, OriginClass::kUnknown, 7)));
}

TEST(HasPermission, OnlyAdminsManageTheOrganisation) {
  EXPECT_TRUE(HasPermission(As(Role::kAdmin), Permission::kManageUsers));
  EXPECT_FALSE(HasPermission(As(Role::kManager), Permission::kManageUsers));
  EXPECT_FALSE(HasPermission(As(Role::kQa), Permission::kManageDepartments));
  EXPECT_FALSE(HasPermission(As(Role::kCustomer), Permission::kUpdateCase));
  EXPECT_TRUE(HasPermission(As(Role::kCustomer), Permission::kCreateCase));
  EXPECT_TRUE(HasPermission(Principal::System(), Permission::kManageCategories));
}

}  // namespace
}  // namespace lt::domain
