#pragma once

// How a message that arrives by e-mail finds the case it belongs to, and how
// it is told apart from mail nobody wrote (issue 16), without any e-mail
// library: the MIME adapter (mail/) gives these functions decoded text.
//
//  - Replies carry the case number in the subject ("[TS-2026-000123]") or
//    In-Reply-To/References naming a Message-ID Lingting received or sent.
//  - Common Chinese clients (QQMail, some Coremail) send neither header, so
//    the same sender with the same subject, reply prefixes stripped
//    (NormalizeMailSubject), is matched to their open case within a window.
//  - Auto-replies, bounces and list mail are recognised (ClassifyMailOrigin)
//    and never answered, so no mail loop can start.
//  - Quoted history is folded on the timeline (SplitQuotedHistory).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/enum_codes.hpp"

namespace lt::domain {

// The subject without reply and forward prefixes, however many and in which
// language (Re: RE: Re[2]: Fwd: FW: Fw: AW: WG: SV: 回复 答复 转发, with an
// ASCII or full-width colon), with runs of white space as one space.
// "回复：RE: 转发：空调漏水" → "空调漏水".
std::string NormalizeMailSubject(std::string_view subject);

// The case number in brackets in a subject, as Lingting writes it in its
// replies: "[TS-2026-000123]" with `prefix` "TS". The first one wins.
std::optional<std::string> CaseNumberInSubject(std::string_view subject, std::string_view prefix);

// Who wrote a message, as far as its headers tell.
enum class MailOrigin {
  kPerson,     // answered as usual
  kAutoReply,  // Auto-Submitted, X-Autoreply, Precedence: auto_reply, "自动回复"
  kBounce,     // a delivery status notification (multipart/report; report-type=delivery-status)
  kList,       // mailing-list or bulk mail (List-Id, Precedence: list/bulk/junk)
};
inline constexpr EnumCodes<MailOrigin, 4> kMailOriginCodes{{{
    {MailOrigin::kPerson, "person"},
    {MailOrigin::kAutoReply, "auto_reply"},
    {MailOrigin::kBounce, "bounce"},
    {MailOrigin::kList, "list"},
}}};

// The headers ClassifyMailOrigin reads (empty when absent), and the
// message's top-level content type in lower case ("multipart/report").
struct MailOriginHeaders {
  std::string auto_submitted;
  std::string precedence;
  std::string x_autoreply;
  std::string x_autorespond;
  std::string list_id;
  std::string list_unsubscribe;
  std::string content_type;
  std::string report_type;  // the report-type parameter of multipart/report
  std::string subject;      // decoded
};

MailOrigin ClassifyMailOrigin(const MailOriginHeaders& headers);

// Whether mail of this origin may be answered (acknowledgements, replies).
inline bool Answerable(MailOrigin origin) { return origin == MailOrigin::kPerson; }

// Whether mail of this origin may open a case when it threads to none: a
// person's, and list mail too (a support address that is a Google Group or a
// mailing list marks every customer's message so); never an auto-reply or a
// bounce, which only join the case they concern.
inline bool OpensCase(MailOrigin origin) {
  return origin == MailOrigin::kPerson || origin == MailOrigin::kList;
}

// A message's text split where the quoted history begins: a line of
// Outlook's "-----Original Message-----" / "-----原始邮件-----" /
// "-----邮件原件-----", QQMail's "------------------ 原始邮件 ------------------",
// a header block quoted by Foxmail/Coremail ("发件人：" or "From:" followed by
// "发送时间："/"Sent:"/"Date:"), an attribution line ("On … wrote:",
// "在 … 写道："), or a final block of lines starting with ">".
struct SplitText {
  std::string fresh;   // what the sender wrote now, trimmed
  std::string quoted;  // the history from its first line on; empty when none
};
SplitText SplitQuotedHistory(std::string_view text);

}  // namespace lt::domain
