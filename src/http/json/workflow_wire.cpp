#include "http/json/workflow_wire.hpp"

#include <tuple>

#include "http/json/wire_support.hpp"

namespace lt::http::wire {
namespace {

using nlohmann::json;

json LabelsToJson(const domain::Labels& labels) {
  json out = json::object();
  for (const auto& [locale, label] : labels) out[locale] = label;
  return out;
}

domain::Labels ReadLabels(ObjectReader& reader, FieldErrors& errors) {
  domain::Labels labels;
  const json* object = reader.Object("labels");
  if (!object) return labels;
  for (const auto& [locale, label] : object->items()) {
    i18n::Locale parsed;
    if (!i18n::ParseLocaleTag(locale, parsed) || i18n::LocaleTag(parsed) != locale) {
      errors.Add(reader.Path("labels") + "." + locale, "validation.enum",
                 {{"allowed", "zh-CN, en"}});
    } else if (!label.is_string() || label.get<std::string>().empty() ||
               label.get<std::string>().size() > 200) {
      errors.Add(reader.Path("labels") + "." + locale, "validation.type_string");
    } else {
      labels[locale] = label.get<std::string>();
    }
  }
  return labels;
}

}  // namespace

std::string NameOf(const domain::Labels& labels, const std::string& key, const std::string& code,
                   i18n::Locale locale) {
  if (auto found = labels.find(std::string(i18n::LocaleTag(locale))); found != labels.end()) {
    return found->second;
  }
  if (i18n::HasKey(key)) return i18n::Translate(locale, key);
  return labels.empty() ? code : labels.begin()->second;
}

std::string StateName(const domain::Workflow& workflow, const std::string& code,
                      i18n::Locale locale) {
  const auto* state = workflow.FindState(code);
  return NameOf(state ? state->labels : domain::Labels{}, "workflow.state." + code, code, locale);
}

json WorkflowToJson(const domain::Workflow& workflow, i18n::Locale locale) {
  json states = json::array();
  for (const auto& state : workflow.states) {
    states.push_back({{"code", state.code},
                      {"kind", domain::kStateKindCodes.ToCode(state.kind)},
                      {"name", StateName(workflow, state.code, locale)},
                      {"labels", LabelsToJson(state.labels)}});
  }
  json steps = json::array();
  for (const auto& step : workflow.transitions) {
    steps.push_back({{"code", step.code},
                     {"name", NameOf(step.labels, "workflow.step." + step.code, step.code, locale)},
                     {"from", step.from},
                     {"to", step.to},
                     {"roles", CodeList(step.roles, domain::kRoleCodes)},
                     {"case_types", CodeList(step.case_types, domain::kCaseTypeCodes)},
                     {"origin_classes", CodeList(step.origin_classes, domain::kOriginClassCodes)},
                     {"requirements", CodeList(step.requirements, domain::kRequirementCodes)},
                     {"events", step.events},
                     {"labels", LabelsToJson(step.labels)}});
  }
  return {{"initial_state", workflow.initial_state}, {"states", states}, {"transitions", steps}};
}

Result<domain::Workflow> ParseWorkflow(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  domain::Workflow workflow;
  workflow.initial_state = reader.RequiredString("initial_state");
  workflow.states =
      ReadObjects<domain::WorkflowState>(reader, "states", errors, [&](ObjectReader& item) {
        domain::WorkflowState state;
        state.code = item.RequiredString("code");
        state.kind = item.Enum("kind", domain::kStateKindCodes).value_or(domain::StateKind::kOpen);
        // Read-only: the name in the reader's language, as GET shows it, so
        // that what GET returns is accepted back. Labels are what is kept.
        std::ignore = item.String("name");
        state.labels = ReadLabels(item, errors);
        return state;
      });
  workflow.transitions = ReadObjects<domain::WorkflowTransition>(
      reader, "transitions", errors, [&](ObjectReader& item) {
        domain::WorkflowTransition step;
        step.code = item.RequiredString("code");
        step.from = item.StringList("from").value_or(std::vector<std::string>{});
        step.to = item.RequiredString("to");
        step.roles = ReadCodeList(item, "roles", domain::kRoleCodes, errors);
        step.case_types = ReadCodeList(item, "case_types", domain::kCaseTypeCodes, errors);
        step.origin_classes =
            ReadCodeList(item, "origin_classes", domain::kOriginClassCodes, errors);
        step.requirements = ReadCodeList(item, "requirements", domain::kRequirementCodes, errors);
        step.events = item.StringList("events").value_or(std::vector<std::string>{});
        std::ignore = item.String("name");  // read-only, as for states
        step.labels = ReadLabels(item, errors);
        return step;
      });
  return Finish(reader, errors, std::move(workflow));
}

}  // namespace lt::http::wire
