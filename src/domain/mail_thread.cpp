#include "domain/mail_thread.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "base/ascii.hpp"

namespace lt::domain {
namespace {

constexpr std::string_view kFullWidthColon = "\xEF\xBC\x9A";  // ：
constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool StartsWithIgnoringCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && AsciiLower(text.substr(0, prefix.size())) == prefix;
}

// Runs of ASCII and ideographic white space as one space, trimmed.
std::string CollapseSpace(std::string_view text) {
  std::string out;
  bool pending = false;
  for (std::size_t i = 0; i < text.size();) {
    if (IsAsciiSpace(text[i])) {
      pending = true;
      ++i;
    } else if (text.substr(i, kIdeographicSpace.size()) == kIdeographicSpace) {
      pending = true;
      i += kIdeographicSpace.size();
    } else {
      if (pending && !out.empty()) out += ' ';
      pending = false;
      out += text[i++];
    }
  }
  return out;
}

// The length of a reply or forward prefix at the start of `subject` (with
// its colon and the spaces after), or 0.
std::size_t PrefixLength(std::string_view subject) {
  static constexpr std::array<std::string_view, 6> kAscii = {"re", "fwd", "fw", "aw", "wg", "sv"};
  static constexpr std::array<std::string_view, 3> kChinese = {"回复", "答复", "转发"};
  std::size_t at = 0;
  for (const auto word : kAscii) {
    if (StartsWithIgnoringCase(subject, word)) {
      at = word.size();
      break;
    }
  }
  if (at == 0) {
    for (const auto word : kChinese) {
      if (subject.substr(0, word.size()) == word) {
        at = word.size();
        break;
      }
    }
  }
  if (at == 0) return 0;
  if (at < subject.size() && subject[at] == '[') {  // "Re[2]:"
    std::size_t end = at + 1;
    while (end < subject.size() && std::isdigit(static_cast<unsigned char>(subject[end]))) ++end;
    if (end == at + 1 || end >= subject.size() || subject[end] != ']') return 0;
    at = end + 1;
  }
  while (at < subject.size() && subject[at] == ' ') ++at;
  if (at < subject.size() && subject[at] == ':') {
    ++at;
  } else if (subject.substr(at, kFullWidthColon.size()) == kFullWidthColon) {
    at += kFullWidthColon.size();
  } else {
    return 0;
  }
  while (at < subject.size() && subject[at] == ' ') ++at;
  return at;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (true) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

std::string_view TrimView(std::string_view text) {
  while (!text.empty() && IsAsciiSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsAsciiSpace(text.back())) text.remove_suffix(1);
  return text;
}

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// "-----Original Message-----", "-----原始邮件-----", QQMail's
// "------------------ 原始邮件 ------------------", Outlook on the web's
// line of underscores.
bool IsSeparator(std::string_view line) {
  if (line.size() >= 20 && line.find_first_not_of('_') == std::string_view::npos) return true;
  if (line.substr(0, 3) != "---") return false;
  const std::string lower = AsciiLower(line);
  return Contains(lower, "original message") || Contains(line, "原始邮件") ||
         Contains(line, "邮件原件") || Contains(lower, "forwarded message") ||
         Contains(line, "转发邮件");
}

bool IsHeaderLabel(std::string_view line, std::initializer_list<std::string_view> labels) {
  for (const auto label : labels) {
    if (line.substr(0, label.size()) == label) return true;
  }
  return false;
}

// "From: …" / "发件人：…" followed within three lines by a sent time.
bool StartsQuotedHeaders(const std::vector<std::string_view>& lines, std::size_t at) {
  const std::string_view line = TrimView(lines[at]);
  if (!IsHeaderLabel(line, {"From:", "发件人:", "发件人：", "*From:*"})) return false;
  for (std::size_t next = at + 1; next < lines.size() && next <= at + 3; ++next) {
    if (IsHeaderLabel(TrimView(lines[next]),
                      {"Sent:", "Date:", "发送时间", "日期:", "日期：", "*Sent:*"})) {
      return true;
    }
  }
  return false;
}

// "On Mon, 1 Jan 2026, Li Na wrote:", "在 2023/12/06 13:54, 张三 写道:".
bool IsAttribution(std::string_view line) {
  return (line.substr(0, 3) == "On " && EndsWith(line, "wrote:")) ||
         ((line.substr(0, 3) == "在" || line.substr(0, 3) == "於") &&
          (EndsWith(line, "写道:") || EndsWith(line, "写道：") || EndsWith(line, "寫道:") ||
           EndsWith(line, "寫道：")));
}

std::string Join(const std::vector<std::string_view>& lines, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (i > from) out += '\n';
    out += lines[i];
  }
  return out;
}

}  // namespace

