#pragma once

// The SQL form of domain::CaseScope, so that every list, report and count
// over cases is cut down exactly as the case list is (issue 13).

#include <string>
#include <string_view>

#include "domain/access.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Appends `value` to `params` and returns its placeholder ("$3").
std::string Param(SqlParams& params, SqlValue value);

// A condition on the columns of the cases table (named through `cases`, a
// table name or alias: "c") that holds for the cases `scope` lets a reader
// see; "1 = 1" when it lets them see all. Its values are appended to `params`.
std::string CaseScopeCondition(const domain::CaseScope& scope, SqlParams& params,
                               std::string_view cases = "cases");

// " AND <case_id> IN (the visible cases)" for a table whose rows belong to a
// case, or "" when the scope sees every case.
std::string VisibleCaseFilter(const domain::CaseScope& scope, SqlParams& params,
                              std::string_view case_id_column = "case_id");

}  // namespace lt::storage
