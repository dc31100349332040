// Every path of the shipped complaint procedure (domain::DefaultWorkflow with
// sla::DefaultSlaPolicies on the shipped calendar), walked from receipt to
// the end with each stage taking all the time it is given: every step is
// taken at the deadline of the clock it stops. However late within its
// deadline a stage ends, the next stage must not fall due before it:
// contact ≤ (initial analysis ≤) investigation ≤ countermeasures ≤ reply.
// (A stage a step ended before its own deadline, as recording the cause ends
// the other-factory initial analysis too, bounds the next by when it ended.)

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "domain/workflow.hpp"
#include "sla/shipped_calendar.hpp"
#include "sla/sla_clock.hpp"
#include "sla/sla_policy.hpp"

namespace lt::sla {
namespace {

using domain::CaseType;
using domain::OriginClass;
using domain::StateKind;
using domain::Urgency;
using domain::Workflow;
using domain::WorkflowTransition;

constexpr TimestampMs kMinuteMs = 60'000;

// The stages in the order their deadlines must keep; a path has the clocks
// its steps start. Without a sample the potential-failure analysis is the reply.
const std::vector<std::string> kStageOrder = {"first_contact", "initial_analysis",
                                              "investigation", "countermeasures",
                                              "reply",         "failure_analysis"};

bool IsSettled(const Workflow& workflow, const std::string& state) {
  const auto* found = workflow.FindState(state);
  return found && (found->kind == StateKind::kResolved || found->kind == StateKind::kClosed);
}

// Every path from the initial state to a resolved or closed one that does not
// visit a state twice (reopening and sending back lead where the path was).
void CollectPaths(const Workflow& workflow, CaseType type, OriginClass origin,
                  const std::string& state, std::vector<std::string>& visited,
                  std::vector<const WorkflowTransition*>& path,
                  std::vector<std::vector<const WorkflowTransition*>>& paths) {
  if (IsSettled(workflow, state)) {
    paths.push_back(path);
    return;
  }
  for (const auto* step : workflow.StepsFrom(state, type, origin)) {
    if (std::find(visited.begin(), visited.end(), step->to) != visited.end()) continue;
    visited.push_back(step->to);
    path.push_back(step);
    CollectPaths(workflow, type, origin, step->to, visited, path, paths);
    path.pop_back();
    visited.pop_back();
  }
}

std::string Describe(const std::vector<const WorkflowTransition*>& path) {
  std::string text;
  for (const auto* step : path) text += (text.empty() ? "" : " → ") + step->code;
  return text;
}

// The clock of every target that started, after a walk that takes each step
// at the latest moment that keeps its clocks met.
std::map<std::string, SlaClock> Walk(const std::vector<const WorkflowTransition*>& path,
                                     const std::vector<SlaTarget>& targets,
                                     const BusinessCalendar& calendar, TimestampMs received_at) {
  CaseHistory history;
  history.received_at = received_at;
  history.states.push_back({received_at, "received", false});
  TimestampMs now = received_at;
  auto clocks_at = [&](TimestampMs at) {
    std::map<std::string, SlaClock> clocks;
    for (const auto& target : targets) {
      auto clock = EvaluateClock(target, history, calendar, at);
      EXPECT_TRUE(clock.ok());
      if (clock.ok() && clock->has_value()) clocks[target.code] = **clock;
    }
    return clocks;
  };
  for (const auto* step : path) {
    // The step stops the running clocks whose stop events it records: it is
    // taken at the earliest of their deadlines (at once when an earlier step
    // already reached it), or a minute on when it stops none.
    std::optional<TimestampMs> latest;
    for (const auto& [code, clock] : clocks_at(now)) {
      if (clock.met_at || clock.state == ClockState::kPaused) continue;
      const auto& target = *std::find_if(targets.begin(), targets.end(),
                                         [&](const SlaTarget& t) { return t.code == code; });
      const bool stops = std::any_of(step->events.begin(), step->events.end(), [&](auto& event) {
        return std::find(target.stop_events.begin(), target.stop_events.end(), event) !=
               target.stop_events.end();
      });
      if (stops) latest = std::min(latest.value_or(clock.due_at), clock.due_at);
    }
    now = latest ? std::max(now, *latest) : now + kMinuteMs;
    for (const auto& event : step->events) history.events.push_back({event, now});
    history.states.push_back({now, step->to, false});
  }
  return clocks_at(now);
}

// Receipt moments around the National Day holiday (1–7 October 2026, with
// the adjusted working Sunday 27 September and Saturday 10 October), the
// Spring Festival (15–23 February, adjusted Saturdays 14 and 28 February) and
// plain weekends, at different times of day.
std::vector<TimestampMs> ReceiptMoments() {
  std::vector<TimestampMs> moments;
  for (const char* day : {"2026-02-12", "2026-02-13", "2026-02-14", "2026-03-06", "2026-03-07",
                          "2026-09-25", "2026-09-27", "2026-09-29", "2026-09-30", "2026-10-09"}) {
    for (const char* time : {"T00:30:00", "T08:29:00", "T11:45:00", "T17:30:00", "T22:15:00"}) {
      moments.push_back(ParseTimestamp(std::string(day) + time + "+08:00").value());
    }
  }
  return moments;
}

TEST(ProcedureDeadlines, EachStageFallsDueNoLaterThanTheNextOnEveryPathOfTheDefaultWorkflow) {
  const Workflow workflow = domain::DefaultWorkflow();
  const auto policies = DefaultSlaPolicies();
  const BusinessCalendar calendar = ShippedCalendar().value();
  const auto moments = ReceiptMoments();
  int walks = 0;
  std::map<std::string, int> chains_seen;
  for (const auto type : {CaseType::kComplaint, CaseType::kGrumble}) {
    for (const auto origin :
         {OriginClass::kUnknown, OriginClass::kOwnFactory, OriginClass::kOtherFactory,
          OriginClass::kUsage, OriginClass::kEnvironmental}) {
      for (const auto urgency : {Urgency::kNormal, Urgency::kUrgent}) {
        CaseFacts facts;
        facts.type = type;
        facts.origin_class = origin;
        facts.urgency = urgency;
        const auto targets = ChooseTargets(policies, facts);
        std::vector<std::string> visited = {workflow.initial_state};
        std::vector<const WorkflowTransition*> path;
        std::vector<std::vector<const WorkflowTransition*>> paths;
        CollectPaths(workflow, type, origin, workflow.initial_state, visited, path, paths);
        ASSERT_FALSE(paths.empty());
        for (const auto& walked : paths) {
          for (const TimestampMs received_at : moments) {
            const auto clocks = Walk(walked, targets, calendar, received_at);
            ++walks;
            std::string chain;
            std::optional<SlaClock> previous;
            for (const auto& stage : kStageOrder) {
              if (!clocks.contains(stage)) continue;
              const SlaClock& clock = clocks.at(stage);
              chain += (chain.empty() ? "" : " ≤ ") + stage;
              if (previous) {
                const TimestampMs bound =
                    std::min(previous->due_at, previous->met_at.value_or(previous->due_at));
                EXPECT_LE(bound, clock.due_at)
                    << previous->target << " ends after " << stage << " falls due on the path "
                    << Describe(walked) << " (urgency " << domain::kUrgencyCodes.ToCode(urgency)
                    << ", origin " << domain::kOriginClassCodes.ToCode(origin) << ") received at "
                    << calendar.FormatLocal(received_at) << ": " << calendar.FormatLocal(bound)
                    << " > " << calendar.FormatLocal(clock.due_at);
              }
              previous = clock;
            }
            ++chains_seen[chain];
          }
        }
      }
    }
  }
  // The walk reached the long chains, not only the short paths.
  EXPECT_TRUE(chains_seen.contains("first_contact ≤ investigation ≤ countermeasures ≤ reply"));
  EXPECT_TRUE(chains_seen.contains(
      "first_contact ≤ initial_analysis ≤ investigation ≤ countermeasures ≤ reply"));
  EXPECT_TRUE(chains_seen.contains("first_contact ≤ failure_analysis"));
  EXPECT_GT(walks, 1000);
}

}  // namespace
}  // namespace lt::sla
