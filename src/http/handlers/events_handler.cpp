// GET /api/v1/events: live updates as server-sent events.

#include <nlohmann/json.hpp>

#include "base/time_format.hpp"
#include "http/handlers/handler_support.hpp"

namespace lt::http {
namespace {

// One SSE frame for a change: the browser refetches what it shows of the case.
std::string ChangeFrame(const domain::CaseChange& change) {
  nlohmann::json data = {{"case_id", change.case_id},
                         {"number", change.number},
                         {"action", change.action},
                         {"version", change.version},
                         {"at", FormatTimestamp(change.at)}};
  if (change.actor_user_id) data["actor_user_id"] = *change.actor_user_id;
  return "event: case\ndata: " +
         data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n\n";
}

// One SSE frame for a call: the console reads the call and pops it up.
std::string CallFrame(const domain::CallNotice& notice) {
  const nlohmann::json data = {{"call_id", notice.call_id}, {"event", notice.event}};
  return "event: call\ndata: " + data.dump() + "\n\n";
}

}  // namespace

void RegisterEventRoutes(ApiRouter& router, Services& services) {
  router.Add(
      "GET", "/api/v1/events",
      {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
         HttpResponse response;
         response.content_type = "text/event-stream; charset=utf-8";
         response.WithHeader("Cache-Control", "no-cache");
         // Tells nginx not to buffer the stream (docs/DEPLOYMENT.md).
         response.WithHeader("X-Accel-Buffering", "no");
         // Reconnect after 3 s; the comment line makes proxies pass
         // the headers on at once.
         response.body = "retry: 3000\n: connected\n\n";
         const domain::Principal principal = context.principal();
         response.stream = [&services, principal](std::shared_ptr<EventSink> sink) {
           services.live_updates.Subscribe(
               principal,
               [sink](const std::optional<domain::CaseChange>& change) {
                 return sink->Send(change ? ChangeFrame(*change) : ": ping\n\n");
               },
               [sink](const domain::CallNotice& notice) { return sink->Send(CallFrame(notice)); },
               [sink] { return sink->Send("event: notification\ndata: {}\n\n"); });
         };
         return response;
       }});
}

}  // namespace lt::http
