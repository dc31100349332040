#include "mail/mime_reader.hpp"

#include <gmime/gmime.h>
#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>

#include "base/ascii.hpp"
#include "base/utf8.hpp"
#include "mail/gmime_support.hpp"
#include "mail/html_sanitizer.hpp"

namespace lt::mail {
namespace {

std::string OrEmpty(const char* text) { return text ? text : ""; }

// The charset to read a label as: the supersets mail clients really write
// under the common labels, otherwise GMime's iconv name for it.
std::string IconvName(const std::string& label) {
  const std::string name = AsciiLower(label);
  if (name == "gb2312" || name == "gbk" || name == "x-gbk" || name == "euc-cn" || name == "cp936" ||
      name == "gb_2312-80" || name == "chinese") {
    return "GB18030";
  }
  if (name == "ks_c_5601-1987" || name == "euc-kr" || name == "ks_c_5601") return "CP949";
  if (name == "shift_jis" || name == "x-sjis" || name == "shift-jis" || name == "sjis") {
    return "CP932";
  }
  if (name == "big5" || name == "x-big5") return "BIG5-HKSCS";
  if (name == "us-ascii" || name == "ascii" || name.empty()) return "UTF-8";
  return g_mime_charset_iconv_name(label.c_str());
}

// Converters to UTF-8 by charset, opened once a thread: opening one looks
// its charset's module up (a dlopen) every time, which cost a mail intake
// more than the conversions. A few dozen charsets at most are kept, so that
// mail naming made-up ones cannot grow this without end.
class Utf8Converters {
 public:
  Utf8Converters() = default;
  Utf8Converters(const Utf8Converters&) = delete;
  Utf8Converters& operator=(const Utf8Converters&) = delete;
  ~Utf8Converters() {
    for (const auto& [charset, cd] : open_) {
      if (cd != kNone) iconv_close(cd);
    }
  }

  // `bytes` in `charset` as UTF-8, or nullopt when they do not fit it (or
  // iconv does not know it).
  std::optional<std::string> Convert(std::string_view bytes, const std::string& charset) {
    auto found = open_.find(charset);
    const bool kept = found != open_.end() || open_.size() < kKept;
    const iconv_t cd = found != open_.end() ? found->second : iconv_open("UTF-8", charset.c_str());
    if (found == open_.end() && kept) open_.emplace(charset, cd);
    if (cd == kNone) return std::nullopt;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // the initial state, whatever came before
    std::string out;
    out.resize(bytes.size() * 4 + 16);
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    char* to = out.data();
    std::size_t to_left = out.size();
    const std::size_t done = iconv(cd, &in, &in_left, &to, &to_left);
    const bool ok = done != static_cast<std::size_t>(-1) &&
                    iconv(cd, nullptr, nullptr, &to, &to_left) != static_cast<std::size_t>(-1);
    if (!kept) iconv_close(cd);
    if (!ok) return std::nullopt;
    out.resize(out.size() - to_left);
    return out;
  }

