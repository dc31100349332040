#include "storage/case_scope_sql.hpp"

namespace lt::storage {

std::string Param(SqlParams& params, SqlValue value) {
  params.push_back(std::move(value));
  return "$" + std::to_string(params.size());
}

std::string CaseScopeCondition(const domain::CaseScope& scope, SqlParams& params,
                               std::string_view cases) {
  if (scope.all) return "1 = 1";
  const std::string column = std::string(cases) + ".";
  if (scope.customer_id) return column + "customer_id = " + Param(params, *scope.customer_id);
  std::string any;
  auto add = [&](const std::string& condition) { any += (any.empty() ? "" : " OR ") + condition; };
  if (!scope.department_ids.empty()) {
    std::string departments;
    for (const domain::Id id : scope.department_ids) {
      departments += (departments.empty() ? "" : ", ") + Param(params, id);
    }
    add(column + "department_id IN (" + departments + ")");
    add(column + "responsible_department_id IN (" + departments + ")");
  }
  if (scope.environmental) add(column + "origin_class = 'environmental'");
  if (scope.created_by) add(column + "created_by = " + Param(params, *scope.created_by));
  return "(" + (any.empty() ? std::string("1 = 0") : any) + ")";
}

std::string VisibleCaseFilter(const domain::CaseScope& scope, SqlParams& params,
                              std::string_view case_id_column) {
  if (scope.all) return "";
  return " AND " + std::string(case_id_column) +
         " IN (SELECT visible.id FROM cases visible WHERE " +
         CaseScopeCondition(scope, params, "visible") + ")";
}

}  // namespace lt::storage
