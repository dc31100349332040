#include "app/mail_read_ahead.hpp"

#include <algorithm>

namespace lt::app {

MailReadAhead::MailReadAhead(const MailReader& reader, std::size_t count, Load load)
    : reader_(reader), count_(count), load_(std::move(load)), slots_(count) {
  const std::size_t workers =
      std::min<std::size_t>({4, std::max(1u, std::thread::hardware_concurrency()), count});
  for (std::size_t i = 0; i < workers; ++i) workers_.emplace_back([this] { Work(); });
}

MailReadAhead::~MailReadAhead() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  for (auto& worker : workers_) worker.join();
}

Result<IncomingMail> MailReadAhead::Take(std::size_t index) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return slots_[index].has_value(); });
  Result<IncomingMail> taken = std::move(*slots_[index]);
  slots_[index].reset();
  taken_ = index + 1;
  lock.unlock();
  changed_.notify_all();
  return taken;
}

void MailReadAhead::Work() {
  while (true) {
    std::size_t index = 0;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock,
                    [&] { return stopping_ || next_ >= count_ || next_ < taken_ + kReadAhead; });
      if (stopping_ || next_ >= count_) return;
      index = next_++;
    }
    Result<IncomingMail> read = [&]() -> Result<IncomingMail> {
      LT_TRY_ASSIGN(std::string bytes, load_(index));
      if (bytes.empty()) return Error::Invalid("message", "validation.required");
      return reader_.Read(std::move(bytes));
    }();
    {
      std::lock_guard lock(mutex_);
      slots_[index].emplace(std::move(read));
    }
    changed_.notify_all();
  }
}

}  // namespace lt::app
