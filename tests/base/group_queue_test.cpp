#include "base/group_queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <numeric>
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

}  // namespace
}  // namespace lt
