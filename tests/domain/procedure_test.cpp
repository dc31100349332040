// The rules of the procedure's records that need no store.

#include "domain/procedure.hpp"

#include <gtest/gtest.h>

namespace lt::domain {
namespace {

Action MakeAction(ActionKind kind, std::optional<Id> department = 3, Id id = 0,
                  ActionStatus status = ActionStatus::kOpen) {
  Action action;
  action.id = id;
  action.kind = kind;
  action.department_id = department;
  action.status = status;
  return action;
}

std::vector<std::string> Keys(const std::vector<FieldError>& gaps) {
  std::vector<std::string> keys;
  for (const auto& gap : gaps) keys.push_back(gap.key);
  return keys;
}

TEST(CountermeasureGaps, NeedATemporaryAndAPermanentCountermeasureEachWithItsDepartment) {
  const auto temporary = MakeAction(ActionKind::kContainment);
  const auto permanent = MakeAction(ActionKind::kCorrective);
  const auto preventive = MakeAction(ActionKind::kPreventive);
  EXPECT_TRUE(CountermeasureGaps({temporary, permanent}, false).empty());
  EXPECT_TRUE(CountermeasureGaps({temporary, preventive}, false).empty());
  EXPECT_EQ(Keys(CountermeasureGaps({}, false)),
            (std::vector<std::string>{"validation.countermeasure_temporary",
                                      "validation.countermeasure_permanent"}));
  EXPECT_EQ(Keys(CountermeasureGaps({permanent}, false)),
            std::vector<std::string>{"validation.countermeasure_temporary"});
  // While the cause needs deeper analysis the permanent one may follow.
  EXPECT_TRUE(CountermeasureGaps({temporary}, true).empty());
  EXPECT_EQ(Keys(CountermeasureGaps({temporary}, false)),
            std::vector<std::string>{"validation.countermeasure_permanent"});
  // An action already on the case without its department is named.
  const auto gaps =
      CountermeasureGaps({MakeAction(ActionKind::kContainment, {}, 42), permanent}, false);
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0].key, "validation.countermeasure_department");
  EXPECT_EQ(gaps[0].args[0].value, "42");
  // Cancelled actions and a prevention report's do not count.
  auto cancelled = MakeAction(ActionKind::kContainment, 3, 7, ActionStatus::kCancelled);
  auto of_report = MakeAction(ActionKind::kContainment);
  of_report.prevention_report_id = 1;
  EXPECT_EQ(Keys(CountermeasureGaps({cancelled, of_report, permanent}, false)),
            std::vector<std::string>{"validation.countermeasure_temporary"});
}

}  // namespace
}  // namespace lt::domain
