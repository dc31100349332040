#pragma once

// Writes an outgoing message as RFC 5322 bytes with MIME, with GMime: UTF-8
// headers as RFC 2047 words, the text (and HTML alternative) in UTF-8,
// attachments in base64 with RFC 2231 file names, CRLF line ends as SMTP
// wants them, and the headers that thread a reply (Message-ID, In-Reply-To,
// References), name its case (X-Lingting-Case) and mark automatic messages
// (Auto-Submitted: auto-replied).

#include <string>

#include "domain/outbound_mail.hpp"

namespace lt::mail {

std::string WriteMailMessage(const domain::OutgoingMail& mail);

}  // namespace lt::mail
