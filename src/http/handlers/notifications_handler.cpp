// Each user's notifications (/api/v1/notifications).

#include "app/sla_alerts.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/notification_wire.hpp"

namespace lt::http {
using nlohmann::json;

void RegisterNotificationRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/api/v1/notifications",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                FieldErrors errors;
                QueryReader query(context, errors);
                const bool unread = query.Boolean("unread").value_or(false);
                const int limit = query.Limit(services.options);
                query.RejectUnknown();
                if (!errors.empty()) return errors.ToError();
                LT_TRY_ASSIGN(
                    auto notifications,
                    app::ListNotifications(services.app, context.principal(), unread, limit));
                json items = json::array();
                for (const auto& notification : notifications) {
                  items.push_back(wire::NotificationToJson(notification, context.locale));
                }
                return JsonResponse(200, {{"items", items}});
              }});

  router.Add("POST", "/api/v1/notifications/{id}/read",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY(app::MarkNotificationRead(services.app, context.principal(), id));
                return NoContentResponse();
              }});
}

}  // namespace lt::http
