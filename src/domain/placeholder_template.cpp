#include "domain/placeholder_template.hpp"

#include <nlohmann/json.hpp>

namespace lt::domain {

std::string JsonEscaped(std::string_view value) {
  const std::string quoted = nlohmann::json(std::string(value))
                                 .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return quoted.substr(1, quoted.size() - 2);
}

}  // namespace lt::domain
