// /api/v1/customers: create, change, read, list and look up by phone or e-mail.

#include "app/customers.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/customer_wire.hpp"
#include "http/json/interaction_wire.hpp"

namespace lt::http {

void RegisterCustomerRoutes(ApiRouter& router, Services& services) {
  using nlohmann::json;
  router.Add("POST", "/api/v1/customers",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseCustomerInput(body));
                LT_TRY_ASSIGN(auto customer,
                              app::CreateCustomer(services.app, context.principal(), input));
                return CreatedResponse(wire::CustomerToJson(customer),
                                       "/api/v1/customers/" + std::to_string(customer.id));
              }});

  router.Add("GET", "/api/v1/customers",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                FieldErrors errors;
                QueryReader query(context, errors);
                domain::CustomerFilter filter;
                filter.name_contains = query.String("q").value_or("");
                if (auto kind = query.String("kind")) {
                  filter.kind = domain::kCustomerKindCodes.FromCode(*kind);
                  if (!filter.kind)
                    errors.Add("kind", "validation.enum",
                               {{"allowed", domain::kCustomerKindCodes.AllowedList()}});
                }
                const auto phone = query.String("phone");
                const auto email = query.String("email");
                const auto phone_prefix = query.String("phone_prefix");
                if (auto cursor = query.String("cursor")) {
                  const auto plain = DecodeCursor(*cursor);
                  if (plain && plain->rfind("customer:", 0) == 0) {
                    filter.after_id = std::strtoll(plain->c_str() + 9, nullptr, 10);
                  }
                  if (!filter.after_id || *filter.after_id < 1)
                    errors.Add("cursor", "validation.cursor");
                }
                filter.limit = query.Limit(services.options);
                query.RejectUnknown();
                if (!errors.empty()) return errors.ToError();
                LT_TRY_ASSIGN(auto page, app::ListCustomers(services.app, context.principal(),
                                                            filter, phone, email, phone_prefix));
                json items = json::array();
                for (const auto& customer : page.customers)
                  items.push_back(wire::CustomerToJson(customer));
                json body = {{"items", items}, {"next_cursor", nullptr}};
                if (page.next_after_id)
                  body["next_cursor"] =
                      EncodeCursor("customer:" + std::to_string(*page.next_after_id));
                return JsonResponse(200, body);
              }});

  router.Add(
      "GET", "/api/v1/customers/{id}/interactions",
      {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
         LT_TRY_ASSIGN(auto id, PathId(context));
         FieldErrors errors;
         QueryReader query(context, errors);
         const int limit = query.Limit(services.options);
         query.RejectUnknown();
         if (!errors.empty()) return errors.ToError();
         LT_TRY_ASSIGN(auto interactions,
                       app::ListCustomerInteractions(services.app, context.principal(), id, limit));
         return JsonResponse(200, {{"items", ItemsJson(interactions, wire::InteractionToJson)}});
       }});

  router.Add("GET", "/api/v1/customers/{id}",
             RecordRoute(services, app::GetCustomer, wire::CustomerToJson));

  router.Add("PATCH", "/api/v1/customers/{id}",
             UpdateRoute(services, Access::kAuthenticated, wire::ParseCustomerPatch,
                         app::UpdateCustomer, wire::CustomerToJson));
}

}  // namespace lt::http
