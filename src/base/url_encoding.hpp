#pragma once

#include <string>
#include <string_view>

namespace lt {

// application/x-www-form-urlencoded escaping of one value: unreserved
// characters kept, a space as '+', every other byte as %XX. Also right for a
// URL's query value (DingTalk's signature is passed so).
std::string FormEncode(std::string_view value);

}  // namespace lt
