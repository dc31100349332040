#pragma once

// Reads an e-mail message as it arrived (RFC 5322 bytes with MIME) into
// decoded UTF-8, with GMime: headers with RFC 2047/2231 words; bodies in any
// charset and transfer encoding; the GB2312/GBK family read as GB18030 (their
// real superset: Outlook and Coremail label GBK text GB2312), EUC-KR as CP949,
// Shift_JIS as CP932, Big5 as Big5-HKSCS; a body its label does not fit
// (mislabelled) read as UTF-8 or GB18030 when that fits, and said so. The
// only part of Lingting that knows GMime; the rest reads `ReadMail`.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/time_format.hpp"
#include "domain/mail_thread.hpp"

namespace lt::mail {

struct MailAddress {
  std::string name;     // display name, decoded; "" when none
  std::string address;  // as written ("Li.Na@Example.com")
};

// An attachment, an inline image or a forwarded message (message/rfc822,
// kept whole as a .eml file).
struct MailPart {
  std::string filename;      // decoded; "" when the sender gave none
  std::string content_type;  // "image/png", lower case
  std::string content_id;    // for an inline image the HTML names by cid:
  bool inline_part = false;
  std::string data;  // the decoded bytes
};

struct ReadMail {
  // False when the bytes are not a message at all (no header could be read):
  // they are kept raw and the message flagged for an agent.
  bool readable = true;
  std::string message_id;  // without the angle brackets; "" when missing
  std::vector<std::string> in_reply_to;
  std::vector<std::string> references;
  MailAddress from;
  std::vector<MailAddress> to;
  std::vector<MailAddress> cc;
  std::string subject;
  std::optional<TimestampMs> date;
  // The first text/plain body that is not an attachment, as UTF-8 with LF
  // line ends; when the message has only HTML, the HTML's text.
  std::string text;
  std::string html;  // the first text/html body, as UTF-8, sanitised (SanitizeMailHtml)
  std::vector<MailPart> parts;
  domain::MailOriginHeaders origin;  // what tells an auto-reply, a bounce, a list
  // What was repaired on the way, for the agent and the logs:
  // "body charset gb2312 did not fit; read as utf-8".
  std::vector<std::string> notes;
};

// Never fails: a message that cannot be read is `readable == false`.
ReadMail ReadMailMessage(std::string_view raw);

}  // namespace lt::mail
