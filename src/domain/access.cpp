#include "domain/access.hpp"

#include <algorithm>

namespace lt::domain {
namespace {

bool Contains(const std::vector<Id>& ids, Id id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

CaseScope ScopeOf(const Principal& principal) {
  CaseScope scope;
  if (principal.system) {
    scope.all = true;
    return scope;
  }
  switch (principal.role) {
    case Role::kAdmin:
    case Role::kManager:
    case Role::kQa:
    case Role::kQaHead:
    case Role::kAgent:
      // The hotline receives every channel and routes; QA investigates across
      // departments; managers and admins supervise everything.
      scope.all = true;
      break;
    case Role::kGeneralAffairs:
      scope.department_ids = principal.department_ids;
      scope.environmental = true;
      scope.created_by = principal.user_id;
      break;
    case Role::kSales:
    case Role::kDepartmentMember:
      scope.department_ids = principal.department_ids;
      scope.created_by = principal.user_id;
      break;
    case Role::kCustomer:
      // A portal user without a customer sees nothing: Id 0 is never a customer.
      scope.customer_id = principal.customer_id.value_or(0);
      break;
  }
  return scope;
}

bool CanSeeCase(const Principal& principal, const Case& a_case) {
  const CaseScope scope = ScopeOf(principal);
  if (scope.all) return true;
  if (scope.customer_id) return a_case.customer_id == *scope.customer_id;
  if (a_case.department_id && Contains(scope.department_ids, *a_case.department_id)) return true;
  // The department the quality report or environmental form names responsible
  // works on the case too (countermeasures, the environmental solution).
  if (a_case.responsible_department_id &&
      Contains(scope.department_ids, *a_case.responsible_department_id)) {
    return true;
  }
  if (scope.environmental && a_case.origin_class == OriginClass::kEnvironmental) return true;
  return scope.created_by && a_case.created_by == *scope.created_by;
}

bool HasPermission(const Principal& principal, Permission permission) {
  if (principal.system || principal.role == Role::kAdmin) return true;
  const Role role = principal.role;
  const bool staff = role != Role::kCustomer;
  switch (permission) {
    case Permission::kCreateCase:
      return true;  // portal customers file their own cases
    case Permission::kUpdateCase:
    case Permission::kAddInternalNote:
    case Permission::kReadCustomers:
      return staff;
    case Permission::kManageCustomers:
    case Permission::kSeeContactDetails:
      return role == Role::kAgent || role == Role::kSales || role == Role::kManager ||
             Holds(role, Role::kQa) || role == Role::kGeneralAffairs;
    case Permission::kManageDepartments:
    case Permission::kManageUsers:
    case Permission::kManageCategories:
    case Permission::kManageAllTokens:
      return false;  // admin only, handled above
    case Permission::kManageOwnTokens:
      return staff;
  }
  return false;
}

}  // namespace lt::domain
