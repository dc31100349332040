// The workflow steps of a case: those the caller may take now and taking one
// (/api/v1/cases/{id}/transitions), and those taken (/steps).

#include "app/feedback_letter.hpp"
#include "app/workflow_steps.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/case_wire.hpp"
#include "http/json/step_wire.hpp"

namespace lt::http {
using nlohmann::json;

void RegisterCaseStepRoutes(ApiRouter& router, Services& services) {
  router.Add(
      "GET", "/api/v1/cases/{id}/transitions",
      {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
         LT_TRY_ASSIGN(auto id, PathId(context));
         LT_TRY_ASSIGN(auto available,
                       app::ListAvailableSteps(services.app, context.principal(), id));
         json items = json::array();
         for (const auto& step : available.steps) {
           items.push_back(wire::AvailableStepToJson(step, *available.workflow, context.locale));
         }
         return JsonResponse(200, {{"items", items}});
       }});

  router.Add("POST", "/api/v1/cases/{id}/transitions",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseStepInput(body));
                LT_TRY_ASSIGN(auto expected_version, ParseIfMatch(context));
                LT_TRY_ASSIGN(auto taken, app::TakeStep(services.app, context.principal(), id,
                                                        input, expected_version));
                json out = wire::CaseToJson(taken.a_case);
                out["step"] = wire::CaseStepToJson(taken.step);
                HttpResponse response = JsonResponse(200, out);
                response.WithHeader("ETag", "\"" + std::to_string(taken.a_case.version) + "\"");
                return response;
              }});

  router.Add("GET", "/api/v1/cases/{id}/steps",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto steps,
                              app::ListCaseSteps(services.app, context.principal(), id));
                return JsonResponse(200, {{"items", ItemsJson(steps, wire::CaseStepToJson)}});
              }});

  router.Add("POST", "/api/v1/cases/{id}/feedback-letter/preview",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto reply, wire::ParseLetterPreviewInput(body));
                LT_TRY_ASSIGN(auto preview, app::PreviewFeedbackLetter(
                                                services.app, context.principal(), id, reply));
                return JsonResponse(200, {{"language", i18n::LocaleTag(preview.language)},
                                          {"letter", preview.text}});
              }});
}

}  // namespace lt::http
