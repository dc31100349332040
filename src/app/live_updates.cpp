#include "app/live_updates.hpp"

#include <algorithm>
#include <vector>

#include "storage/change_feed.hpp"
#include "storage/database.hpp"

namespace lt::app {

LiveUpdates::LiveUpdates(storage::Database& database, std::chrono::milliseconds heartbeat_interval)
    : database_(database), heartbeat_interval_(heartbeat_interval) {
  feed_subscription_ = database.Subscribe([this](std::string_view payload) { Deliver(payload); });
  heartbeat_thread_ = std::thread([this] { HeartbeatLoop(); });
}

LiveUpdates::~LiveUpdates() {
  database_.Unsubscribe(feed_subscription_);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_requested_.notify_all();
  heartbeat_thread_.join();
}

std::uint64_t LiveUpdates::Subscribe(const domain::Principal& principal, Listener listener,
                                     CallListener on_call, NoticeListener on_notice) {
  std::lock_guard lock(mutex_);
  const std::uint64_t id = next_id_++;
  subscribers_.emplace(
      id, std::make_shared<Subscriber>(Subscriber{principal, std::move(listener),
                                                  std::move(on_call), std::move(on_notice)}));
  return id;
}

void LiveUpdates::Unsubscribe(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  subscribers_.erase(id);
}

std::size_t LiveUpdates::subscribers() const {
  std::lock_guard lock(mutex_);
  return subscribers_.size();
}

void LiveUpdates::ForEach(const std::function<bool(const Subscriber&)>& call) {
  std::vector<std::pair<std::uint64_t, std::shared_ptr<Subscriber>>> snapshot;
  {
    std::lock_guard lock(mutex_);
    snapshot.assign(subscribers_.begin(), subscribers_.end());
  }
  std::vector<std::uint64_t> gone;
  for (const auto& [id, subscriber] : snapshot) {
    if (!call(*subscriber)) gone.push_back(id);
  }
  if (gone.empty()) return;
  std::lock_guard lock(mutex_);
  for (const std::uint64_t id : gone) subscribers_.erase(id);
}

void LiveUpdates::Deliver(std::string_view payload) {
  // A node nobody watches (a command such as ingest-mail) hears of every
  // change all nodes make: it does not read them.
  if (subscribers() == 0) return;
  if (const auto notice = storage::ParseCallNotice(payload)) {
    ForEach([&](const Subscriber& subscriber) {
      return !subscriber.on_call || !MayHearOfCall(subscriber.principal, *notice) ||
             subscriber.on_call(*notice);
    });
    return;
  }
  if (const auto users = storage::ParseUserNotice(payload)) {
    ForEach([&](const Subscriber& subscriber) {
      const auto& user = subscriber.principal.user_id;
      return !subscriber.on_notice || !user ||
             std::find(users->begin(), users->end(), *user) == users->end() ||
             subscriber.on_notice();
    });
    return;
  }
  const auto change = storage::ParseCaseChange(payload);
  if (!change) return;
  ForEach([&](const Subscriber& subscriber) {
    return !MayHearOf(subscriber.principal, *change) || subscriber.listener(change);
  });
}

void LiveUpdates::HeartbeatLoop() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (stop_requested_.wait_for(lock, heartbeat_interval_, [&] { return stopping_; })) return;
    }
    ForEach([](const Subscriber& subscriber) { return subscriber.listener(std::nullopt); });
  }
}

bool MayHearOfCall(const domain::Principal& principal, const domain::CallNotice& notice) {
  if (!domain::IsStaff(principal)) return false;
  return !notice.agent_user_id || notice.agent_user_id == principal.user_id;
}

bool MayHearOf(const domain::Principal& principal, const domain::CaseChange& change) {
  if (change.internal && !domain::IsStaff(principal)) {
    return false;
  }
  domain::Case scope;
  scope.id = change.case_id;
  scope.department_id = change.department_id;
  scope.responsible_department_id = change.responsible_department_id;
  scope.origin_class = change.origin_class;
  scope.created_by = change.created_by;
  scope.customer_id = change.customer_id;
  return domain::CanSeeCase(principal, scope);
}

domain::CaseChange ChangeOf(const domain::Case& a_case, std::string action,
                            std::optional<domain::Id> actor_user_id, TimestampMs at,
                            bool internal) {
  domain::CaseChange change;
  change.case_id = a_case.id;
  change.number = a_case.number;
  change.action = std::move(action);
  change.version = a_case.version;
  change.at = at;
  change.actor_user_id = actor_user_id;
  change.internal = internal;
  change.department_id = a_case.department_id;
  change.responsible_department_id = a_case.responsible_department_id;
  change.origin_class = a_case.origin_class;
  change.created_by = a_case.created_by;
  change.customer_id = a_case.customer_id;
  return change;
}

}  // namespace lt::app
