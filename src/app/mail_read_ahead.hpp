#pragma once

// Reading a batch of e-mail ahead of storing it (issue 16): the messages of a
// directory, an mbox or an IMAP fetch are parsed by several workers (MIME
// parsing is most of a message's cost) while the caller stores them one
// after another, in order, so that threading sees them as they came.

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/mail_intake.hpp"
#include "base/result.hpp"

namespace lt::app {

class MailReadAhead {
 public:
  // `load(i)` gives message i's bytes (called on a worker, once, in no
  // particular order); an empty message is refused as "message" required.
  using Load = std::function<Result<std::string>(std::size_t index)>;

  MailReadAhead(const MailReader& reader, std::size_t count, Load load);
  ~MailReadAhead();
  MailReadAhead(const MailReadAhead&) = delete;
  MailReadAhead& operator=(const MailReadAhead&) = delete;

  // Message `index` read (or why it could not be loaded); call with 0, 1, 2, ...
  Result<IncomingMail> Take(std::size_t index);

  // Messages parsed ahead of the one taken, at most.
  static constexpr std::size_t kReadAhead = 256;

 private:
  void Work();

  const MailReader& reader_;
  const std::size_t count_;
  const Load load_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::optional<Result<IncomingMail>>> slots_;  // guarded by mutex_
  std::size_t next_ = 0;                                    // guarded by mutex_
  std::size_t taken_ = 0;                                   // guarded by mutex_
  bool stopping_ = false;                                   // guarded by mutex_
  std::vector<std::thread> workers_;
};

}  // namespace lt::app
