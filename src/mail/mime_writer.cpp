#include "mail/mime_writer.hpp"

#include <algorithm>
#include <string_view>

#include "mail/gmime_support.hpp"

namespace lt::mail {
namespace {

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

GMimeDataWrapper* WrapBytes(std::string_view bytes) {
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  return g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT);
}

// A text part in UTF-8: 7bit when it is ASCII, base64 otherwise (shorter
// than quoted-printable for Chinese).
GMimeObject* TextPart(const char* subtype, std::string_view text) {
  GMimeTextPart* part = g_mime_text_part_new_with_subtype(subtype);
  GPtr<GMimeDataWrapper> content(WrapBytes(text));
  g_mime_part_set_content(GMIME_PART(part), content.get());
  g_mime_text_part_set_charset(part, "utf-8");
  g_mime_part_set_content_encoding(GMIME_PART(part), IsAscii(text) ? GMIME_CONTENT_ENCODING_7BIT
                                                                   : GMIME_CONTENT_ENCODING_BASE64);
  return GMIME_OBJECT(part);
}

GMimeObject* FilePart(const domain::MailFile& file) {
  const std::string_view type = file.content_type;
  const std::size_t slash = type.find('/');
  const std::string major(slash == std::string_view::npos ? "application" : type.substr(0, slash));
  const std::string minor(slash == std::string_view::npos ? "octet-stream"
                                                          : type.substr(slash + 1));
  GMimePart* part = g_mime_part_new_with_type(major.c_str(), minor.c_str());
  GPtr<GMimeDataWrapper> content(WrapBytes(file.data));
  g_mime_part_set_content(part, content.get());
  g_mime_part_set_filename(part, file.filename.c_str());
  g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
  return GMIME_OBJECT(part);
}

void AddMailbox(GMimeMessage* message, GMimeAddressType type, const std::string& name,
                const std::string& address) {
  GPtr<InternetAddress> mailbox(internet_address_mailbox_new(name.c_str(), address.c_str()));
  internet_address_set_charset(mailbox.get(), "utf-8");
  internet_address_list_add(g_mime_message_get_addresses(message, type), mailbox.get());
}

std::string Bracketed(const std::string& id) { return "<" + id + ">"; }

}  // namespace

std::string WriteMailMessage(const domain::OutgoingMail& mail) {
  InitGMime();
  GPtr<GMimeMessage> message(g_mime_message_new(TRUE));
  GMimeObject* object = GMIME_OBJECT(message.get());
  AddMailbox(message.get(), GMIME_ADDRESS_TYPE_FROM, mail.from_name, mail.from_address);
  AddMailbox(message.get(), GMIME_ADDRESS_TYPE_TO, mail.to_name, mail.to_address);
  g_mime_message_set_subject(message.get(), mail.subject.c_str(), "utf-8");
  std::unique_ptr<GDateTime, decltype(&g_date_time_unref)> date(
      g_date_time_new_from_unix_utc(mail.date / 1000), &g_date_time_unref);
  g_mime_message_set_date(message.get(), date.get());
  g_mime_message_set_message_id(message.get(), mail.message_id.c_str());
  if (!mail.in_reply_to.empty()) {
    g_mime_object_set_header(object, "In-Reply-To", Bracketed(mail.in_reply_to).c_str(), nullptr);
  }
  if (!mail.references.empty()) {
    std::string references;
    for (const auto& id : mail.references) {
      if (!references.empty()) references += ' ';
      references += Bracketed(id);
    }
    g_mime_object_set_header(object, "References", references.c_str(), nullptr);
  }
  if (mail.automatic) g_mime_object_set_header(object, "Auto-Submitted", "auto-replied", nullptr);
  if (!mail.case_number.empty()) {
    g_mime_object_set_header(object, "X-Lingting-Case", mail.case_number.c_str(), nullptr);
  }

  GPtr<GMimeObject> body(TextPart("plain", mail.text));
  if (!mail.html.empty()) {
    GMimeMultipart* alternative = g_mime_multipart_new_with_subtype("alternative");
    g_mime_multipart_add(alternative, body.get());
    GPtr<GMimeObject> html(TextPart("html", mail.html));
    g_mime_multipart_add(alternative, html.get());
    body.reset(GMIME_OBJECT(alternative));
  }
  if (!mail.attachments.empty()) {
    GMimeMultipart* mixed = g_mime_multipart_new_with_subtype("mixed");
    g_mime_multipart_add(mixed, body.get());
    for (const auto& file : mail.attachments) {
      GPtr<GMimeObject> part(FilePart(file));
      g_mime_multipart_add(mixed, part.get());
    }
    body.reset(GMIME_OBJECT(mixed));
  }
  g_mime_message_set_mime_part(message.get(), body.get());

  std::unique_ptr<GMimeFormatOptions, decltype(&g_mime_format_options_free)> format(
      g_mime_format_options_new(), &g_mime_format_options_free);
  g_mime_format_options_set_newline_format(format.get(), GMIME_NEWLINE_FORMAT_DOS);
  GString_ written(g_mime_object_to_string(object, format.get()));
  return written ? std::string(written.get()) : std::string();
}

}  // namespace lt::mail
