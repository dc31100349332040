#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "app/app_context.hpp"
#include "domain/entities.hpp"

namespace lt::jobs {

struct MailboxFetcherOptions {
  std::string node;                               // as the job runner names this process
  std::chrono::milliseconds lease{60000};         // a silent node loses its mailboxes after this
  std::chrono::milliseconds poll_interval{1000};  // how often new mailboxes are looked for
  // Without IDLE (or after a failure), how long a mailbox rests between
  // looks; with IDLE, the server wakes it at once.
  std::chrono::milliseconds rest{30000};
};

// Fetches every active mailbox (app/mailboxes.hpp) on the nodes that run
// jobs: a supervisor looks for mailboxes no node holds and takes their
// leases; each mailbox held gets a worker thread that stays connected,
// stores what is new, then waits in IMAP IDLE (where the server has it) for
// the next message, renewing the lease as it goes. A worker lets its mailbox
// go when it loses the lease, when the mailbox is switched off or deleted, or
// when the fetcher stops; a mailbox whose settings change is reconnected.
class MailboxFetcher {
 public:
  MailboxFetcher(app::AppContext& context, MailboxFetcherOptions options);
  ~MailboxFetcher();
  MailboxFetcher(const MailboxFetcher&) = delete;
  MailboxFetcher& operator=(const MailboxFetcher&) = delete;

  void Start();
  void Stop();

 private:
  void Supervise();
  void Work(domain::Id id);
  bool Stopping();
  // Sleeps up to `time`, or until Stop().
  void Rest(std::chrono::milliseconds time);

  app::AppContext& context_;
  MailboxFetcherOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;                      // guarded by mutex_
  std::map<domain::Id, std::thread> workers_;  // guarded by mutex_
  std::set<domain::Id> finished_;              // workers that ended; guarded by mutex_
  std::thread supervisor_;
};

}  // namespace lt::jobs
