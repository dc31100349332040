#pragma once

#include <string>

namespace lt::domain {

// How one attempt to hand an outbox message to its channel (an SMTP server,
// an SMS gateway, a chat API) ended.
struct SendOutcome {
  enum class Kind {
    kSent,       // the server accepted it
    kTemporary,  // try again later: no connection, 4xx from SMTP, 5xx or 429 from HTTP
    kPermanent,  // refused for good (5xx from SMTP, other 4xx from HTTP)
  };
  Kind kind = Kind::kSent;
  std::string answer;  // the server's last reply, or what went wrong ("connect: refused")
};

}  // namespace lt::domain
