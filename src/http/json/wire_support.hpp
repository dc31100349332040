#pragma once

// Small helpers shared by the wire mappings (http/json/*_wire.cpp).

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

#include "base/result.hpp"
#include "base/time_format.hpp"
#include "domain/entities.hpp"
#include "http/json/object_reader.hpp"

namespace lt::http::wire {

inline nlohmann::json OptionalId(const std::optional<domain::Id>& id) {
  return id ? nlohmann::json(*id) : nlohmann::json(nullptr);
}

inline nlohmann::json OptionalTime(const std::optional<TimestampMs>& at) {
  return at ? nlohmann::json(FormatTimestamp(*at)) : nlohmann::json(nullptr);
}

// Rejects unknown fields and returns the value, or every error collected.
template <class T>
Result<T> Finish(ObjectReader& reader, FieldErrors& errors, T value) {
  reader.RejectUnknown();
  if (!errors.empty()) return errors.ToError();
  return value;
}

template <class E, std::size_t N>
nlohmann::json CodeList(const std::vector<E>& values, const domain::EnumCodes<E, N>& codes) {
  nlohmann::json list = nlohmann::json::array();
  for (const E value : values) list.push_back(codes.ToCode(value));
  return list;
}

// A list of enum codes; each unknown one is reported as name[i].
template <class E, std::size_t N>
std::vector<E> ReadCodeList(ObjectReader& reader, const std::string& name,
                            const domain::EnumCodes<E, N>& codes, FieldErrors& errors) {
  std::vector<E> values;
  const auto texts = reader.StringList(name);
  if (!texts) return values;
  for (std::size_t i = 0; i < texts->size(); ++i) {
    if (auto value = codes.FromCode((*texts)[i])) {
      values.push_back(*value);
    } else {
      errors.Add(reader.Path(name) + "[" + std::to_string(i) + "]", "validation.enum",
                 {{"allowed", codes.AllowedList()}});
    }
  }
  return values;
}

// The objects of array `name`, each read by `read` with its own reader
// (paths "name[i].field"); non-objects and unknown fields are reported.
template <class Item, class Read>
std::vector<Item> ReadObjects(ObjectReader& reader, const std::string& name, FieldErrors& errors,
                              Read read) {
  std::vector<Item> items;
  const nlohmann::json* array = reader.Array(name);
  if (!array) return items;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string path = reader.Path(name) + "[" + std::to_string(i) + "]";
    if (!(*array)[i].is_object()) {
      errors.Add(path, "validation.type_object");
      continue;
    }
    ObjectReader item_reader((*array)[i], errors, path);
    items.push_back(read(item_reader));
    item_reader.RejectUnknown();
  }
  return items;
}

}  // namespace lt::http::wire
