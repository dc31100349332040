// libFuzzer target: the MIME intake. Any bytes as a raw e-mail message go
// through the reader Lingting stores mail with (GMime, charset repair, HTML
// sanitising, attachments, forwards) and the threading rules it applies to
// what was read. It must never crash, hang or leak, and what it hands on
// must be valid UTF-8.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/utf8.hpp"
#include "domain/mail_thread.hpp"
#include "mail/mime_reader.hpp"

namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  const lt::mail::ReadMail mail = lt::mail::ReadMailMessage(raw);
  Require(lt::IsValidUtf8(mail.subject));
  Require(lt::IsValidUtf8(mail.text));
  Require(lt::IsValidUtf8(mail.from.name));
  Require(lt::IsValidUtf8(mail.html));
  for (const auto& part : mail.parts) Require(lt::IsValidUtf8(part.filename));
  lt::domain::ClassifyMailOrigin(mail.origin);
  const std::string normalized = lt::domain::NormalizeMailSubject(mail.subject);
  Require(lt::IsValidUtf8(normalized));
  lt::domain::CaseNumberInSubject(mail.subject, "TS");
  const auto split = lt::domain::SplitQuotedHistory(mail.text);
  Require(split.fresh.size() <= mail.text.size());
  return 0;
}
