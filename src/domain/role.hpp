#pragma once

#include "domain/enum_codes.hpp"

namespace lt::domain {

enum class Role {
  kAgent,
  kSales,
  kQa,
  kGeneralAffairs,
  kDepartmentMember,
  kManager,
  kAdmin,
  kCustomer,
};
inline constexpr EnumCodes<Role, 8> kRoleCodes{{{
    {Role::kAgent, "agent"},
    {Role::kSales, "sales"},
    {Role::kQa, "qa"},
    {Role::kGeneralAffairs, "general_affairs"},
    {Role::kDepartmentMember, "department_member"},
    {Role::kManager, "manager"},
    {Role::kAdmin, "admin"},
    {Role::kCustomer, "customer"},
}}};

}  // namespace lt::domain
