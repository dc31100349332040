#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "app/store_access.hpp"
#include "domain/access.hpp"
#include "domain/call.hpp"
#include "domain/entities.hpp"

namespace lt::app {

// Fans case changes out to the live-update clients connected to this node,
// each told only of cases it may see. Changes arrive from the store's change
// feed, so a client hears of changes made through any node. Thread-safe.
class LiveUpdates {
 public:
  // Called with a change, or with nullopt as a heartbeat (every
  // `heartbeat_interval`, so that the transport notices a client that went
  // away). Returning false ends the subscription.
  using Listener = std::function<bool(const std::optional<domain::CaseChange>&)>;
  // Called with a call's notice for this client (MayHearOfCall).
  using CallListener = std::function<bool(const domain::CallNotice&)>;
  // Called when the client's user has a new notification.
  using NoticeListener = std::function<bool()>;

  // Listens to `database`'s change feed.
  LiveUpdates(storage::Database& database, std::chrono::milliseconds heartbeat_interval);
  ~LiveUpdates();
  LiveUpdates(const LiveUpdates&) = delete;
  LiveUpdates& operator=(const LiveUpdates&) = delete;

  // Adds a client seeing what `principal` may see; returns its id.
  std::uint64_t Subscribe(const domain::Principal& principal, Listener listener,
                          CallListener on_call = {}, NoticeListener on_notice = {});
  void Unsubscribe(std::uint64_t id);
  std::size_t subscribers() const;

  // Delivers one change-feed payload (the store calls this).
  void Deliver(std::string_view payload);

 private:
  struct Subscriber {
    domain::Principal principal;
    Listener listener;
    CallListener on_call;
    NoticeListener on_notice;
  };
  void HeartbeatLoop();
  // Calls `call` for each subscriber outside the lock; drops those it returns false for.
  void ForEach(const std::function<bool(const Subscriber&)>& call);

  storage::Database& database_;
  std::uint64_t feed_subscription_ = 0;
  std::chrono::milliseconds heartbeat_interval_;
  mutable std::mutex mutex_;
  std::map<std::uint64_t, std::shared_ptr<Subscriber>> subscribers_;  // guarded by mutex_
  std::uint64_t next_id_ = 1;                                         // guarded by mutex_
  bool stopping_ = false;                                             // guarded by mutex_
  std::condition_variable stop_requested_;
  std::thread heartbeat_thread_;
};

// Whether `principal` may hear of `change` (CanSeeCase, and internal notes
// for staff only).
bool MayHearOf(const domain::Principal& principal, const domain::CaseChange& change);

// Whether `principal` is told of a call: staff, and the agent it rings for
// (every agent when it rings for nobody in particular).
bool MayHearOfCall(const domain::Principal& principal, const domain::CallNotice& notice);

// The change notice for `a_case` after `action`.
domain::CaseChange ChangeOf(const domain::Case& a_case, std::string action,
                            std::optional<domain::Id> actor_user_id, TimestampMs at,
                            bool internal = false);

}  // namespace lt::app
