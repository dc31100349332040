#include "storage/code_list.hpp"

#include <charconv>

namespace lt::storage {

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

std::vector<std::string> SplitCodes(std::string_view text) {
  std::vector<std::string> codes;
  while (!text.empty()) {
    const auto space = text.find(' ');
    if (space != 0) codes.emplace_back(text.substr(0, space));
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return codes;
}

std::string JoinIds(const std::vector<std::int64_t>& ids) {
  std::vector<std::string> codes;
  for (const auto id : ids) codes.push_back(std::to_string(id));
  return JoinCodes(codes);
}

std::vector<std::int64_t> SplitIds(std::string_view text) {
  std::vector<std::int64_t> ids;
  for (const auto& code : SplitCodes(text)) {
    std::int64_t id = 0;
    const auto [end, error] = std::from_chars(code.data(), code.data() + code.size(), id);
    if (error == std::errc() && end == code.data() + code.size()) ids.push_back(id);
  }
  return ids;
}

}  // namespace lt::storage
