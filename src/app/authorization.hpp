#pragma once

// The role checks use cases share. Errors: kForbidden "error.forbidden".

#include "base/result.hpp"
#include "domain/access.hpp"

namespace lt::app {

inline Status RequirePermission(const domain::Principal& principal, domain::Permission permission) {
  if (!domain::HasPermission(principal, permission)) {
    return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  }
  return Ok();
}

inline Status RequireStaff(const domain::Principal& principal) {
  if (!domain::IsStaff(principal)) return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  return Ok();
}

inline Status RequireAdmin(const domain::Principal& principal) {
  if (principal.role != domain::Role::kAdmin && !principal.system) {
    return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  }
  return Ok();
}

// Admins and managers (the management representative): the settings that
// govern deadlines and money, which the other staff do not need to read.
inline Status RequireSupervisor(const domain::Principal& principal) {
  if (principal.role != domain::Role::kAdmin && principal.role != domain::Role::kManager &&
      !principal.system) {
    return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  }
  return Ok();
}

}  // namespace lt::app
