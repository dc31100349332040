// The verification next month of a case's countermeasures
// (/api/v1/cases/{id}/verification) and the list of those due (/api/v1/verifications).

#include "app/verifications.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/verification_wire.hpp"

namespace lt::http {
using nlohmann::json;

void RegisterVerificationRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/api/v1/cases/{id}/verification",
             RecordRoute(services, app::GetVerification, wire::VerificationToJson));

  router.Add("GET", "/api/v1/verifications",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                FieldErrors errors;
                QueryReader query(context, errors);
                const std::string month = query.String("month").value_or("");
                const int limit = query.Limit(services.options);
                query.RejectUnknown();
                if (!errors.empty()) return errors.ToError();
                LT_TRY_ASSIGN(auto due, app::ListDueVerifications(services.app, context.principal(),
                                                                  month, limit));
                json items = json::array();
                for (const auto& verification : due) {
                  items.push_back(wire::VerificationToJson(verification));
                }
                return JsonResponse(200, {{"items", items}});
              }});
}

}  // namespace lt::http
