#pragma once

#include <algorithm>
#include <optional>
#include <vector>

#include "domain/entities.hpp"

namespace lt::domain {

// Who is acting: a user (staff or portal customer) or the system itself
// (CLI import, background jobs). Built once per request by the edge.
struct Principal {
  std::optional<Id> user_id;
  Role role = Role::kAgent;
  std::vector<Id> department_ids;
  std::optional<Id> customer_id;
  bool system = false;

  static Principal System() {
    Principal principal;
    principal.role = Role::kAdmin;
    principal.system = true;
    return principal;
  }
};

// Which cases a principal may see. Read queries turn this into a filter;
// single-case access checks call CanSeeCase.
struct CaseScope {
  bool all = false;                // every case
  std::vector<Id> department_ids;  // cases owned by one of these departments
  bool environmental = false;      // plus every environmental case
  std::optional<Id> customer_id;   // only this customer's cases (portal)
  std::optional<Id> created_by;    // plus the cases this user filed
};

CaseScope ScopeOf(const Principal& principal);

// Staff (any role but the portal customer's) or the system itself.
// Whether the principal is a member of the department.
inline bool WorksIn(const Principal& principal, Id department_id) {
  return std::find(principal.department_ids.begin(), principal.department_ids.end(),
                   department_id) != principal.department_ids.end();
}

inline bool IsStaff(const Principal& principal) {
  return principal.system || principal.role != Role::kCustomer;
}
bool CanSeeCase(const Principal& principal, const Case& a_case);

// Staff actions beyond seeing cases.
enum class Permission {
  kCreateCase,
  kUpdateCase,
  kAddInternalNote,
  kManageCustomers,
  kSeeContactDetails,  // customers' phone numbers and e-mail addresses unmasked
  kReadCustomers,
  kManageDepartments,
  kManageUsers,
  kManageCategories,
  kManageOwnTokens,
  kManageAllTokens,
};

bool HasPermission(const Principal& principal, Permission permission);

}  // namespace lt::domain
