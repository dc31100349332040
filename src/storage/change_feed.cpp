#include "storage/change_feed.hpp"

#include <nlohmann/json.hpp>

namespace lt::storage {

namespace {

std::string CaseChangePayload(const domain::CaseChange& change) {
  nlohmann::json payload = {
      {"kind", "case"},
      {"case_id", change.case_id},
      {"number", change.number},
      {"action", change.action},
      {"version", change.version},
      {"at", change.at},
      {"internal", change.internal},
      {"origin_class", std::string(domain::kOriginClassCodes.ToCode(change.origin_class))},
      {"created_by", change.created_by},
      {"customer_id", change.customer_id}};
  if (change.actor_user_id) payload["actor_user_id"] = *change.actor_user_id;
  if (change.department_id) payload["department_id"] = *change.department_id;
  if (change.responsible_department_id) {
    payload["responsible_department_id"] = *change.responsible_department_id;
  }
  return payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Status PublishCaseChange(Connection& connection, const domain::CaseChange& change) {
  return connection.Notify(CaseChangePayload(change));
}

Status PublishCaseChanges(Connection& connection, std::span<const domain::CaseChange> changes) {
  std::vector<std::string> payloads;
  payloads.reserve(changes.size());
  for (const auto& change : changes) payloads.push_back(CaseChangePayload(change));
  return connection.NotifyMany(payloads);
}

std::optional<domain::CaseChange> ParseCaseChange(std::string_view payload) {
  const auto json = nlohmann::json::parse(payload, nullptr, false);
  if (!json.is_object() || json.value("kind", "") != "case") return std::nullopt;
  domain::CaseChange change;
  change.case_id = json.value("case_id", domain::Id{0});
  change.number = json.value("number", "");
  change.action = json.value("action", "");
  change.version = json.value("version", std::int64_t{0});
  change.at = json.value("at", TimestampMs{0});
  change.internal = json.value("internal", false);
  change.origin_class = domain::kOriginClassCodes.FromCode(json.value("origin_class", ""))
                            .value_or(domain::OriginClass::kUnknown);
  change.created_by = json.value("created_by", domain::Id{0});
  change.customer_id = json.value("customer_id", domain::Id{0});
  if (json.contains("actor_user_id"))
    change.actor_user_id = json["actor_user_id"].get<domain::Id>();
  if (json.contains("department_id"))
    change.department_id = json["department_id"].get<domain::Id>();
  if (json.contains("responsible_department_id")) {
    change.responsible_department_id = json["responsible_department_id"].get<domain::Id>();
  }
  if (change.case_id == 0) return std::nullopt;
  return change;
}

Status PublishCallNotice(Connection& connection, const domain::CallNotice& notice) {
  nlohmann::json payload = {{"kind", "call"}, {"call_id", notice.call_id}, {"event", notice.event}};
  if (notice.agent_user_id) payload["agent_user_id"] = *notice.agent_user_id;
  return connection.Notify(payload.dump());
}

std::optional<domain::CallNotice> ParseCallNotice(std::string_view payload) {
  const auto json = nlohmann::json::parse(payload, nullptr, false);
  if (!json.is_object() || json.value("kind", "") != "call") return std::nullopt;
  domain::CallNotice notice;
  notice.call_id = json.value("call_id", domain::Id{0});
  notice.event = json.value("event", "");
  if (json.contains("agent_user_id"))
    notice.agent_user_id = json["agent_user_id"].get<domain::Id>();
  if (notice.call_id == 0) return std::nullopt;
  return notice;
}

Status PublishUserNotice(Connection& connection, const std::vector<domain::Id>& user_ids) {
  return connection.Notify(nlohmann::json{{"kind", "notification"}, {"user_ids", user_ids}}.dump());
}

std::optional<std::vector<domain::Id>> ParseUserNotice(std::string_view payload) {
  const auto json = nlohmann::json::parse(payload, nullptr, false);
  if (!json.is_object() || json.value("kind", "") != "notification") return std::nullopt;
  const auto users = json.find("user_ids");
  if (users == json.end() || !users->is_array()) return std::nullopt;
  std::vector<domain::Id> user_ids;
  for (const auto& user : *users) {
    if (user.is_number_integer()) user_ids.push_back(user.get<domain::Id>());
  }
  return user_ids;
}

}  // namespace lt::storage
