// Staff notifications and where they go:
//   GET  /api/v1/notifications                      the user's, newest first, with the unread count
//   POST /api/v1/notifications/{id}/read            one read
//   POST /api/v1/notifications/read-all             all read
//   GET/PUT /api/v1/account/notification-preferences  e-mail and SMS per kind (staff)
//   GET/POST /api/v1/admin/robots                   group robots (admins)
//   PUT/DELETE /api/v1/admin/robots/{id}
//   POST /api/v1/admin/robots/{id}/test             a test post, now

#include "app/group_robots.hpp"
#include "app/staff_notifications.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/notification_wire.hpp"

namespace lt::http {
using nlohmann::json;

namespace {

void RegisterRobotRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/api/v1/admin/robots",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto robots, app::ListGroupRobots(services.app, context.principal()));
                json items = json::array();
                for (const auto& robot : robots) items.push_back(wire::GroupRobotToJson(robot));
                return JsonResponse(200, {{"items", items}});
              }});

  router.Add("POST", "/api/v1/admin/robots",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseGroupRobot(body));
                LT_TRY_ASSIGN(auto robot,
                              app::CreateGroupRobot(services.app, context.principal(), input));
                return JsonResponse(201, wire::GroupRobotToJson(robot));
              }});

  router.Add("PUT", "/api/v1/admin/robots/{id}",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseGroupRobot(body));
                LT_TRY_ASSIGN(auto robot,
                              app::UpdateGroupRobot(services.app, context.principal(), id, input));
                return JsonResponse(200, wire::GroupRobotToJson(robot));
              }});

  router.Add("DELETE", "/api/v1/admin/robots/{id}",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY(app::DeleteGroupRobot(services.app, context.principal(), id));
                return NoContentResponse();
              }});

  router.Add("POST", "/api/v1/admin/robots/{id}/test",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto tested,
                              app::TestGroupRobot(services.app, context.principal(), id));
                return JsonResponse(200, {{"ok", tested.ok}, {"answer", tested.answer}});
              }});
}

}  // namespace

void RegisterNotificationRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/api/v1/notifications",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                FieldErrors errors;
                QueryReader query(context, errors);
                const bool unread = query.Boolean("unread").value_or(false);
                const int limit = query.Limit(services.options);
                query.RejectUnknown();
                if (!errors.empty()) return errors.ToError();
                LT_TRY_ASSIGN(auto list, app::ListNotifications(services.app, context.principal(),
                                                                context.locale, unread, limit));
                json items = json::array();
                for (const auto& listed : list.items) {
                  items.push_back(wire::NotificationToJson(listed));
                }
                return JsonResponse(200, {{"items", items}, {"unread", list.unread}});
              }});

  router.Add("POST", "/api/v1/notifications/{id}/read",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY(app::MarkNotificationRead(services.app, context.principal(), id));
                return NoContentResponse();
              }});

  router.Add("POST", "/api/v1/notifications/read-all",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY(app::MarkAllNotificationsRead(services.app, context.principal()));
                return NoContentResponse();
              }});

  router.Add("GET", "/api/v1/account/notification-preferences",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto preferences,
                              app::GetNotificationPreferences(services.app, context.principal()));
                return JsonResponse(200, wire::NotificationPreferencesToJson(preferences));
              }});

  router.Add("PUT", "/api/v1/account/notification-preferences",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseNotificationPreferences(body));
                LT_TRY_ASSIGN(auto preferences, app::SaveNotificationPreferences(
                                                    services.app, context.principal(), input));
                return JsonResponse(200, wire::NotificationPreferencesToJson(preferences));
              }});

  RegisterRobotRoutes(router, services);
}

}  // namespace lt::http
