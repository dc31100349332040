#include "storage/database.hpp"

#include <vector>

namespace lt::storage {

Status RunGuarded(const Database::Work& work, Connection& connection) {
  try {
    return work(connection);
  } catch (const std::exception& exception) {
    return Error::Internal(std::string("exception in store work: ") + exception.what());
  }
}

std::uint64_t ListenerSet::Add(Database::Listener listener) {
  std::lock_guard lock(mutex_);
  const std::uint64_t id = next_id_++;
  listeners_.emplace(id, std::move(listener));
  return id;
}

void ListenerSet::Remove(std::uint64_t id) {
  std::lock_guard delivery(delivery_mutex_);
  std::lock_guard lock(mutex_);
  listeners_.erase(id);
}

void ListenerSet::Deliver(std::string_view payload) {
  std::lock_guard delivery(delivery_mutex_);
  std::vector<Database::Listener> listeners;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, listener] : listeners_) listeners.push_back(listener);
  }
  for (const auto& listener : listeners) listener(payload);
}

}  // namespace lt::storage