 private:
  static constexpr std::size_t kKept = 32;
  inline static const iconv_t kNone = reinterpret_cast<iconv_t>(-1);
  std::map<std::string, iconv_t> open_;
};

// `bytes` in `charset` as UTF-8, or nullopt when they do not fit it (or
// iconv does not know it).
std::optional<std::string> Convert(std::string_view bytes, const std::string& charset) {
  if (charset == "UTF-8") {
    if (IsValidUtf8(bytes)) return std::string(bytes);
    return std::nullopt;
  }
  thread_local Utf8Converters converters;
  return converters.Convert(bytes, charset);
}

// Text a header gave that is still not UTF-8 (a file name in a charset
// whose bytes do not fit it): read as Windows-1252, or with the bytes that
// fit nothing replaced by U+FFFD.
std::string Utf8Text(std::string text) {
  if (IsValidUtf8(text)) return text;
  if (auto latin = Convert(text, "CP1252")) return *latin;
  std::string out;
  for (const char c : text)
    out += static_cast<unsigned char>(c) < 0x80 ? std::string(1, c) : "\xEF\xBF\xBD";
  return out;
}

// LF line ends, without the blank lines a body ends with.
std::string NormaliseLineEnds(std::string text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// The decoded bytes of a leaf part (transfer encoding undone).
std::string PartBytes(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (!content) return {};
  GPtr<GMimeStream> memory(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, memory.get());
  GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(memory.get()));
  return std::string(reinterpret_cast<const char*>(array->data), array->len);
}

// A text part as UTF-8: its charset as labelled (a superset for the common
// labels); when the bytes do not fit the label, UTF-8 or GB18030 if either
// fits; GMime's own lenient reading otherwise.
std::string PartText(GMimeTextPart* part, ReadMail& mail) {
  const std::string bytes = PartBytes(GMIME_PART(part));
  const std::string label = OrEmpty(g_mime_text_part_get_charset(part));
  const std::string declared = IconvName(label);
  if (auto text = Convert(bytes, declared)) return NormaliseLineEnds(std::move(*text));
  // What the bytes may really be: UTF-8 first, then the family of the label
  // (Chinese mail without a label, or labelled in the GB family, is GB18030;
  // western mail mislabelled as ASCII or Latin-1 is most often Windows-1252).
  const bool chinese = label.empty() || declared == "GB18030" || declared == "BIG5-HKSCS";
  for (const char* guess : {"UTF-8", chinese ? "GB18030" : "CP1252"}) {
    if (auto text = Convert(bytes, guess)) {
      mail.notes.push_back("body charset " + (label.empty() ? std::string("(none)") : label) +
                           " did not fit; read as " + AsciiLower(guess));
      return NormaliseLineEnds(std::move(*text));
    }
  }
  mail.notes.push_back("body charset " + label + " did not fit; unreadable bytes replaced");
  GString_ lenient(g_mime_text_part_get_text(part));
  std::string text = OrEmpty(lenient.get());
  return NormaliseLineEnds(IsValidUtf8(text) ? text : std::string());
}

std::string MimeType(GMimeObject* object) {
  GMimeContentType* type = g_mime_object_get_content_type(object);
  if (!type) return "text/plain";
  GString_ name(g_mime_content_type_get_mime_type(type));
  return AsciiLower(OrEmpty(name.get()));
}

bool IsAttachment(GMimeObject* object) {
  GMimeContentDisposition* disposition = g_mime_object_get_content_disposition(object);
  return disposition && g_mime_content_disposition_is_attachment(disposition);
}

std::vector<MailAddress> Addresses(InternetAddressList* list) {
  std::vector<MailAddress> addresses;
  if (!list) return addresses;
  const int count = internet_address_list_length(list);
  for (int i = 0; i < count; ++i) {
    InternetAddress* address = internet_address_list_get_address(list, i);
    if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
      addresses.push_back(
          {Utf8Text(OrEmpty(internet_address_get_name(address))),
           OrEmpty(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address)))});
    } else if (INTERNET_ADDRESS_IS_GROUP(address)) {
      auto members = Addresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)));
      addresses.insert(addresses.end(), members.begin(), members.end());
    }
  }
  return addresses;
}

std::vector<std::string> MessageIds(GMimeObject* message, const char* header) {
  std::vector<std::string> ids;
  const char* value = g_mime_object_get_header(message, header);
  if (!value) return ids;
  GMimeReferences* references = g_mime_references_parse(nullptr, value);
  if (!references) return ids;
  const int count = g_mime_references_length(references);
  for (int i = 0; i < count; ++i) {
    ids.push_back(OrEmpty(g_mime_references_get_message_id(references, i)));
  }
  g_mime_references_free(references);
  return ids;
}

