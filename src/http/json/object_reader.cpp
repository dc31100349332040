#include "http/json/object_reader.hpp"

#include <charconv>

#include "base/result.hpp"
#include "base/time_format.hpp"
#include "base/utf8.hpp"
#include "domain/money.hpp"

namespace lt::http::wire {

const nlohmann::json* ObjectReader::Get(const std::string& name) {
  seen_.insert(name);
  const auto found = object_.find(name);
  if (found == object_.end() || found->is_null()) return nullptr;
  return &*found;
}

std::optional<std::int64_t> ObjectReader::Amount(const std::string& name) {
  const auto* value = Get(name);
  if (!value) return std::nullopt;
  std::optional<std::int64_t> amount;
  if (value->is_string()) {
    amount = domain::ParseAmount(value->get<std::string>());
  } else if (value->is_number()) {
    amount = domain::ParseAmount(value->dump());
  }
  if (!amount) errors_.Add(Path(name), "validation.amount");
  return amount;
}

std::optional<std::string> ObjectReader::String(const std::string& name) {
  const auto* value = Get(name);
  if (!value) return std::nullopt;
  if (!value->is_string()) {
    errors_.Add(Path(name), "validation.type_string");
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::string ObjectReader::RequiredString(const std::string& name) {
  const bool present = object_.contains(name) && !object_[name].is_null();
  auto value = String(name);
  if (!present) errors_.Add(Path(name), "validation.required");
  return value.value_or("");
}

std::optional<std::int64_t> ObjectReader::Integer(const std::string& name, std::int64_t min,
                                                  std::int64_t max) {
  const auto* value = Get(name);
  if (!value) return std::nullopt;
  if (!value->is_number_integer()) {
    errors_.Add(Path(name), "validation.type_integer");
    return std::nullopt;
  }
  const bool too_big = value->is_number_unsigned() &&
                       value->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX);
  const auto number = too_big ? INT64_MAX : value->get<std::int64_t>();
  if (too_big || number < min || number > max) {
    errors_.Add(Path(name), "validation.range",
                {{"min", std::to_string(min)}, {"max", std::to_string(max)}});
    return std::nullopt;
  }
  return number;
}

std::optional<bool> ObjectReader::Boolean(const std::string& name) {
  const auto* value = Get(name);
  if (!value) return std::nullopt;
  if (!value->is_boolean()) {
    errors_.Add(Path(name), "validation.type_boolean");
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<TimestampMs> ObjectReader::Timestamp(const std::string& name) {
  auto text = String(name);
  if (!text) return std::nullopt;
  auto parsed = ParseTimestamp(*text);
  if (!parsed) errors_.Add(Path(name), "validation.timestamp");
  return parsed;
}

std::optional<std::optional<std::int64_t>> ObjectReader::NullableId(const std::string& name) {
  if (!object_.contains(name)) {
    seen_.insert(name);
    return std::nullopt;
  }
  if (object_[name].is_null()) {
    seen_.insert(name);
    return std::optional<std::int64_t>();
  }
  auto id = Integer(name, 1, INT64_MAX);
  if (!id) return std::nullopt;
  return std::optional<std::int64_t>(*id);
}

std::optional<std::vector<std::string>> ObjectReader::StringList(const std::string& name) {
  const auto* value = Array(name);
  if (!value) return std::nullopt;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < value->size(); ++i) {
    if (!(*value)[i].is_string()) {
      errors_.Add(Path(name) + "[" + std::to_string(i) + "]", "validation.type_string");
      continue;
    }
    out.push_back((*value)[i].get<std::string>());
  }
  return out;
}

std::optional<std::vector<std::int64_t>> ObjectReader::IdList(const std::string& name) {
  const auto* value = Array(name);
  if (!value) return std::nullopt;
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < value->size(); ++i) {
    const auto& item = (*value)[i];
    if (!item.is_number_integer() || item.get<std::int64_t>() < 1) {
      errors_.Add(Path(name) + "[" + std::to_string(i) + "]", "validation.type_integer");
      continue;
    }
    out.push_back(item.get<std::int64_t>());
  }
  return out;
}

const nlohmann::json* ObjectReader::Object(const std::string& name) {
  const auto* value = Get(name);
  if (!value) return nullptr;
  if (!value->is_object()) {
    errors_.Add(Path(name), "validation.type_object");
    return nullptr;
  }
  return value;
}

const nlohmann::json* ObjectReader::Array(const std::string& name) {
  const auto* value = Get(name);
  if (!value) return nullptr;
  if (!value->is_array()) {
    errors_.Add(Path(name), "validation.type_array");
    return nullptr;
  }
  return value;
}

void ObjectReader::RejectUnknown() {
  for (const auto& [name, value] : object_.items()) {
    if (!seen_.contains(name)) errors_.Add(Path(name), "validation.unknown_field");
  }
}

namespace {

// Where the parser is in the document, kept from the parser's callbacks so
// that a value it cannot take (a number out of a double's range) is named
// by its field path: "customer.phone", "attachments[2].size".
class JsonPath {
 public:
  bool Follow(nlohmann::json::parse_event_t event, const nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    switch (event) {
      case Event::object_start:
      case Event::array_start:
        CountElement();
        frames_.push_back({event == Event::array_start, {}, 0});
        break;
      case Event::key:
        if (!frames_.empty() && parsed.is_string()) frames_.back().key = parsed.get<std::string>();
        break;
      case Event::value:
        CountElement();
        break;
      case Event::object_end:
      case Event::array_end:
        if (!frames_.empty()) frames_.pop_back();
        break;
    }
    return true;
  }

  // The path of the value being read when the parser stopped.
  std::string Current() const {
    std::string path;
    for (std::size_t i = 0; i < frames_.size(); ++i) {
      const Frame& frame = frames_[i];
      if (frame.array) {
        // The innermost array's element has not been counted yet; an outer
        // one's was counted when it began.
        const std::size_t index = i + 1 == frames_.size() ? frame.count : frame.count - 1;
        path += "[" + std::to_string(index) + "]";
      } else if (!frame.key.empty()) {
        path += (path.empty() ? "" : ".") + frame.key;
      }
    }
    return path.empty() ? "body" : path;
  }

 private:
  struct Frame {
    bool array = false;
    std::string key;        // objects: the member being read
    std::size_t count = 0;  // arrays: the elements begun so far
  };
  void CountElement() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().count;
  }
  std::vector<Frame> frames_;
};

}  // namespace

Result<nlohmann::json> ParseObject(const std::string& body) {
  if (!IsValidUtf8(body)) return Error::Of(ErrorCode::kInvalidArgument, "error.invalid_utf8");
  JsonPath path;
  nlohmann::json parsed = nlohmann::json::parse(
      body,
      [&](int, nlohmann::json::parse_event_t event, nlohmann::json& value) {
        return path.Follow(event, value);
      },
      false);
  if (parsed.is_discarded()) {
    // Parse again with exceptions to learn why and where it broke.
    std::size_t error_offset = 0;
    try {
      std::ignore = nlohmann::json::parse(body);
    } catch (const nlohmann::json::out_of_range&) {
      // A number beyond a double's range (1e999999): the value, not the syntax.
      return Error::Invalid(path.Current(), "validation.number_range");
    } catch (const nlohmann::json::parse_error& error) {
      error_offset = error.byte;
    } catch (const nlohmann::json::exception&) {
      // Any other refusal of the parser is malformed input too.
    }
    return Error::Of(ErrorCode::kInvalidArgument, "error.malformed_json",
                     {{"offset", std::to_string(error_offset)}});
  }
  if (!parsed.is_object()) return Error::Of(ErrorCode::kInvalidArgument, "error.body_not_object");
  return parsed;
}

Result<std::int64_t> ParseId(const std::string& text) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id < 1) {
    return Error::Of(ErrorCode::kNotFound, "error.not_found");
  }
  return id;
}

}  // namespace lt::http::wire
