#pragma once

// The MIME adapter behind the intake's app::MailReader: what mail/ reads out
// of a raw message, as app::IngestMail takes it.

#include "app/mail_intake.hpp"

namespace lt::runtime {

class MimeMailReader final : public app::MailReader {
 public:
  app::IncomingMail Read(std::string raw) const override;
};

}  // namespace lt::runtime
