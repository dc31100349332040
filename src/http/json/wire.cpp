#include "http/json/wire.hpp"

namespace lt::http::wire {

std::string Dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace lt::http::wire
