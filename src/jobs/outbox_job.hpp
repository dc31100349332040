#pragma once

#include <optional>

#include "app/app_context.hpp"
#include "domain/outbound_mail.hpp"
#include "jobs/job_results.hpp"
#include "jobs/job_runner.hpp"

namespace lt::jobs {

// app::kOutboxSendJob: hands one outbox message to its channel
// (app::AttemptOutboxMessage) and records the outcome with the job's
// completion, exactly once. A temporary failure records the server's answer
// on the message and fails the run, so that the runner retries it with
// back-off; the last attempt's temporary failure counts as final.
//
// Sent once: the job's lease keeps every other node off the message while it
// is being sent (the SMTP timeout stays inside the lease), the message is
// recorded as sent the moment the server accepts it (before the goodbye and
// the job's completion), and a message found sent or failed is not sent
// again. No protocol closes the last gap: a node dying between the server's
// acceptance and that record (a commit, milliseconds) leaves the message
// queued, and after the lease it goes out a second time, under the same
// Message-ID, which mail clients show as one.
class OutboxJob final : public JobHandler {
 public:
  explicit OutboxJob(app::AppContext& context) : context_(context) {}
  Status PerformExternal(const storage::ClaimedJob& job) override;
  Status Apply(storage::Connection& connection, const storage::ClaimedJob& job,
               TimestampMs now) override;

 private:
  app::AppContext& context_;
  // Each run's outcome (none: the message was sent or failed before).
  JobResults<std::optional<domain::SendOutcome>> outcomes_;
};

}  // namespace lt::jobs