std::string Header(GMimeObject* object, const char* name) {
  return OrEmpty(g_mime_object_get_header(object, name));
}

// An RFC 2047 encoded word at `at` ("=?charset?B?...?="): its length, or 0.
std::size_t EncodedWordLength(std::string_view text, std::size_t at) {
  if (text.substr(at, 2) != "=?") return 0;
  const auto charset_end = text.find('?', at + 2);
  if (charset_end == std::string_view::npos || charset_end + 2 >= text.size() ||
      text[charset_end + 2] != '?') {
    return 0;
  }
  const char encoding =
      static_cast<char>(std::toupper(static_cast<unsigned char>(text[charset_end + 1])));
  if (encoding != 'B' && encoding != 'Q') return 0;
  const auto end = text.find("?=", charset_end + 3);
  if (end == std::string_view::npos) return 0;
  for (std::size_t i = at; i < end; ++i) {
    if (text[i] == ' ' || text[i] == '\t') return 0;
  }
  return end + 2 - at;
}

// A header's text decoded by GMime, one run of adjacent encoded words at a
// time. GMime joins the payloads of adjacent words before decoding them (so
// that a character split across two words survives), which loses what
// follows a base64 word that ends in padding ("…+8mg==?= =?UTF-8?B?5Zue…",
// as Thunderbird folds QQMail's "回复：" chains): a padded word is complete
// and is decoded on its own.
std::string DecodeHeaderText(std::string_view unfolded) {
  std::string out;
  std::string run;  // encoded words, or plain text, to decode together
  bool run_is_words = false;
  auto flush = [&] {
    if (run.empty()) return;
    // Plain text goes through GMime too: 8-bit bytes in a header are read
    // with its fallback charsets (UTF-8, then Latin-1), never passed on raw.
    GString_ decoded(g_mime_utils_header_decode_text(nullptr, run.c_str()));
    out += OrEmpty(decoded.get());
    run.clear();
  };
  std::size_t i = 0;
  std::string pending_space;
  bool after_word = false;  // the last thing read was an encoded word
  while (i < unfolded.size()) {
    if (const std::size_t length = EncodedWordLength(unfolded, i)) {
      const std::string_view word = unfolded.substr(i, length);
      if (!run_is_words) flush();
      // White space between encoded words is dropped; before one, kept.
      if (!after_word) out += pending_space;
      pending_space.clear();
      if (!run.empty()) run += ' ';
      run += word;
      run_is_words = true;
      i += length;
      after_word = true;
      const bool padded = word.size() > 3 && word[word.size() - 3] == '=';
      if (padded) flush();
      continue;
    }
    if (unfolded[i] == ' ' || unfolded[i] == '\t') {
      pending_space += unfolded[i++];
      continue;
    }
    if (run_is_words) flush();
    run_is_words = false;
    run += pending_space;
    pending_space.clear();
    after_word = false;
    run += unfolded[i++];
  }
  if (!after_word) run += pending_space;
  flush();
  return out;
}

// The first of a header given more than once (GMime's accessors keep the
// last; mail clients and Python's email package show the first).
std::string FirstHeader(GMimeObject* object, const char* name) {
  GMimeHeaderList* headers = g_mime_object_get_header_list(object);
  const int count = g_mime_header_list_get_count(headers);
  for (int i = 0; i < count; ++i) {
    GMimeHeader* header = g_mime_header_list_get_header_at(headers, i);
    if (g_ascii_strcasecmp(g_mime_header_get_name(header), name) != 0) continue;
    GString_ unfolded(g_mime_utils_header_unfold(g_mime_header_get_raw_value(header)));
    std::string text = DecodeHeaderText(OrEmpty(unfolded.get()));
    const auto start = text.find_first_not_of(" \t");
    return start == std::string::npos ? std::string() : text.substr(start);
  }
  return {};
}

struct Walk {
  ReadMail& mail;
  bool have_text = false;
  bool have_html = false;
};

