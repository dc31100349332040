#pragma once

#include <map>
#include <mutex>
#include <optional>

#include "domain/entities.hpp"

namespace lt::jobs {

// What a handler's PerformExternal found, kept by job until its Apply
// (JobHandler: the two run apart, the second in the job's transaction).
// Thread-safe.
template <typename Found>
class JobResults {
 public:
  void Put(domain::Id job_id, Found found) {
    std::lock_guard lock(mutex_);
    found_[job_id] = std::move(found);
  }
  // The result kept for `job_id`, once: nullopt when none was kept.
  std::optional<Found> Take(domain::Id job_id) {
    std::lock_guard lock(mutex_);
    const auto kept = found_.find(job_id);
    if (kept == found_.end()) return std::nullopt;
    std::optional<Found> found(std::move(kept->second));
    found_.erase(kept);
    return found;
  }

 private:
  std::mutex mutex_;
  std::map<domain::Id, Found> found_;
};

}  // namespace lt::jobs
