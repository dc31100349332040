#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "domain/enum_codes.hpp"

namespace lt::http::wire {

// Reads typed fields out of one JSON object, collecting a field error for
// every wrong type, bad enum value or unknown field, so a client learns about
// all its mistakes at once. Field paths are prefixed ("customer.phone").
class ObjectReader {
 public:
  ObjectReader(const nlohmann::json& object, FieldErrors& errors, std::string prefix = "")
      : object_(object), errors_(errors), prefix_(std::move(prefix)) {}

  std::optional<std::string> String(const std::string& name);
  std::string RequiredString(const std::string& name);
  std::optional<std::int64_t> Integer(const std::string& name, std::int64_t min, std::int64_t max);
  std::optional<bool> Boolean(const std::string& name);
  std::optional<TimestampMs> Timestamp(const std::string& name);
  // An amount of money in hundredths, given as "1234.50" or 1234.5
  // (domain::ParseAmount); "validation.amount" otherwise.
  std::optional<std::int64_t> Amount(const std::string& name);
  // A field that may be null: outer nullopt = absent, inner nullopt = null.
  std::optional<std::optional<std::int64_t>> NullableId(const std::string& name);
  std::optional<std::vector<std::string>> StringList(const std::string& name);
  std::optional<std::vector<std::int64_t>> IdList(const std::string& name);
  // The nested object, or nullptr when absent or not an object (reported).
  const nlohmann::json* Object(const std::string& name);
  const nlohmann::json* Array(const std::string& name);

  template <class E, std::size_t N>
  std::optional<E> Enum(const std::string& name, const domain::EnumCodes<E, N>& codes) {
    auto text = String(name);
    if (!text) return std::nullopt;
    auto value = codes.FromCode(*text);
    if (!value) errors_.Add(Path(name), "validation.enum", {{"allowed", codes.AllowedList()}});
    return value;
  }

  // Reports every member that no accessor asked for. Call last.
  void RejectUnknown();
  std::string Path(const std::string& name) const {
    return prefix_.empty() ? name : prefix_ + "." + name;
  }
  bool Has(const std::string& name) const { return object_.contains(name); }

 private:
  const nlohmann::json* Get(const std::string& name);

  const nlohmann::json& object_;
  FieldErrors& errors_;
  std::string prefix_;
  std::set<std::string> seen_;
};

// Parses a request body into a JSON object. Errors: invalid UTF-8, malformed
// JSON (with the byte offset), a body that is not an object.
Result<nlohmann::json> ParseObject(const std::string& body);

// An id from a path segment; kNotFound when it is not a positive integer.
Result<std::int64_t> ParseId(const std::string& text);

}  // namespace lt::http::wire
