#pragma once

// Gathers calls that arrive together so that one thread serves them as a
// group (leader and followers). At most `max_leaders` groups are served at
// once; a call that arrives meanwhile waits, and the next group taken
// includes it, up to `max_group` calls. After each group the lead passes to
// the first call still waiting, so no caller serves others' calls for long.
// Used for group commits: one transaction, or one statement per table, for
// many small writes. Thread-safe.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

namespace lt {

template <class Item>
class GroupQueue {
 public:
  // Serves a group, the calling leader's item first. What it sets in the
  // items is visible to their callers when Join returns. Should it throw,
  // the others of the group are released as served and the exception goes
  // on to the leader's caller: items must start out as "not served".
  using Serve = std::function<void(const std::vector<Item*>& group)>;

  GroupQueue(std::size_t max_leaders, std::size_t max_group)
      : max_leaders_(max_leaders < 1 ? 1 : max_leaders),
        max_group_(max_group < 1 ? 1 : max_group) {}

  // Returns once `item` was served, by `serve` on this thread or in a group
  // another caller served.
  void Join(Item& item, const Serve& serve) {
    Waiter self{&item};
    std::vector<Waiter*> group{&self};
    {
      std::unique_lock lock(mutex_);
      if (leaders_ < max_leaders_) {
        ++leaders_;
      } else {
        waiting_.push_back(&self);
        self.changed.wait(lock, [&] { return self.lead || self.done; });
        if (self.done) return;
      }
      while (!waiting_.empty() && group.size() < max_group_) {
        group.push_back(waiting_.front());
        waiting_.pop_front();
      }
    }
    std::vector<Item*> items;
    items.reserve(group.size());
    for (Waiter* waiter : group) items.push_back(waiter->item);
    try {
      serve(items);
    } catch (...) {
      Finish(group);
      throw;
    }
    Finish(group);
  }

  // Calls waiting for a group to take them.
  std::size_t waiting() const {
    std::lock_guard lock(mutex_);
    return waiting_.size();
  }

 private:
  struct Waiter {
    Item* item;
    bool lead = false;  // guarded by mutex_: serve the next group
    bool done = false;  // guarded by mutex_: served in another's group
    std::condition_variable changed;
  };

  // Releases the group's other callers and passes the lead on.
  void Finish(const std::vector<Waiter*>& group) {
    std::lock_guard lock(mutex_);
    for (std::size_t index = 1; index < group.size(); ++index) {
      group[index]->done = true;
      group[index]->changed.notify_one();
    }
    if (waiting_.empty()) {
      --leaders_;
    } else {
      Waiter* next = waiting_.front();
      waiting_.pop_front();
      next->lead = true;
      next->changed.notify_one();
    }
  }

  const std::size_t max_leaders_;
  const std::size_t max_group_;
  mutable std::mutex mutex_;
  std::deque<Waiter*> waiting_;  // guarded by mutex_
  std::size_t leaders_ = 0;      // guarded by mutex_
};

}  // namespace lt
