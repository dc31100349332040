#include "storage/code_list.hpp"

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

}  // namespace lt::storage
