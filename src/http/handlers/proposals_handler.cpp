// Improvement proposals over HTTP: /api/v1/cases/{id}/proposals,
// /api/v1/proposals and the summary /api/v1/reports/proposals.

#include "app/proposals.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/proposal_wire.hpp"

namespace lt::http {

using nlohmann::json;

void RegisterProposalRoutes(ApiRouter& router, Services& services) {
  router.Add("POST", "/api/v1/cases/{id}/proposals",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseProposalInput(body));
                LT_TRY_ASSIGN(auto proposal, app::ProposeImprovement(
                                                 services.app, context.principal(), id, input));
                return CreatedResponse(wire::ProposalToJson(proposal),
                                       "/api/v1/proposals/" + std::to_string(proposal.id));
              }});

  router.Add("GET", "/api/v1/proposals",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                FieldErrors errors;
                QueryReader query(context, errors);
                domain::ProposalFilter filter;
                if (auto status = query.String("status")) {
                  filter.status = domain::kProposalStatusCodes.FromCode(*status);
                  if (!filter.status) {
                    errors.Add("status", "validation.enum",
                               {{"allowed", domain::kProposalStatusCodes.AllowedList()}});
                  }
                }
                filter.case_id = query.Id("case");
                filter.limit = query.Limit(services.options);
                query.RejectUnknown();
                if (!errors.empty()) return errors.ToError();
                LT_TRY_ASSIGN(auto proposals,
                              app::ListProposals(services.app, context.principal(), filter));
                json items = json::array();
                for (const auto& proposal : proposals) {
                  items.push_back(wire::ProposalToJson(proposal));
                }
                return JsonResponse(200, {{"items", items}});
              }});

  router.Add("GET", "/api/v1/proposals/{id}",
             RecordRoute(services, app::GetProposal, wire::ProposalToJson));

  router.Add("PATCH", "/api/v1/proposals/{id}",
             UpdateRoute(services, Access::kAuthenticated, wire::ParseProposalPatch,
                         app::UpdateProposal, wire::ProposalToJson));

  router.Add(
      "GET", "/api/v1/reports/proposals",
      {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
         FieldErrors errors;
         QueryReader query(context, errors);
         const auto period = query.String("period");
         if (!period) errors.Add("period", "validation.required");
         query.RejectUnknown();
         if (!errors.empty()) return errors.ToError();
         LT_TRY_ASSIGN(auto totals,
                       app::SummariseProposals(services.app, context.principal(), *period));
         return JsonResponse(
             200, {{"period", *period}, {"items", ItemsJson(totals, wire::ProposalTotalsToJson)}});
       }});
}

}  // namespace lt::http
