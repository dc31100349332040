#include "jobs/job_runner.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>

#include "base/crypto.hpp"

namespace lt::jobs {
namespace {

// Retries back off exponentially: 2 s, 4 s, 8 s, ... up to `max_delay`.
std::int64_t RetryDelayMs(int attempt, std::chrono::milliseconds max_delay) {
  const int exponent = std::min(attempt, 30);
  return std::min<std::int64_t>(1000LL << exponent, max_delay.count());
}

}  // namespace

JobRunner::JobRunner(storage::Database& database, const Clock& clock, JobRunnerOptions options)
    : database_(database), clock_(clock), options_(std::move(options)) {
  if (options_.node.empty()) options_.node = MakeNodeName();
  feed_subscription_ = database_.Subscribe([this](std::string_view payload) {
    if (payload == storage::kJobScheduledPayload) Wake();
  });
}

JobRunner::~JobRunner() {
  Stop();
  database_.Unsubscribe(feed_subscription_);
}

std::string JobRunner::MakeNodeName() {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(::getpid()) + ":" + RandomHex(4);
}

void JobRunner::Register(const std::string& kind, std::unique_ptr<JobHandler> handler) {
  handlers_[kind] = std::move(handler);
}

bool JobRunner::RunOne(const storage::ClaimedJob& job) {
  const auto handler = handlers_.find(job.kind);
  Status result = handler == handlers_.end()
                      ? Status(Error::Internal("no handler for job kind " + job.kind))
                      : Ok();
  if (result.ok()) {
    try {
      result = handler->second->PerformExternal(job);
    } catch (const std::exception& exception) {
      result = Error::Internal(std::string("exception in job: ") + exception.what());
    }
  }
  if (result.ok()) {
    result = database_.Write([&](storage::Connection& connection) -> Status {
      const TimestampMs now = clock_.NowMs();
      LT_TRY(handler->second->Apply(connection, job, now));
      return storage::JobStore(connection).Complete(job, now);
    });
    if (result.ok()) return true;
    if (result.error().key == "error.job_claim_lost") {
      spdlog::warn("job {} {} was taken over by another node; its effects here were undone",
                   job.kind, job.key);
      return false;
    }
  }
  const std::string message = result.error().key + " " + result.error().detail;
  spdlog::warn("job {} {} attempt {} failed: {}", job.kind, job.key, job.attempt, message);
  const Status recorded = database_.Write([&](storage::Connection& connection) -> Status {
    const TimestampMs now = clock_.NowMs();
    return storage::JobStore(connection)
        .Fail(job, message, now, now + RetryDelayMs(job.attempt, options_.max_retry_delay));
  });
  if (!recorded.ok()) {
    spdlog::warn("cannot record the failure of job {} {}: {}", job.kind, job.key,
                 recorded.error().detail);  // the lease runs out and it is retried
  }
  return false;
}

Result<int> JobRunner::RunDue() {
  int completed = 0;
  for (;;) {
    std::vector<storage::ClaimedJob> claimed;
    LT_TRY(database_.Write([&](storage::Connection& connection) -> Status {
      LT_TRY_ASSIGN(claimed, storage::JobStore(connection)
                                 .Claim(options_.node, clock_.NowMs(), options_.lease.count(),
                                        options_.batch));
      return Ok();
    }));
    for (const auto& job : claimed) {
      if (RunOne(job)) ++completed;
    }
    // Jobs the runs scheduled for now (the next batch of a walk) run in
    // this pass too.
    if (claimed.empty()) break;
  }
  for (const auto& source : sources_) {
    LT_TRY_ASSIGN(const int handled, source->RunDue(clock_.NowMs()));
    completed += handled;
  }
  return completed;
}

void JobRunner::AddSource(std::unique_ptr<DueWorkSource> source) {
  sources_.push_back(std::move(source));
}

void JobRunner::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_one();
}

void JobRunner::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void JobRunner::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void JobRunner::Loop() {
  for (;;) {
    auto ran = RunDue();
    if (!ran.ok()) spdlog::warn("job pass failed: {}", ran.error().detail);
    // At least a moment: a job another node is claiming right now shows as
    // available until that node commits.
    constexpr std::chrono::milliseconds kMinimumSleep{20};
    // Never beyond the wake horizon: jobs due later than it do not wake us.
    auto sleep =
        std::min(options_.poll_interval, std::chrono::milliseconds(storage::kJobWakeHorizonMs));
    std::optional<TimestampMs> next;
    const Status read = database_.Read([&](storage::Connection& connection) -> Status {
      LT_TRY_ASSIGN(next, storage::JobStore(connection).NextAvailableAt());
      return Ok();
    });
    for (const auto& source : sources_) {
      auto source_next = source->NextDueAt();
      if (source_next.ok() && *source_next)
        next = std::min(next.value_or(**source_next), **source_next);
    }
    if (read.ok() && next) {
      const auto until_next =
          std::chrono::milliseconds(std::max<std::int64_t>(0, *next - clock_.NowMs()));
      sleep = std::max(kMinimumSleep, std::min(sleep, until_next));
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, sleep, [&] { return stopping_ || woken_; });
    if (stopping_) return;
    woken_ = false;
  }
}

}  // namespace lt::jobs
