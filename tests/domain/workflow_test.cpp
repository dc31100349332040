#include "domain/workflow.hpp"

#include <gtest/gtest.h>

#include <set>

#include "i18n/i18n.hpp"

namespace lt::domain {
namespace {

std::set<std::string> FieldsOf(const Status& status) {
  std::set<std::string> fields;
  if (!status.ok()) {
    for (const auto& error : status.error().fields) fields.insert(error.field + " " + error.key);
  }
  return fields;
}

std::vector<std::string> StepCodes(const std::vector<const WorkflowTransition*>& steps) {
  std::vector<std::string> codes;
  for (const auto* step : steps) codes.push_back(step->code);
  return codes;
}

TEST(Workflow, TheShippedProcedureIsValidAndNamedInBothLanguages) {
  const Workflow workflow = DefaultWorkflow();
  EXPECT_TRUE(ValidateWorkflow(workflow).ok());
  for (const auto& state : workflow.states) {
    EXPECT_TRUE(i18n::HasKey("workflow.state." + state.code)) << state.code;
  }
  for (const auto& step : workflow.transitions) {
    EXPECT_TRUE(i18n::HasKey("workflow.step." + step.code)) << step.code;
  }
  for (const auto& [requirement, code] : kRequirementCodes.entries) {
    EXPECT_TRUE(i18n::HasKey("workflow.requirement." + std::string(code))) << code;
  }
}

TEST(Workflow, ComplaintsEnvironmentalCasesAndInquiriesTakeTheirOwnPaths) {
  const Workflow workflow = DefaultWorkflow();
  EXPECT_EQ(
      StepCodes(workflow.StepsFrom("received", CaseType::kComplaint, OriginClass::kOwnFactory)),
      std::vector<std::string>{"contact_customer"});
  EXPECT_EQ(
      StepCodes(workflow.StepsFrom("received", CaseType::kComplaint, OriginClass::kEnvironmental)),
      std::vector<std::string>{"refer_to_general_affairs"});
  EXPECT_EQ(StepCodes(workflow.StepsFrom("received", CaseType::kInquiry, OriginClass::kUnknown)),
            std::vector<std::string>{"answer"});
  const auto understanding =
      StepCodes(workflow.StepsFrom("understanding", CaseType::kComplaint, OriginClass::kUsage));
  EXPECT_EQ(understanding,
            (std::vector<std::string>{"resolve_on_site", "request_sample",
                                      "request_failure_analysis", "wait_for_customer"}));
}

TEST(Workflow, OnlyTheNamedRolesAndAdminsMayTakeAStep) {
  const Workflow workflow = DefaultWorkflow();
  const auto steps =
      workflow.StepsFrom("qa_approval", CaseType::kComplaint, OriginClass::kOwnFactory);
  ASSERT_FALSE(steps.empty());
  // The QA head approves countermeasures; a QA engineer does not.
  EXPECT_EQ(steps[0]->code, "approve_countermeasures");
  EXPECT_TRUE(MayTake(*steps[0], Role::kQaHead));
  EXPECT_FALSE(MayTake(*steps[0], Role::kQa));
  EXPECT_TRUE(MayTake(*steps[0], Role::kAdmin));
  EXPECT_FALSE(MayTake(*steps[0], Role::kSales));
  EXPECT_FALSE(MayTake(*steps[0], Role::kCustomer));
  // The QA head has QA's rights too.
  const auto investigation =
      workflow.StepsFrom("investigating", CaseType::kComplaint, OriginClass::kOwnFactory);
  ASSERT_FALSE(investigation.empty());
  EXPECT_TRUE(MayTake(*investigation[0], Role::kQa));
  EXPECT_TRUE(MayTake(*investigation[0], Role::kQaHead));
  EXPECT_FALSE(MayTake(*investigation[0], Role::kDepartmentMember));
}

TEST(Workflow, AStepIsChosenByWhereItLeadsAndWhoTakesIt) {
  const Workflow workflow = DefaultWorkflow();
  Case a_case;
  a_case.status = "qa_approval";
  a_case.type = CaseType::kComplaint;
  a_case.origin_class = OriginClass::kOwnFactory;
  Principal qa_head{.user_id = 1, .role = Role::kQaHead};
  Principal qa{.user_id = 2, .role = Role::kQa};
  const std::string to = workflow.StepsFrom("qa_approval", a_case.type, a_case.origin_class)[0]->to;

  auto chosen = ChooseStep(workflow, a_case, qa_head, to, std::nullopt);
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ((*chosen)->code, "approve_countermeasures");
  EXPECT_EQ(StepCodes(StepsOpenTo(workflow, a_case, qa)), std::vector<std::string>{});
  // A step QA may not take: forbidden; a state no step leads to: not allowed.
  auto forbidden = ChooseStep(workflow, a_case, qa, to, std::nullopt);
  ASSERT_FALSE(forbidden.ok());
  EXPECT_EQ(forbidden.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(forbidden.error().key, "error.transition_forbidden");
  auto nowhere = ChooseStep(workflow, a_case, qa_head, "received", std::nullopt);
  ASSERT_FALSE(nowhere.ok());
  EXPECT_EQ(nowhere.error().code, ErrorCode::kConflict);
  EXPECT_EQ(nowhere.error().key, "error.transition_not_allowed");
  // Naming a step that does not lead there is not allowed either.
  EXPECT_FALSE(ChooseStep(workflow, a_case, qa_head, to, std::string("answer")).ok());
}

TEST(Workflow, ValidationReportsEveryProblem) {
  Workflow workflow = DefaultWorkflow();
  workflow.initial_state = "nowhere";
  workflow.states.push_back({"received", StateKind::kOpen, {}});
  workflow.states.push_back({"Bad-Code", StateKind::kOpen, {}});
  workflow.transitions[0].to = "missing";
  workflow.transitions[1].from = {"environmental_handling"};
  workflow.transitions[2].code = workflow.transitions[3].code;
  const auto fields = FieldsOf(ValidateWorkflow(workflow));
  EXPECT_TRUE(fields.contains("initial_state validation.unknown_state"));
  const auto added = std::to_string(DefaultWorkflow().states.size());
  EXPECT_TRUE(fields.contains("states[" + added + "].code validation.duplicate"));
  EXPECT_TRUE(fields.contains("states[" + std::to_string(workflow.states.size() - 1) +
                              "].code validation.workflow_code"));
  EXPECT_TRUE(fields.contains("transitions[0].to validation.unknown_state"));
  EXPECT_TRUE(fields.contains("transitions[1].to validation.workflow_loop"));
  EXPECT_TRUE(fields.contains("transitions[3].code validation.duplicate"));

  Workflow without_end = DefaultWorkflow();
  without_end.states.back().kind = StateKind::kOpen;
  EXPECT_TRUE(FieldsOf(ValidateWorkflow(without_end))
                  .contains("states validation.workflow_needs_closed_state"));
}

}  // namespace
}  // namespace lt::domain
