#include "jobs/housekeeping.hpp"

#include "storage/auth_store.hpp"
#include "storage/channel_message_store.hpp"
#include "storage/portal_code_store.hpp"

namespace lt::jobs {
namespace {

constexpr std::int64_t kHourMs = 3600LL * 1000;
constexpr std::int64_t kIdempotencyKeyLifetimeMs = 24 * kHourMs;
constexpr std::int64_t kFinishedJobLifetimeMs = 7 * 24 * kHourMs;
// Far longer than the window a signature is accepted in (5 minutes).
constexpr std::int64_t kWebhookReceiptLifetimeMs = kHourMs;

// The run for the whole hour after `now`, keyed by its due time so that every
// node schedules the same one.
Status ScheduleNextRun(storage::Connection& connection, TimestampMs now) {
  const TimestampMs due = (now / kHourMs + 1) * kHourMs;
  return ScheduleJob(connection, std::string(kHousekeepingKind), std::to_string(due), "{}", due,
                     now);
}

}  // namespace

Status HousekeepingJob::Apply(storage::Connection& connection, const storage::ClaimedJob&,
                              TimestampMs now) {
  storage::AuthStore auth(connection);
  LT_TRY(auth.DeleteExpiredSessions(now));
  LT_TRY(auth.DeleteIdempotencyKeysBefore(now - kIdempotencyKeyLifetimeMs));
  LT_TRY(storage::JobStore(connection).PurgeFinished(now - kFinishedJobLifetimeMs));
  LT_TRY(storage::WebhookReceiptStore(connection).DeleteBefore(now - kWebhookReceiptLifetimeMs));
  // Kept through the window the portal counts requests over.
  LT_TRY(
      storage::PortalCodeStore(connection).DeleteExpiredBefore(now - domain::kPortalCodeWindowMs));
  return ScheduleNextRun(connection, now);
}

Status ScheduleHousekeeping(storage::Database& database, TimestampMs now) {
  return database.Write(
      [&](storage::Connection& connection) { return ScheduleNextRun(connection, now); });
}

}  // namespace lt::jobs
