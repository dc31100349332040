#include "http/json/sla_wire.hpp"

#include <tuple>

#include "http/json/wire_support.hpp"

namespace lt::http::wire {
using nlohmann::json;

json ClockToJson(const sla::StoredClock& stored, const sla::WorkingTimeLeft* left) {
  const sla::SlaClock& clock = stored.clock;
  json out = {{"target", clock.target},
              {"started_at", FormatTimestamp(clock.started_at)},
              {"due_at", FormatTimestamp(clock.due_at)},
              {"paused_ms", clock.paused_ms},
              {"state", sla::kClockStateCodes.ToCode(clock.state)},
              {"met_at", OptionalTime(clock.met_at)},
              {"warn_at", OptionalTime(clock.warn_at)},
              {"warned_at", OptionalTime(stored.warned_at)},
              {"breached_at", OptionalTime(stored.breached_at)},
              {"original_due_at", OptionalTime(clock.original_due_at)}};
  if (stored.moved) {
    out["moved"] = {{"at", FormatTimestamp(stored.moved->moved_at)},
                    {"by", OptionalId(stored.moved_by)},
                    {"reason", stored.moved_reason}};
  } else {
    out["moved"] = nullptr;
  }
  if (left) {
    json spans = json::array();
    for (const auto& span : left->spans) {
      spans.push_back({{"from", FormatTimestamp(span.from)}, {"to", FormatTimestamp(span.to)}});
    }
    out["time_left"] = {{"as_of", FormatTimestamp(left->as_of)},
                        {"remaining_ms", left->remaining_ms},
                        {"spans", spans}};
  } else {
    out["time_left"] = nullptr;
  }
  return out;
}

json ClocksToJson(const app::CaseWithClocks& found) {
  json items = json::array();
  for (const auto& stored : found.clocks) {
    const auto left = found.time_left.find(stored.clock.target);
    items.push_back(ClockToJson(stored, left == found.time_left.end() ? nullptr : &left->second));
  }
  return items;
}

Result<app::DeadlineMove> ParseDeadlineMove(const json& body, std::string target) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::DeadlineMove move;
  move.target = std::move(target);
  move.due_at = reader.Timestamp("due_at");
  move.reason = reader.String("reason").value_or("");
  move.customer_agreed = reader.Boolean("customer_agreed").value_or(false);
  return Finish(reader, errors, std::move(move));
}

json SlaPoliciesToJson(const std::vector<sla::SlaPolicy>& policies) {
  json items = json::array();
  for (const auto& policy : policies) {
    json targets = json::array();
    for (const auto& target : policy.targets) {
      targets.push_back({{"code", target.code},
                         {"start_event", target.start_event},
                         {"stop_events", target.stop_events},
                         {"pause_states", target.pause_states},
                         {"amount", target.amount},
                         {"unit", sla::kDurationUnitCodes.ToCode(target.unit)},
                         {"warn_percent", target.warn_percent},
                         {"escalate_to_user_id", OptionalId(target.escalate_to_user_id)}});
    }
    items.push_back({{"code", policy.code},
                     {"name", policy.name},
                     {"active", policy.active},
                     {"case_types", CodeList(policy.case_types, domain::kCaseTypeCodes)},
                     {"urgencies", CodeList(policy.urgencies, domain::kUrgencyCodes)},
                     {"origin_classes", CodeList(policy.origin_classes, domain::kOriginClassCodes)},
                     {"segments", CodeList(policy.segments, domain::kSegmentCodes)},
                     {"channels", CodeList(policy.channels, domain::kChannelCodes)},
                     {"category_ids", policy.category_ids},
                     {"targets", targets}});
  }
  return {{"policies", items}};
}

Result<std::vector<sla::SlaPolicy>> ParseSlaPolicies(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  auto policies = ReadObjects<sla::SlaPolicy>(reader, "policies", errors, [&](ObjectReader& item) {
    sla::SlaPolicy policy;
    policy.code = item.RequiredString("code");
    policy.name = item.String("name").value_or(policy.code);
    policy.active = item.Boolean("active").value_or(true);
    policy.case_types = ReadCodeList(item, "case_types", domain::kCaseTypeCodes, errors);
    policy.urgencies = ReadCodeList(item, "urgencies", domain::kUrgencyCodes, errors);
    policy.origin_classes = ReadCodeList(item, "origin_classes", domain::kOriginClassCodes, errors);
    policy.segments = ReadCodeList(item, "segments", domain::kSegmentCodes, errors);
    policy.channels = ReadCodeList(item, "channels", domain::kChannelCodes, errors);
    policy.category_ids = item.IdList("category_ids").value_or(std::vector<domain::Id>{});
    policy.targets =
        ReadObjects<sla::SlaTarget>(item, "targets", errors, [&](ObjectReader& target_reader) {
          sla::SlaTarget target;
          target.code = target_reader.RequiredString("code");
          target.start_event = target_reader.RequiredString("start_event");
          target.stop_events =
              target_reader.StringList("stop_events").value_or(std::vector<std::string>{});
          target.pause_states =
              target_reader.StringList("pause_states").value_or(std::vector<std::string>{});
          target.amount = target_reader.Integer("amount", 1, 10000).value_or(0);
          target.unit = target_reader.Enum("unit", sla::kDurationUnitCodes)
                            .value_or(sla::DurationUnit::kWorkingHours);
          target.warn_percent =
              static_cast<int>(target_reader.Integer("warn_percent", 0, 99).value_or(75));
          if (auto id = target_reader.NullableId("escalate_to_user_id")) {
            target.escalate_to_user_id = *id;
          }
          return target;
        });
    return policy;
  });
  return Finish(reader, errors, std::move(policies));
}

}  // namespace lt::http::wire
