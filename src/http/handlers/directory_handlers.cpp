// /api/v1/departments, /api/v1/users, /api/v1/categories: the organisation.

#include "app/categories.hpp"
#include "app/departments.hpp"
#include "app/users.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/category_wire.hpp"
#include "http/json/department_wire.hpp"
#include "http/json/user_wire.hpp"

namespace lt::http {
namespace {

using nlohmann::json;

template <class T, class ToJson>
HttpResponse ListResponse(const std::vector<T>& records, ToJson to_json) {
  json items = json::array();
  for (const auto& record : records) items.push_back(to_json(record));
  return JsonResponse(200, {{"items", items}});
}

template <class T, class ToJson>
HttpResponse RecordCreated(const T& record, ToJson to_json, const std::string& collection) {
  return CreatedResponse(to_json(record), collection + "/" + std::to_string(record.id));
}

}  // namespace

void RegisterDepartmentRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/api/v1/departments",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto departments,
                              app::ListDepartments(services.app, context.principal()));
                return ListResponse(departments, wire::DepartmentToJson);
              }});
  router.Add("POST", "/api/v1/departments",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseDepartmentInput(body));
                LT_TRY_ASSIGN(auto department,
                              app::CreateDepartment(services.app, context.principal(), input));
                return RecordCreated(department, wire::DepartmentToJson, "/api/v1/departments");
              }});
  router.Add("GET", "/api/v1/departments/{id}",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto department,
                              app::GetDepartment(services.app, context.principal(), id));
                return JsonResponse(200, wire::DepartmentToJson(department));
              }});
  router.Add("PATCH", "/api/v1/departments/{id}",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto patch, wire::ParseDepartmentPatch(body));
                LT_TRY_ASSIGN(auto department,
                              app::UpdateDepartment(services.app, context.principal(), id, patch));
                return JsonResponse(200, wire::DepartmentToJson(department));
              }});
}

void RegisterUserRoutes(ApiRouter& router, Services& services) {
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
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseUserInput(body));
                LT_TRY_ASSIGN(auto user, app::CreateUser(services.app, context.principal(), input));
                return RecordCreated(user, wire::UserToJson, "/api/v1/users");
              }});
  router.Add("GET", "/api/v1/users/{id}",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto user, app::GetUser(services.app, context.principal(), id));
                return JsonResponse(200, wire::UserToJson(user));
              }});
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
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto categories,
                              app::ListCategories(services.app, context.principal()));
                return ListResponse(categories, wire::CategoryToJson);
              }});
  router.Add("POST", "/api/v1/categories",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseCategoryInput(body));
                LT_TRY_ASSIGN(auto category,
                              app::CreateCategory(services.app, context.principal(), input));
                return RecordCreated(category, wire::CategoryToJson, "/api/v1/categories");
              }});
  router.Add("PATCH", "/api/v1/categories/{id}",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto patch, wire::ParseCategoryPatch(body));
                LT_TRY_ASSIGN(auto category,
                              app::UpdateCategory(services.app, context.principal(), id, patch));
                return JsonResponse(200, wire::CategoryToJson(category));
              }});
}

}  // namespace lt::http