void VisitPart(GMimeObject* /*parent*/, GMimeObject* object, gpointer data) {
  Walk& walk = *static_cast<Walk*>(data);
  ReadMail& mail = walk.mail;
  if (GMIME_IS_MESSAGE_PART(object)) {  // a forwarded message, kept whole
    GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
    if (!inner) return;
    GString_ bytes(g_mime_object_to_string(GMIME_OBJECT(inner), nullptr));
    std::string name = Utf8Text(OrEmpty(g_mime_message_get_subject(inner)));
    mail.parts.push_back({(name.empty() ? std::string("message") : name) + ".eml", "message/rfc822",
                          "", false, OrEmpty(bytes.get())});
    return;
  }
  if (!GMIME_IS_PART(object)) return;  // multiparts: their children are visited
  GMimePart* part = GMIME_PART(object);
  const std::string type = MimeType(object);
  const bool attachment = IsAttachment(object) || g_mime_part_get_filename(part) != nullptr;
  if (!attachment && GMIME_IS_TEXT_PART(object)) {
    if (type == "text/plain" && !walk.have_text) {
      mail.text = PartText(GMIME_TEXT_PART(object), mail);
      walk.have_text = true;
      return;
    }
    if (type == "text/html" && !walk.have_html) {
      mail.html = PartText(GMIME_TEXT_PART(object), mail);
      walk.have_html = true;
      return;
    }
  }
  MailPart kept;
  kept.filename = Utf8Text(OrEmpty(g_mime_part_get_filename(part)));
  kept.content_type = type;
  kept.content_id = OrEmpty(g_mime_part_get_content_id(part));
  kept.inline_part = !IsAttachment(object);
  kept.data = PartBytes(part);
  mail.parts.push_back(std::move(kept));
}

}  // namespace

ReadMail ReadMailMessage(std::string_view raw) {
  InitGMime();
  ReadMail mail;
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!message) {  // GMime found no header at all: not a message
    mail.readable = false;
    return mail;
  }
  GMimeObject* object = GMIME_OBJECT(message.get());
  mail.message_id = OrEmpty(g_mime_message_get_message_id(message.get()));
  mail.in_reply_to = MessageIds(object, "In-Reply-To");
  mail.references = MessageIds(object, "References");
  const auto from = Addresses(g_mime_message_get_from(message.get()));
  if (!from.empty()) mail.from = from.front();
  mail.to = Addresses(g_mime_message_get_to(message.get()));
  mail.cc = Addresses(g_mime_message_get_cc(message.get()));
  mail.subject = Utf8Text(FirstHeader(object, "Subject"));
  if (GDateTime* date = g_mime_message_get_date(message.get())) {
    mail.date = static_cast<TimestampMs>(g_date_time_to_unix(date)) * 1000;
  }
  Walk walk{mail};
  g_mime_message_foreach(message.get(), VisitPart, &walk);
  if (!walk.have_text && walk.have_html) mail.text = MailHtmlText(mail.html);
  mail.html = SanitizeMailHtml(mail.html);

  domain::MailOriginHeaders& origin = mail.origin;
  origin.auto_submitted = Header(object, "Auto-Submitted");
  origin.precedence = Header(object, "Precedence");
  origin.x_autoreply = Header(object, "X-Autoreply");
  origin.x_autorespond = Header(object, "X-Autorespond");
  origin.list_id = Header(object, "List-Id");
  origin.list_unsubscribe = Header(object, "List-Unsubscribe");
  if (GMimeObject* top = g_mime_message_get_mime_part(message.get())) {
    origin.content_type = MimeType(top);
    if (GMimeContentType* type = g_mime_object_get_content_type(top)) {
      origin.report_type = OrEmpty(g_mime_content_type_get_parameter(type, "report-type"));
    }
  }
  origin.subject = mail.subject;
  return mail;
}

}  // namespace lt::mail
