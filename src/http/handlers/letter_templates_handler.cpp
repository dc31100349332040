// Feedback letter templates admins keep:
// /api/v1/admin/letter-templates/{kind}/{language} (kind quality or
// environmental; language zh-CN or en). PUT saves an admin's version, DELETE
// returns to the shipped one.

#include "app/letter_templates.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/letter_template_wire.hpp"

namespace lt::http {
namespace {

using nlohmann::json;

constexpr const char* kPath = "/api/v1/admin/letter-templates/{kind}/{language}";

std::string PathText(const RequestContext& context, const char* name) {
  const auto found = context.params.find(name);
  return found == context.params.end() ? std::string() : found->second;
}

}  // namespace

void RegisterLetterTemplateRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/api/v1/admin/letter-templates",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto templates,
                              app::ListLetterTemplates(services.app, context.principal()));
                json items = json::array();
                for (const auto& letter_template : templates) {
                  items.push_back(wire::LetterTemplateToJson(letter_template));
                }
                return JsonResponse(200, {{"items", items}});
              }});

  router.Add("GET", kPath,
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto letter_template,
                              app::GetLetterTemplate(services.app, context.principal(),
                                                     PathText(context, "kind"),
                                                     PathText(context, "language")));
                return JsonResponse(200, wire::LetterTemplateToJson(letter_template));
              }});

  router.Add("PUT", kPath,
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto text, wire::ParseLetterTemplateBody(body));
                LT_TRY_ASSIGN(auto letter_template,
                              app::SaveLetterTemplate(services.app, context.principal(),
                                                      PathText(context, "kind"),
                                                      PathText(context, "language"), text));
                return JsonResponse(200, wire::LetterTemplateToJson(letter_template));
              }});

  router.Add("DELETE", kPath,
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto letter_template,
                              app::ResetLetterTemplate(services.app, context.principal(),
                                                       PathText(context, "kind"),
                                                       PathText(context, "language")));
                return JsonResponse(200, wire::LetterTemplateToJson(letter_template));
              }});
}

}  // namespace lt::http
