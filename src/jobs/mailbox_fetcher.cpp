#include "jobs/mailbox_fetcher.hpp"

#include <spdlog/spdlog.h>

#include "app/mailboxes.hpp"

namespace lt::jobs {

MailboxFetcher::MailboxFetcher(app::AppContext& context, MailboxFetcherOptions options)
    : context_(context), options_(std::move(options)) {}

MailboxFetcher::~MailboxFetcher() { Stop(); }

void MailboxFetcher::Start() {
  std::lock_guard lock(mutex_);
  if (supervisor_.joinable()) return;
  stopping_ = false;
  supervisor_ = std::thread([this] { Supervise(); });
}

void MailboxFetcher::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (supervisor_.joinable()) supervisor_.join();
  std::map<domain::Id, std::thread> workers;
  {
    std::lock_guard lock(mutex_);
    workers.swap(workers_);
  }
  for (auto& [id, worker] : workers) worker.join();
}

bool MailboxFetcher::Stopping() {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void MailboxFetcher::Rest(std::chrono::milliseconds time) {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, time, [this] { return stopping_; });
}

void MailboxFetcher::Supervise() {
  while (!Stopping()) {
    // Ended workers are joined; their mailboxes may be taken again.
    std::set<domain::Id> finished;
    {
      std::lock_guard lock(mutex_);
      finished.swap(finished_);
    }
    for (const domain::Id id : finished) {
      std::thread worker;
      {
        std::lock_guard lock(mutex_);
        worker = std::move(workers_[id]);
        workers_.erase(id);
      }
      if (worker.joinable()) worker.join();
    }
    auto mailboxes = app::ActiveMailboxes(context_);
    if (!mailboxes.ok()) spdlog::warn("mailboxes: {}", mailboxes.error().detail);
    for (const auto& mailbox : mailboxes.ok() ? *mailboxes : std::vector<domain::Mailbox>{}) {
      {
        std::lock_guard lock(mutex_);
        if (stopping_ || workers_.contains(mailbox.id)) continue;
      }
      auto claimed = app::ClaimMailbox(context_, mailbox.id, options_.node, options_.lease.count());
      if (!claimed.ok() || !*claimed) continue;
      spdlog::info("mailbox {}: fetched by this node", mailbox.name);
      std::lock_guard lock(mutex_);
      workers_[mailbox.id] = std::thread([this, id = mailbox.id] { Work(id); });
    }
    Rest(options_.poll_interval);
  }
}

void MailboxFetcher::Work(domain::Id id) {
  std::unique_ptr<domain::MailboxSession> session;
  TimestampMs connected_to = 0;  // the settings' updated_at the session was opened with
  const auto renew_every = options_.lease / 3;
  while (!Stopping()) {
    // The mailbox as it stands now: its place, and whether it is still ours.
    auto claimed = app::ClaimMailbox(context_, id, options_.node, options_.lease.count());
    if (!claimed.ok() || !*claimed) break;
    auto current = app::ActiveMailbox(context_, id);
    if (!current.ok()) {
      Rest(options_.rest);
      continue;
    }
    if (!*current) break;  // switched off or deleted
    const domain::Mailbox& mailbox = **current;
    if (session && connected_to != mailbox.updated_at) session.reset();
    if (!session) {
      auto opened = context_.mailbox_connector
                        ? context_.mailbox_connector->Connect(mailbox.server)
                        : Result<std::unique_ptr<domain::MailboxSession>>(
                              Error::Of(ErrorCode::kUnavailable, "error.mailbox_unreachable"));
      if (!opened.ok()) {
        spdlog::warn("mailbox {}: {}", mailbox.name, opened.error().detail);
        std::ignore = app::RecordMailboxError(context_, id, opened.error().detail);
        Rest(std::min(options_.rest, renew_every));
        continue;
      }
      session = std::move(*opened);
      connected_to = mailbox.updated_at;
    }
    auto stored = app::FetchNewMail(context_, mailbox, *session, options_.node);
    if (!stored.ok()) {
      if (stored.error().key == "error.mailbox_lease_lost") break;
      spdlog::warn("mailbox {}: {}", mailbox.name, stored.error().detail);
      session.reset();  // connected afresh next time
      Rest(std::min(options_.rest, renew_every));
      continue;
    }
    if (*stored > 0) spdlog::info("mailbox {}: {} new messages stored", mailbox.name, *stored);
    if (session->CanIdle()) {
      auto idled = session->Idle(renew_every, [this] { return Stopping(); });
      if (!idled.ok()) session.reset();
    } else {
      Rest(std::min(options_.rest, renew_every));
    }
  }
  std::ignore = app::ReleaseMailbox(context_, id, options_.node);
  std::lock_guard lock(mutex_);
  finished_.insert(id);
}

}  // namespace lt::jobs
