#include "app/action_reminders.hpp"

#include "app/staff_notifications.hpp"
#include "base/utf8.hpp"
#include "storage/action_store.hpp"
#include "storage/case_store.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"

namespace lt::app {
namespace {

// An action's description as a notice names it.
constexpr std::size_t kReminderSubjectChars = 60;

}  // namespace

Result<int> FireActionDueNotices(storage::Connection& connection, const std::string& public_url,
                                 TimestampMs now, int limit) {
  LT_TRY_ASSIGN(
      const auto actions,
      storage::ActionStore(connection).ClaimFallingDue(now + kActionDueLeadMs, now, limit));
  storage::CaseStore cases(connection);
  for (const auto& action : actions) {
    LT_TRY_ASSIGN(const auto a_case, cases.Find(action.case_id));
    if (!a_case) continue;
    StaffNotice notice;
    notice.kind = "action_due";
    notice.about = &*a_case;
    notice.subject = TruncateCodePoints(action.description, kReminderSubjectChars);
    notice.due_at = action.due_at;
    LT_TRY(NotifyStaff(connection, public_url, notice, std::vector<Id>{action.owner_id}, now));
  }
  return static_cast<int>(actions.size());
}

Result<std::optional<TimestampMs>> NextActionDueNoticeAt(storage::Database& database) {
  std::optional<TimestampMs> next;
  LT_TRY(database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(next, storage::ActionStore(connection).NextUnnotifiedDueAt());
    return Ok();
  }));
  if (next) *next -= kActionDueLeadMs;
  return next;
}

}  // namespace lt::app
