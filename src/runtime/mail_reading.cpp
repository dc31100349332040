#include "runtime/mail_reading.hpp"

#include "mail/mime_reader.hpp"

namespace lt::runtime {

app::IncomingMail MimeMailReader::Read(std::string raw) const {
  const mail::ReadMail read = mail::ReadMailMessage(raw);
  app::IncomingMail incoming;
  incoming.raw = std::move(raw);
  incoming.readable = read.readable;
  incoming.message_id = read.message_id;
  incoming.in_reply_to = read.in_reply_to;
  incoming.references = read.references;
  incoming.from_name = read.from.name;
  incoming.from_address = read.from.address;
  incoming.subject = read.subject;
  incoming.date = read.date;
  incoming.text = read.text;
  for (const auto& part : read.parts) {
    incoming.attachments.push_back({part.filename, part.content_type, part.data});
  }
  incoming.origin = domain::ClassifyMailOrigin(read.origin);
  incoming.notes = read.notes;
  return incoming;
}

}  // namespace lt::runtime
