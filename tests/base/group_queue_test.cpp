#include "base/group_queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <thread>
#include <vector>

namespace lt {
namespace {

TEST(GroupQueue, ServesEveryCallOnceInGroupsAndLeadersNoLargerThanAsked) {
  constexpr int kCalls = 64;
  GroupQueue<int> queue(2, 4);
  std::mutex mutex;
  std::vector<int> served;
  std::size_t largest = 0;
  std::atomic<int> leaders{0}, most_leaders{0};
  std::vector<int> items(kCalls);
  std::iota(items.begin(), items.end(), 0);
  std::vector<int> seen_by_caller(kCalls, -1);
  std::vector<std::thread> callers;
  for (int call = 0; call < kCalls; ++call) {
    callers.emplace_back([&, call] {
      queue.Join(items[call], [&](const std::vector<int*>& group) {
        const int now = ++leaders;
        int most = most_leaders;
        while (now > most && !most_leaders.compare_exchange_weak(most, now)) {
        }
        EXPECT_EQ(*group.front(), call);  // the leader's own call comes first
        {
          std::lock_guard lock(mutex);
          largest = std::max(largest, group.size());
          for (int* item : group) {
            served.push_back(*item);
            *item += 1000;  // what the caller sees once Join returns
          }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        --leaders;
      });
      seen_by_caller[call] = items[call];
    });
  }
  for (auto& caller : callers) caller.join();
  std::sort(served.begin(), served.end());
  std::vector<int> expected(kCalls);
  std::iota(expected.begin(), expected.end(), 0);
  EXPECT_EQ(served, expected);
  for (int call = 0; call < kCalls; ++call) EXPECT_EQ(seen_by_caller[call], call + 1000);
  EXPECT_LE(largest, 4u);
  EXPECT_GT(largest, 1u);  // calls that waited were served together
  EXPECT_LE(most_leaders.load(), 2);
  EXPECT_EQ(queue.waiting(), 0u);
}

TEST(GroupQueue, AServeThatThrowsReleasesItsGroupAndTheQueueGoesOn) {
  GroupQueue<int> queue(1, 4);
  int holder = 0, thrower = 1, follower = 2, later = 3;
  std::atomic<bool> holding{false};
  // The holder keeps the only lead until two more calls are queued, which
  // then make one group: the thrower's, with the follower in it.
  std::thread holder_thread([&] {
    queue.Join(holder, [&](const std::vector<int*>&) {
      holding = true;
      while (queue.waiting() < 2) std::this_thread::yield();
    });
  });
  while (!holding) std::this_thread::yield();
  bool thrown = false;
  std::thread thrower_thread([&] {
    try {
      queue.Join(thrower, [](const std::vector<int*>& group) {
        EXPECT_EQ(group.size(), 2u);
        throw std::runtime_error("serve failed");
      });
    } catch (const std::runtime_error&) {
      thrown = true;
    }
  });
  while (queue.waiting() < 1) std::this_thread::yield();
  std::thread follower_thread([&] {
    queue.Join(follower, [](const std::vector<int*>& group) {
      for (int* item : group) *item += 100;  // never runs: the thrower leads
    });
  });
  holder_thread.join();
  thrower_thread.join();
  follower_thread.join();  // released, not left waiting
  EXPECT_TRUE(thrown);
  EXPECT_EQ(follower, 2);  // not served: its caller must see "not served"
  queue.Join(later, [](const std::vector<int*>& group) {
    for (int* item : group) *item += 100;
  });
  EXPECT_EQ(later, 103);  // the queue still serves
  EXPECT_EQ(queue.waiting(), 0u);
}

}  // namespace
}  // namespace lt