std::string NormalizeMailSubject(std::string_view subject) {
  std::string text = CollapseSpace(subject);
  while (const std::size_t length = PrefixLength(text)) text = text.substr(length);
  return text;
}

std::optional<std::string> CaseNumberInSubject(std::string_view subject, std::string_view prefix) {
  const std::string open = "[" + std::string(prefix) + "-";
  for (auto at = subject.find(open); at != std::string_view::npos;
       at = subject.find(open, at + 1)) {
    std::size_t i = at + open.size();
    auto digits = [&](std::size_t minimum, std::size_t maximum) {
      std::size_t count = 0;
      while (i < subject.size() && count < maximum &&
             std::isdigit(static_cast<unsigned char>(subject[i]))) {
        ++i;
        ++count;
      }
      return count >= minimum;
    };
    if (!digits(4, 4) || i >= subject.size() || subject[i] != '-') continue;
    ++i;
    if (!digits(6, 12) || i >= subject.size() || subject[i] != ']') continue;
    return std::string(subject.substr(at + 1, i - at - 1));
  }
  return std::nullopt;
}

MailOrigin ClassifyMailOrigin(const MailOriginHeaders& headers) {
  const std::string content_type = AsciiLower(TrimView(headers.content_type));
  const std::string report_type = AsciiLower(TrimView(headers.report_type));
  if (content_type == "multipart/report") {
    return Contains(report_type, "delivery-status") ? MailOrigin::kBounce : MailOrigin::kAutoReply;
  }
  const std::string auto_submitted = AsciiLower(TrimView(headers.auto_submitted));
  const std::string precedence = AsciiLower(TrimView(headers.precedence));
  if ((!auto_submitted.empty() && auto_submitted != "no") ||
      !TrimView(headers.x_autoreply).empty() || !TrimView(headers.x_autorespond).empty() ||
      precedence == "auto_reply") {
    return MailOrigin::kAutoReply;
  }
  const std::string subject = AsciiLower(CollapseSpace(headers.subject));
  for (const std::string_view automatic :
       {"自动回复", "automatic reply", "auto-reply", "autoreply", "out of office"}) {
    if (subject.substr(0, automatic.size()) == automatic) return MailOrigin::kAutoReply;
  }
  if (precedence == "bulk" || precedence == "list" || precedence == "junk" ||
      !TrimView(headers.list_id).empty() || !TrimView(headers.list_unsubscribe).empty()) {
    return MailOrigin::kList;
  }
  return MailOrigin::kPerson;
}

SplitText SplitQuotedHistory(std::string_view text) {
  const auto lines = Lines(text);
  std::size_t cut = lines.size();
  for (std::size_t i = 0; i < lines.size() && cut == lines.size(); ++i) {
    const std::string_view line = TrimView(lines[i]);
    if (IsSeparator(line) || StartsQuotedHeaders(lines, i) || IsAttribution(line)) cut = i;
  }
  if (cut == lines.size()) {
    // A final block of ">" lines (blank lines inside it allowed).
    std::size_t start = lines.size();
    for (std::size_t i = lines.size(); i-- > 0;) {
      const std::string_view line = TrimView(lines[i]);
      if (line.empty()) continue;
      if (line.front() != '>') break;
      start = i;
    }
    cut = start;
  }
  SplitText split;
  split.fresh = std::string(TrimView(Join(lines, 0, cut)));
  // Nothing above the history: an answer written between the quoted lines
  // (the mailing-list style) is the message itself, not history.
  if (split.fresh.empty()) {
    bool interleaved = false;
    for (std::size_t i = cut + 1; i < lines.size() && !interleaved; ++i) {
      const std::string_view line = TrimView(lines[i]);
      interleaved = !line.empty() && line.front() != '>';
    }
    if (interleaved || cut == lines.size()) {
      split.fresh = std::string(TrimView(text));
      return split;
    }
  }
  split.quoted = std::string(TrimView(Join(lines, cut, lines.size())));
  return split;
}

}  // namespace lt::domain
