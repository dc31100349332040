#include "domain/saved_view.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>

namespace lt::domain {
namespace {

constexpr std::array<std::string_view, 13> kQueryNames = {
    "q",        "status",     "type",    "urgency",       "origin_class", "category", "product",
    "customer", "department", "channel", "received_from", "received_to",  "sort"};

}  // namespace

void CheckSavedViewQuery(std::string_view query, FieldErrors& errors) {
  if (query.size() > kMaxSavedViewQueryChars) {
    errors.Add("query", "validation.too_long", {{"max", std::to_string(kMaxSavedViewQueryChars)}});
    return;
  }
  std::set<std::string_view> seen;
  while (!query.empty()) {
    const auto end = query.find('&');
    const std::string_view pair = query.substr(0, end);
    query = end == std::string_view::npos ? std::string_view() : query.substr(end + 1);
    const std::string_view name = pair.substr(0, pair.find('='));
    const bool known = std::find(kQueryNames.begin(), kQueryNames.end(), name) != kQueryNames.end();
    if (!known || !seen.insert(name).second || pair.find('=') == std::string_view::npos) {
      errors.Add("query", "validation.view_query", {{"name", std::string(name)}});
      return;
    }
  }
}

bool SeesSavedView(const SavedView& view, const Principal& reader) {
  if (reader.user_id && *reader.user_id == view.owner_id) return true;
  return view.department_id && std::find(reader.department_ids.begin(), reader.department_ids.end(),
                                         *view.department_id) != reader.department_ids.end();
}

}  // namespace lt::domain
