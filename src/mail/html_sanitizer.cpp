#include "mail/html_sanitizer.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>

#include "base/ascii.hpp"

namespace lt::mail {
namespace {

constexpr std::array<std::string_view, 38> kKeptElements = {
    "a",   "abbr", "b",     "blockquote", "br",  "caption", "code", "dd",    "div",  "dl",
    "dt",  "em",   "h1",    "h2",         "h3",  "h4",      "h5",   "h6",    "hr",   "i",
    "img", "li",   "ol",    "p",          "pre", "q",       "s",    "small", "span", "strong",
    "sub", "sup",  "table", "tbody",      "td",  "th",      "tr",   "u"};
constexpr std::array<std::string_view, 4> kMoreKept = {"ul", "thead", "tfoot", "font"};
// Dropped with everything inside them.
constexpr std::array<std::string_view, 18> kDroppedWhole = {
    "script", "style",  "iframe", "frame",    "frameset", "object", "embed",    "applet",   "form",
    "input",  "button", "select", "textarea", "head",     "title",  "noscript", "template", "svg"};
constexpr std::array<std::string_view, 3> kVoid = {"br", "hr", "img"};

template <std::size_t N>
bool In(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

void Escape(std::string_view text, std::string& out, bool in_attribute) {
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += in_attribute ? "&quot;" : "\"";
        break;
      default:
        out += c;
    }
  }
}

std::string Attribute(xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (!value) return {};
  std::string text(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return text;
}

// A link target that is safe to follow: http(s) or mailto, nothing else
// (javascript:, data:, vbscript: and friends are not).
bool SafeLink(const std::string& url) {
  std::string trimmed = url;
  trimmed.erase(std::remove_if(trimmed.begin(), trimmed.end(),
                               [](unsigned char c) { return std::isspace(c) || c < 0x20; }),
                trimmed.end());
  const std::string lower = AsciiLower(trimmed);
  return lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0 ||
         lower.rfind("mailto:", 0) == 0;
}

// An image the message carries itself: an inline part or inline data.
bool OwnImage(const std::string& src) {
  const std::string lower = AsciiLower(src);
  return lower.rfind("cid:", 0) == 0 || lower.rfind("data:image/png;base64,", 0) == 0 ||
         lower.rfind("data:image/jpeg;base64,", 0) == 0 ||
         lower.rfind("data:image/gif;base64,", 0) == 0;
}

void Emit(xmlNode* node, std::string& out);

void EmitChildren(xmlNode* node, std::string& out) {
  for (xmlNode* child = node->children; child; child = child->next) Emit(child, out);
}

void Emit(xmlNode* node, std::string& out) {
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    if (node->content) Escape(reinterpret_cast<const char*>(node->content), out, false);
    return;
  }
  if (node->type != XML_ELEMENT_NODE) return;  // comments, processing instructions
  const std::string name = AsciiLower(reinterpret_cast<const char*>(node->name));
  if (In(kDroppedWhole, name)) return;
  if (!In(kKeptElements, name) && !In(kMoreKept, name)) {
    EmitChildren(node, out);  // html, body, center, section...: their content only
    return;
  }
  if (name == "img") {
    const std::string src = Attribute(node, "src");
    if (!OwnImage(src)) return;
    out += "<img src=\"";
    Escape(src, out, true);
    out += "\"";
    for (const char* kept : {"alt", "width", "height"}) {
      const std::string value = Attribute(node, kept);
      if (value.empty()) continue;
      out += std::string(" ") + kept + "=\"";
      Escape(value, out, true);
      out += "\"";
    }
    out += ">";
    return;
  }
  const std::string tag = name == "font" ? "span" : name;
  out += "<" + tag;
  if (name == "a") {
    const std::string href = Attribute(node, "href");
    if (SafeLink(href)) {
      out += " href=\"";
      Escape(href, out, true);
      out += "\" target=\"_blank\" rel=\"noopener noreferrer nofollow\"";
    }
  } else if (name == "td" || name == "th") {
    for (const char* kept : {"colspan", "rowspan"}) {
      const std::string value = Attribute(node, kept);
      if (!value.empty() && std::all_of(value.begin(), value.end(),
                                        [](unsigned char c) { return std::isdigit(c); })) {
        out += std::string(" ") + kept + "=\"" + value + "\"";
      }
    }
  }
  out += ">";
  if (In(kVoid, tag)) return;
  EmitChildren(node, out);
  out += "</" + tag + ">";
}

struct DocumentDeleter {
  void operator()(xmlDoc* document) const { xmlFreeDoc(document); }
};

using Document = std::unique_ptr<xmlDoc, DocumentDeleter>;

Document Parse(std::string_view html) {
  if (html.empty()) return nullptr;
  return Document(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                                 HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                     HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED));
}

constexpr std::array<std::string_view, 15> kBlocks = {"p",          "div",   "tr",  "li", "h1",
                                                      "h2",         "h3",    "h4",  "h5", "h6",
                                                      "blockquote", "table", "pre", "ul", "ol"};

void BreakLine(std::string& out) {
  if (!out.empty() && out.back() != '\n') out += '\n';
}

void EmitText(xmlNode* node, std::string& out) {
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    if (!node->content) return;
    const std::string_view text(reinterpret_cast<const char*>(node->content));
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text.substr(i, 2) == "\xC2\xA0") {  // &nbsp;
        out += ' ';
        ++i;
      } else if (text[i] != '\r') {
        out += text[i];
      }
    }
    return;
  }
  if (node->type != XML_ELEMENT_NODE) return;
  const std::string name = AsciiLower(reinterpret_cast<const char*>(node->name));
  if (In(kDroppedWhole, name)) return;
  if (name == "br") {
    out += '\n';
    return;
  }
  const bool block = In(kBlocks, name);
  if (block) BreakLine(out);
  for (xmlNode* child = node->children; child; child = child->next) EmitText(child, out);
  if (block) BreakLine(out);
}

}  // namespace

std::string SanitizeMailHtml(std::string_view html) {
  const Document document = Parse(html);
  if (!document) return {};
  std::string out;
  for (xmlNode* node = document->children; node; node = node->next) Emit(node, out);
  return out;
}

std::string MailHtmlText(std::string_view html) {
  const Document document = Parse(html);
  if (!document) return {};
  std::string out;
  for (xmlNode* node = document->children; node; node = node->next) EmitText(node, out);
  // Lines without their trailing spaces, runs of blank lines as one.
  std::string text;
  int blank = 0;
  std::size_t start = 0;
  while (start <= out.size()) {
    auto end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    std::string line = out.substr(start, end - start);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    blank = line.empty() ? blank + 1 : 0;
    if (blank <= 1 && !(text.empty() && line.empty())) text += line + "\n";
    start = end + 1;
  }
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

}  // namespace lt::mail
