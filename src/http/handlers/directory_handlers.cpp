// /api/v1/departments, /api/v1/users, /api/v1/categories: the organisation.

#include "app/categories.hpp"
#include "app/departments.hpp"
#include "app/users.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/category_wire.hpp"
#include "http/json/department_wire.hpp"
#include "http/json/user_wire.hpp"

namespace lt::http {
using nlohmann::json;

void RegisterDepartmentRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/api/v1/departments",
             ListRoute(services, app::ListDepartments, wire::DepartmentToJson));
  router.Add(
      "POST", "/api/v1/departments",
      CreateRoute(services, Access::kAdmin, "/api/v1/departments", wire::ParseDepartmentInput,
                  app::CreateDepartment, wire::DepartmentToJson));
  router.Add("GET", "/api/v1/departments/{id}",
             RecordRoute(services, app::GetDepartment, wire::DepartmentToJson));
  router.Add("PATCH", "/api/v1/departments/{id}",
             UpdateRoute(services, Access::kAdmin, wire::ParseDepartmentPatch,
                         app::UpdateDepartment, wire::DepartmentToJson));
}

void RegisterUserRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/api/v1/staff", ListRoute(services, app::ListStaff, wire::StaffMemberToJson));
  router.Add("GET", "/api/v1/users",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                FieldErrors errors;
                QueryReader query(context, errors);
                std::optional<domain::Id> after_id;
                if (auto cursor = query.String("cursor")) {
                  const auto plain = DecodeCursor(*cursor);
                  if (plain && plain->rfind("user:", 0) == 0)
                    after_id = std::strtoll(plain->c_str() + 5, nullptr, 10);
                  if (!after_id || *after_id < 1) errors.Add("cursor", "validation.cursor");
                }
                const int limit = query.Limit(services.options);
                query.RejectUnknown();
                if (!errors.empty()) return errors.ToError();
                LT_TRY_ASSIGN(auto page,
                              app::ListUsers(services.app, context.principal(), after_id, limit));
                json items = json::array();
                for (const auto& user : page.users) items.push_back(wire::UserToJson(user));
                json body = {{"items", items}, {"next_cursor", nullptr}};
                if (page.next_after_id)
                  body["next_cursor"] = EncodeCursor("user:" + std::to_string(*page.next_after_id));
                return JsonResponse(200, body);
              }});
  router.Add("POST", "/api/v1/users",
             CreateRoute(services, Access::kAdmin, "/api/v1/users", wire::ParseUserInput,
                         app::CreateUser, wire::UserToJson));
  router.Add("GET", "/api/v1/users/{id}", RecordRoute(services, app::GetUser, wire::UserToJson));
  router.Add("PATCH", "/api/v1/users/{id}",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto patch, wire::ParseUserPatch(body));
                LT_TRY_ASSIGN(auto user,
                              app::UpdateUser(services.app, context.principal(), id, patch));
                services.authenticator
                    .ForgetCachedCallers();  // role, departments or active may have changed
                return JsonResponse(200, wire::UserToJson(user));
              }});
}

void RegisterCategoryRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/api/v1/categories",
             ListRoute(services, app::ListCategories, wire::CategoryToJson));
  router.Add("POST", "/api/v1/categories",
             CreateRoute(services, Access::kAdmin, "/api/v1/categories", wire::ParseCategoryInput,
                         app::CreateCategory, wire::CategoryToJson));
  router.Add("PATCH", "/api/v1/categories/{id}",
             UpdateRoute(services, Access::kAdmin, wire::ParseCategoryPatch, app::UpdateCategory,
                         wire::CategoryToJson));
}

}  // namespace lt::http
