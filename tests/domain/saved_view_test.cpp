#include "domain/saved_view.hpp"

#include <gtest/gtest.h>

namespace lt::domain {
namespace {

bool QueryAccepted(std::string_view query) {
  FieldErrors errors;
  CheckSavedViewQuery(query, errors);
  return errors.empty();
}

TEST(SavedView, AQueryNamesOnlyTheQueuesFiltersEachOnce) {
  EXPECT_TRUE(QueryAccepted(""));
  EXPECT_TRUE(QueryAccepted("q=%E6%BC%8F%E6%B0%B4&status=received,replying&sort=-received_at"));
  EXPECT_TRUE(QueryAccepted("urgency=urgent&received_from=2026-12-01&received_to=2026-12-31"));
  EXPECT_FALSE(QueryAccepted("password=x"));
  EXPECT_FALSE(QueryAccepted("q=a&q=b"));
  EXPECT_FALSE(QueryAccepted("status"));
  EXPECT_FALSE(QueryAccepted("q=" + std::string(kMaxSavedViewQueryChars, 'x')));
}

TEST(SavedView, ItsOwnerAndTheMembersOfTheDepartmentItIsSharedWithSeeIt) {
  SavedView view;
  view.owner_id = 7;
  Principal owner;
  owner.user_id = 7;
  Principal colleague;
  colleague.user_id = 8;
  colleague.department_ids = {3};
  EXPECT_TRUE(SeesSavedView(view, owner));
  EXPECT_FALSE(SeesSavedView(view, colleague));
  view.department_id = 3;
  EXPECT_TRUE(SeesSavedView(view, colleague));
  colleague.department_ids = {4};
  EXPECT_FALSE(SeesSavedView(view, colleague));
}

}  // namespace
}  // namespace lt::domain
