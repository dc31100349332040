#pragma once

// Templates with ${name} placeholders that administrators write for the
// gateways Lingting posts to (the SMS gateway's request body, WeChat's
// template message data).

#include <algorithm>
#include <string>
#include <string_view>

namespace lt::domain {

// Calls `literal(text)` and `placeholder(name)` over the template in order;
// false at the first "${" that is not closed.
template <typename Literal, typename Placeholder>
bool WalkTemplate(std::string_view body, Literal literal, Placeholder placeholder) {
  std::size_t at = 0;
  while (at < body.size()) {
    const std::size_t open = body.find("${", at);
    if (open == std::string_view::npos) break;
    const std::size_t close = body.find('}', open + 2);
    if (close == std::string_view::npos) return false;
    literal(body.substr(at, open - at));
    placeholder(body.substr(open + 2, close - open - 2));
    at = close + 1;
  }
  literal(body.substr(std::min(at, body.size())));
  return true;
}

// `value` as it goes between the quotes of a JSON string (invalid UTF-8 replaced).
std::string JsonEscaped(std::string_view value);

}  // namespace lt::domain
