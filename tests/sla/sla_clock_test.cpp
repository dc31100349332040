// Each default SLA target of the procedure, computed on the shipped calendar
// (Mon–Fri 08:30–12:00 and 13:30–17:30 Asia/Shanghai, mainland China 2026).

#include "sla/sla_clock.hpp"

#include <gtest/gtest.h>

#include "support/china_calendar.hpp"

#include "sla/shipped_calendar.hpp"

namespace lt::sla {
namespace {

using test::Shanghai;
std::string Local(TimestampMs at) { return FormatTimestamp(at); }

const BusinessCalendar& Calendar() {
  static const BusinessCalendar calendar = ShippedCalendar().value();
  return calendar;
}

// The target the default policies choose for a case.
SlaTarget DefaultTarget(const std::string& code, domain::Urgency urgency = domain::Urgency::kNormal,
                        domain::OriginClass origin = domain::OriginClass::kUnknown) {
  CaseFacts facts;
  facts.urgency = urgency;
  facts.origin_class = origin;
  for (const auto& target : ChooseTargets(DefaultSlaPolicies(), facts)) {
    if (target.code == code) return target;
  }
  ADD_FAILURE() << "no default target " << code;
  return {};
}

// A complaint's history, built step by step.
struct History {
  CaseHistory history;
  explicit History(const std::string& received) {
    history.received_at = Shanghai(received);
    history.states.push_back({history.received_at, "received", false});
  }
  History& Event(const std::string& event, const std::string& at) {
    history.events.push_back({event, Shanghai(at)});
    return *this;
  }
  History& State(const std::string& state, const std::string& at, bool settled = false) {
    history.states.push_back({Shanghai(at), state, settled});
    return *this;
  }
};

SlaClock Evaluate(const SlaTarget& target, const History& history, const std::string& now,
                  const std::optional<MovedDeadline>& moved = {}) {
  auto clock = EvaluateClock(target, history.history, Calendar(), Shanghai(now), moved);
  EXPECT_TRUE(clock.ok());
  EXPECT_TRUE(clock.ok() && clock->has_value()) << "clock not started";
  return clock.ok() && clock->has_value() ? **clock : SlaClock{};
}

TEST(SlaClock, FirstContactCountsTwelveHoursOfWorkingDaysAcrossTheNationalDayHoliday) {
  // "12小时": received at 17:30 on the last working day before the National
  // Day holiday, 6.5 hours of that day count round the clock; 1–7 October
  // count nothing; the remaining 5.5 hours end at 05:30 on Thursday the 8th.
  const History complaint("2026-09-30T17:30:00");
  const auto clock = Evaluate(DefaultTarget("first_contact"), complaint, "2026-10-01T09:00:00");
  EXPECT_EQ(Local(clock.started_at), Local(Shanghai("2026-09-30T17:30:00")));
  EXPECT_EQ(Local(clock.due_at), Local(Shanghai("2026-10-08T05:30:00")));
  EXPECT_EQ(clock.state, ClockState::kRunning);
  // 75 % of 12 hours is 9: 6.5 on the 30th and 2.5 on the 8th.
  ASSERT_TRUE(clock.warn_at.has_value());
  EXPECT_EQ(Local(*clock.warn_at), Local(Shanghai("2026-10-08T02:30:00")));
}

TEST(SlaClock, FirstContactWindowIncludesTheAdjustedWorkingSaturdayBeforeSpringFestival) {
  // Friday 13 February 17:30: 6.5 hours that day, and Saturday the 14th is an
  // adjusted working day, whose first 5.5 hours end the window.
  const History complaint("2026-02-13T17:30:00");
  const auto clock = Evaluate(DefaultTarget("first_contact"), complaint, "2026-02-14T09:00:00");
  EXPECT_EQ(Local(clock.due_at), Local(Shanghai("2026-02-14T05:30:00")));
  // Friday 20:00 before a plain weekend: Saturday and Sunday do not count.
  const History weekend("2026-03-06T20:00:00");
  const auto monday = Evaluate(DefaultTarget("first_contact"), weekend, "2026-03-06T21:00:00");
  EXPECT_EQ(Local(monday.due_at), Local(Shanghai("2026-03-09T08:00:00")));
}

TEST(SlaClock, EveryHourClockOfAnUrgentCaseCountsCalendarHours) {
  const History complaint = std::move(History("2026-03-06T20:00:00")
                                          .Event("first_contact", "2026-03-06T21:00:00")
                                          .Event("handed_to_qa", "2026-03-07T10:00:00")
                                          .Event("investigation_done", "2026-03-07T18:00:00"));
  const auto urgent = domain::Urgency::kUrgent;
  const auto contact =
      Evaluate(DefaultTarget("first_contact", urgent), complaint, "2026-03-06T20:30:00");
  EXPECT_EQ(Local(contact.due_at), Local(Shanghai("2026-03-07T08:00:00")));
  const auto investigation =
      Evaluate(DefaultTarget("investigation", urgent), complaint, "2026-03-07T11:00:00");
  EXPECT_EQ(Local(investigation.due_at), Local(Shanghai("2026-03-08T10:00:00")));
  const auto countermeasures =
      Evaluate(DefaultTarget("countermeasures", urgent), complaint, "2026-03-07T19:00:00");
  EXPECT_EQ(Local(countermeasures.due_at), Local(Shanghai("2026-03-08T18:00:00")));
}

TEST(SlaClock, CountermeasuresAreDueTwentyFourHoursAfterTheInvestigation) {
  const History complaint =
      std::move(History("2026-03-02T08:00:00")
                    .Event("handed_to_qa", "2026-03-02T10:00:00")
                    .Event("investigation_done", "2026-03-03T15:00:00")
                    .Event("countermeasures_submitted", "2026-03-04T11:00:00"));
  const auto clock = Evaluate(DefaultTarget("countermeasures"), complaint, "2026-03-04T12:00:00");
  EXPECT_EQ(Local(clock.started_at), Local(Shanghai("2026-03-03T15:00:00")));
  EXPECT_EQ(Local(clock.due_at), Local(Shanghai("2026-03-04T15:00:00")));
  EXPECT_EQ(clock.state, ClockState::kMet);
}

TEST(SlaClock, FirstContactIsMetByTheContactStep) {
  const History complaint = std::move(History("2026-03-02T09:30:00")
                                          .Event("first_contact", "2026-03-02T15:00:00")
                                          .State("understanding", "2026-03-02T15:00:00"));
  const auto clock = Evaluate(DefaultTarget("first_contact"), complaint, "2026-03-10T09:00:00");
  EXPECT_EQ(clock.state, ClockState::kMet);
  EXPECT_EQ(Local(*clock.met_at), Local(Shanghai("2026-03-02T15:00:00")));
  EXPECT_FALSE(clock.warn_at.has_value());
}

TEST(SlaClock, InvestigationCountsTwentyFourHoursFromTheHandOverToQa) {
  const History complaint = std::move(History("2026-03-02T08:00:00")
                                          .Event("first_contact", "2026-03-02T09:00:00")
                                          .Event("handed_to_qa", "2026-03-02T10:00:00"));
  // "24小时" ends before the 3-working-day reply: Tuesday 10:00.
  const auto clock = Evaluate(DefaultTarget("investigation"), complaint, "2026-03-02T10:00:00");
  EXPECT_EQ(Local(clock.due_at), Local(Shanghai("2026-03-03T10:00:00")));
  // Handed over on Friday afternoon: the weekend does not count.
  const History friday =
      std::move(History("2026-03-06T08:00:00").Event("handed_to_qa", "2026-03-06T16:00:00"));
  const auto after_weekend =
      Evaluate(DefaultTarget("investigation"), friday, "2026-03-06T16:00:00");
  EXPECT_EQ(Local(after_weekend.due_at), Local(Shanghai("2026-03-09T16:00:00")));
}

TEST(SlaClock, EnvironmentalInvestigationAndReplyStartAtTheHandOverToGeneralAffairs) {
  const History complaint =
      std::move(History("2026-03-02T08:00:00")
                    .Event("first_contact", "2026-03-02T09:00:00")
                    .Event("handed_to_general_affairs", "2026-03-02T09:00:00"));
  const auto origin = domain::OriginClass::kEnvironmental;
  const auto investigation =
      Evaluate(DefaultTarget("investigation", domain::Urgency::kNormal, origin), complaint,
               "2026-03-02T10:00:00");
  EXPECT_EQ(Local(investigation.due_at), Local(Shanghai("2026-03-03T09:00:00")));
  const auto reply = Evaluate(DefaultTarget("reply", domain::Urgency::kNormal, origin), complaint,
                              "2026-03-02T10:00:00");
  EXPECT_EQ(Local(reply.due_at), Local(Shanghai("2026-03-05T09:00:00")));
}

TEST(SlaClock, UrgentReplyCountsFortyEightCalendarHoursThroughTheWeekend) {
  const History complaint =
      std::move(History("2026-10-09T10:00:00").Event("sample_received", "2026-10-09T17:00:00"));
  const auto clock =
      Evaluate(DefaultTarget("reply", domain::Urgency::kUrgent), complaint, "2026-10-09T18:00:00");
  EXPECT_EQ(Local(clock.due_at), Local(Shanghai("2026-10-11T17:00:00")));
}

TEST(SlaClock, NormalReplyEndsThreeWorkingDaysLaterOnTheAdjustedSaturday) {
  // The example of the issue: sample received Wednesday 30 September 17:00.
  const History complaint =
      std::move(History("2026-09-29T10:00:00").Event("sample_received", "2026-09-30T17:00:00"));
  for (const auto origin : {domain::OriginClass::kUnknown, domain::OriginClass::kOwnFactory}) {
    const auto clock = Evaluate(DefaultTarget("reply", domain::Urgency::kNormal, origin), complaint,
                                "2026-10-01T12:00:00");
    EXPECT_EQ(Local(clock.due_at), Local(Shanghai("2026-10-10T17:00:00")));
  }
}

TEST(SlaClock, OtherFactoryRepliesInSevenWorkingDaysWithTheInitialAnalysisInTwo) {
  const History complaint = std::move(History("2026-03-02T08:45:00")
                                          .Event("sample_received", "2026-03-02T09:30:00")
                                          .Event("handed_to_qa", "2026-03-02T09:30:00"));
  const auto origin = domain::OriginClass::kOtherFactory;
  const auto reply = Evaluate(DefaultTarget("reply", domain::Urgency::kNormal, origin), complaint,
                              "2026-03-02T10:00:00");
  EXPECT_EQ(Local(reply.due_at), Local(Shanghai("2026-03-11T09:30:00")));
  const auto initial = Evaluate(DefaultTarget("initial_analysis", domain::Urgency::kNormal, origin),
                                complaint, "2026-03-02T10:00:00");
  EXPECT_EQ(Local(initial.due_at), Local(Shanghai("2026-03-04T09:30:00")));
  const auto cause = Evaluate(DefaultTarget("investigation", domain::Urgency::kNormal, origin),
                              complaint, "2026-03-02T10:00:00");
  EXPECT_EQ(Local(cause.due_at), Local(Shanghai("2026-03-09T09:30:00")));
}

TEST(SlaClock, TheInitialAnalysisEndsWithThePreliminaryAnalysisNotTheRootCause) {
  const History complaint = std::move(History("2026-03-02T08:45:00")
                                          .Event("sample_received", "2026-03-02T09:30:00")
                                          .Event("handed_to_qa", "2026-03-02T09:30:00")
                                          .Event("initial_analysis_done", "2026-03-03T16:00:00"));
  const auto clock = Evaluate(DefaultTarget("initial_analysis", domain::Urgency::kNormal,
                                            domain::OriginClass::kOtherFactory),
                              complaint, "2026-03-05T10:00:00");
  EXPECT_EQ(clock.state, ClockState::kMet);
  EXPECT_EQ(Local(*clock.met_at), Local(Shanghai("2026-03-03T16:00:00")));
}

TEST(SlaClock, PotentialFailureAnalysisWithoutASampleTakesFortyEightCalendarHours) {
  History complaint("2026-03-06T09:00:00");
  complaint.Event("failure_analysis_requested", "2026-03-06T16:00:00");
  const auto clock = Evaluate(DefaultTarget("failure_analysis"), complaint, "2026-03-06T16:00:00");
  EXPECT_EQ(Local(clock.due_at), Local(Shanghai("2026-03-08T16:00:00")));
  // Written by QA, it is the reply: the clock runs until it reaches the customer.
  complaint.Event("failure_analysis_written", "2026-03-07T10:00:00");
  const auto written =
      Evaluate(DefaultTarget("failure_analysis"), complaint, "2026-03-07T11:00:00");
  EXPECT_EQ(written.state, ClockState::kRunning);
  complaint.Event("replied", "2026-03-07T15:00:00");
  const auto replied =
      Evaluate(DefaultTarget("failure_analysis"), complaint, "2026-03-07T16:00:00");
  EXPECT_EQ(replied.state, ClockState::kMet);
  EXPECT_EQ(Local(*replied.met_at), Local(Shanghai("2026-03-07T15:00:00")));
}

TEST(SlaClock, WaitingForTheCustomerPausesTheReplyAndResumingPushesTheDeadline) {
  History complaint("2026-03-02T08:45:00");
  complaint.Event("sample_received", "2026-03-02T09:00:00")
      .State("replying", "2026-03-02T09:00:00")
      .State("waiting_customer", "2026-03-03T09:00:00");
  const auto target = DefaultTarget("reply");
  const auto paused = Evaluate(target, complaint, "2026-03-04T12:00:00");
  EXPECT_EQ(paused.state, ClockState::kPaused);
  EXPECT_EQ(paused.paused_ms, 27LL * 3600 * 1000);
  EXPECT_FALSE(paused.warn_at.has_value());

  complaint.State("replying", "2026-03-05T09:00:00");
  const auto resumed = Evaluate(target, complaint, "2026-03-05T10:00:00");
  EXPECT_EQ(resumed.state, ClockState::kRunning);
  EXPECT_EQ(resumed.paused_ms, 48LL * 3600 * 1000);
  // Unpaused it was due Thursday 09:00; the 15 working hours of the pause
  // (Tuesday 7, Wednesday 7.5, Thursday 0.5) move it to Monday 09:00.
  EXPECT_EQ(Local(resumed.due_at), Local(Shanghai("2026-03-09T09:00:00")));
}

TEST(SlaClock, AMovedDeadlineReplacesTheComputedOneAndKeepsIt) {
  const History complaint =
      std::move(History("2026-09-29T10:00:00").Event("sample_received", "2026-09-30T17:00:00"));
  const MovedDeadline moved{Shanghai("2026-10-15T12:00:00"), Shanghai("2026-10-09T09:00:00")};
  const auto clock = Evaluate(DefaultTarget("reply"), complaint, "2026-10-12T09:00:00", moved);
  EXPECT_EQ(clock.state, ClockState::kRunning);
  EXPECT_EQ(Local(clock.due_at), Local(Shanghai("2026-10-15T12:00:00")));
  ASSERT_TRUE(clock.original_due_at.has_value());
  EXPECT_EQ(Local(*clock.original_due_at), Local(Shanghai("2026-10-10T17:00:00")));
}

TEST(SlaClock, AStopAfterTheDeadlineIsABreachAndSettlingStopsTheClock) {
  History complaint("2026-03-02T09:30:00");
  complaint.Event("first_contact", "2026-03-05T09:00:00");
  const auto late = Evaluate(DefaultTarget("first_contact"), complaint, "2026-03-06T09:00:00");
  EXPECT_EQ(late.state, ClockState::kBreached);
  EXPECT_EQ(Local(*late.met_at), Local(Shanghai("2026-03-05T09:00:00")));

  History resolved("2026-03-02T09:30:00");
  resolved.Event("sample_received", "2026-03-02T10:00:00")
      .State("resolved", "2026-03-02T11:00:00", true);
  const auto reply = Evaluate(DefaultTarget("reply"), resolved, "2026-03-20T09:00:00");
  EXPECT_EQ(reply.state, ClockState::kMet);
  EXPECT_EQ(Local(*reply.met_at), Local(Shanghai("2026-03-02T11:00:00")));
}

TEST(SlaClock, TheNextAlertIsTheWarningThenTheBreachAndNoneOnceMetOrPaused) {
  SlaClock clock;
  clock.due_at = 1000;
  clock.warn_at = 750;
  EXPECT_EQ(NextAlertAt(clock, false, false), 750);
  EXPECT_EQ(NextAlertAt(clock, true, false), 1001);  // the deadline itself is still kept
  EXPECT_EQ(NextAlertAt(clock, true, true), std::nullopt);
  clock.state = ClockState::kPaused;
  EXPECT_EQ(NextAlertAt(clock, false, false), std::nullopt);
  clock.state = ClockState::kMet;
  clock.met_at = 900;
  EXPECT_EQ(NextAlertAt(clock, false, false), std::nullopt);
}

TEST(SlaClock, DoesNotStartBeforeItsStartEvent) {
  const History complaint("2026-03-02T09:30:00");
  auto clock = EvaluateClock(DefaultTarget("reply"), complaint.history, Calendar(),
                             Shanghai("2026-03-03T09:00:00"));
  ASSERT_TRUE(clock.ok());
  EXPECT_FALSE(clock->has_value());
}

TEST(SlaPolicy, UrgentComplaintsTakeTheUrgentReplyAndOthersTheNormalOne) {
  CaseFacts urgent_other;
  urgent_other.urgency = domain::Urgency::kUrgent;
  urgent_other.origin_class = domain::OriginClass::kOtherFactory;
  std::map<std::string, SlaTarget> chosen;
  for (const auto& target : ChooseTargets(DefaultSlaPolicies(), urgent_other))
    chosen[target.code] = target;
  EXPECT_EQ(chosen.at("reply").unit, DurationUnit::kCalendarHours);
  EXPECT_EQ(chosen.at("first_contact").unit, DurationUnit::kCalendarHours);
  EXPECT_EQ(chosen.at("investigation").unit, DurationUnit::kCalendarHours);
  EXPECT_EQ(chosen.at("countermeasures").unit, DurationUnit::kCalendarHours);
  // The initial analysis cannot wait two working days when the reply is due in 48 hours.
  EXPECT_EQ(chosen.at("initial_analysis").amount, 24);
  EXPECT_EQ(chosen.at("initial_analysis").unit, DurationUnit::kCalendarHours);
  EXPECT_EQ(chosen.at("supplier_answer").amount, 7);

  CaseFacts inquiry;
  inquiry.type = domain::CaseType::kInquiry;
  const auto targets = ChooseTargets(DefaultSlaPolicies(), inquiry);
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0].code, "first_contact");
}

TEST(SlaPolicy, ValidationNamesEachBadField) {
  auto policies = DefaultSlaPolicies();
  policies[0].targets[0].amount = 0;
  policies[1].code = "Bad Code";
  policies[2].targets[0].stop_events.clear();
  auto status = ValidateSlaPolicies(policies);
  ASSERT_FALSE(status.ok());
  std::set<std::string> fields;
  for (const auto& error : status.error().fields) fields.insert(error.field);
  EXPECT_TRUE(fields.contains("policies[0].targets[0].amount"));
  EXPECT_TRUE(fields.contains("policies[1].code"));
  EXPECT_TRUE(fields.contains("policies[2].targets[0].stop_events"));
  EXPECT_TRUE(ValidateSlaPolicies(DefaultSlaPolicies()).ok());
}

}  // namespace
}  // namespace lt::sla
