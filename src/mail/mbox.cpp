#include "mail/mbox.hpp"

namespace lt::mail {
namespace {

// Whether `line` (without its end) is an escaped "From " line: ">From ",
// ">>From ", ...
bool IsQuotedFrom(std::string_view line) {
  const auto quotes = line.find_first_not_of('>');
  return quotes != std::string_view::npos && quotes > 0 && line.substr(quotes).starts_with("From ");
}

}  // namespace

std::vector<std::string> SplitMbox(std::string_view mbox) {
  std::vector<std::string> messages;
  bool in_message = false;
  std::size_t position = 0;
  while (position < mbox.size()) {
    const auto end = mbox.find('\n', position);
    const std::size_t next = end == std::string_view::npos ? mbox.size() : end + 1;
    const std::string_view line = mbox.substr(position, next - position);
    std::string_view bare = line;
    while (!bare.empty() && (bare.back() == '\n' || bare.back() == '\r')) bare.remove_suffix(1);
    if (bare.starts_with("From ")) {
      messages.emplace_back();
      in_message = true;
    } else if (in_message) {
      if (IsQuotedFrom(bare)) {
        messages.back().append(line.substr(1));
      } else {
        messages.back().append(line);
      }
    }
    position = next;
  }
  // The blank line that separates a message from the next "From " line is
  // the mbox's, not the message's.
  for (auto& message : messages) {
    if (message.ends_with("\r\n\r\n")) {
      message.resize(message.size() - 2);
    } else if (message.ends_with("\n\n")) {
      message.pop_back();
    }
  }
  return messages;
}

}  // namespace lt::mail
