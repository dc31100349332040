#include "http/json/timeliness_wire.hpp"

#include "http/json/wire_support.hpp"
#include "http/json/workflow_wire.hpp"

namespace lt::http::wire {

using nlohmann::json;

namespace {

json AttainmentToJson(const app::Attainment& attainment) {
  const auto rate = attainment.Rate();
  return {{"on_time", attainment.on_time},
          {"late", attainment.late},
          {"pending", attainment.pending},
          {"rate", rate ? json(*rate) : json(nullptr)}};
}

json GroupsToJson(const std::vector<app::TimelinessFigures::Group>& groups, const char* id_name) {
  json items = json::array();
  for (const auto& group : groups) {
    json item = AttainmentToJson(group.attainment);
    item[id_name] = OptionalId(group.id);
    item["name"] = group.code;
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace

json TimelinessToJson(const app::TimelinessFigures& figures, i18n::Locale locale) {
  json targets = json::array();
  for (const auto& group : figures.targets) {
    json item = AttainmentToJson(group.attainment);
    item["target"] = group.code;
    item["name"] = NameOf({}, "sla.target." + group.code, group.code, locale);
    targets.push_back(std::move(item));
  }
  return {{"overall", AttainmentToJson(figures.overall)},
          {"departments", GroupsToJson(figures.departments, "department_id")},
          {"targets", targets},
          {"people", GroupsToJson(figures.people, "user_id")}};
}

}  // namespace lt::http::wire
