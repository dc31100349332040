#pragma once

#include "domain/enum_codes.hpp"

namespace lt::domain {

enum class Role {
  kAgent,
  kSales,
  kQa,
  kQaHead,  // 品保部门主管: QA's rights, and approves countermeasures and opens
            // recurrence-prevention reports (the regulation's 5.3 (3)–(5))
  kGeneralAffairs,
  kDepartmentMember,
  kManager,
  kAdmin,
  kCustomer,
};
inline constexpr EnumCodes<Role, 9> kRoleCodes{{{
    {Role::kAgent, "agent"},
    {Role::kSales, "sales"},
    {Role::kQa, "qa"},
    {Role::kQaHead, "qa_head"},
    {Role::kGeneralAffairs, "general_affairs"},
    {Role::kDepartmentMember, "department_member"},
    {Role::kManager, "manager"},
    {Role::kAdmin, "admin"},
    {Role::kCustomer, "customer"},
}}};

// Whether a user of role `held` has the rights of role `required`: each role
// has its own, and the QA head also has every right of QA.
constexpr bool Holds(Role held, Role required) {
  return held == required || (held == Role::kQaHead && required == Role::kQa);
}

}  // namespace lt::domain
