#pragma once

#include <map>
#include <mutex>

#include "app/app_context.hpp"
#include "domain/outbound_mail.hpp"
#include "jobs/job_runner.hpp"

namespace lt::jobs {

// app::kOutboxSendJob: hands one outbox message to its channel
// (app::AttemptOutboxMessage) and records the outcome with the job's
// completion, exactly once. A temporary failure records the server's answer
// on the message and fails the run, so that the runner retries it with
// back-off; the last attempt's temporary failure counts as final.
//
// Sent once: the job's lease keeps every other node off the message while it
// is being sent, and a message found sent or failed is not sent again. The
// one gap is a node dying after the server accepted the message and before
// the outcome committed (milliseconds): then, after the lease, the same
// message (same Message-ID) goes out a second time, which mail clients show
// as one.
class OutboxJob final : public JobHandler {
 public:
  explicit OutboxJob(app::AppContext& context) : context_(context) {}
  Status PerformExternal(const storage::ClaimedJob& job) override;
  Status Apply(storage::Connection& connection, const storage::ClaimedJob& job,
               TimestampMs now) override;

 private:
  app::AppContext& context_;
  std::mutex mutex_;
  // Each run's outcome, from PerformExternal to Apply.
  std::map<domain::Id, std::optional<domain::MailSendOutcome>> outcomes_;
};

}  // namespace lt::jobs
