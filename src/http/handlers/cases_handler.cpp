// /api/v1/cases: file, read, change and list cases; their timeline and audit trail.

#include <charconv>

#include "app/cases.hpp"
#include "app/interactions.hpp"
#include "app/sla_clocks.hpp"
#include "base/crypto.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/case_wire.hpp"
#include "http/json/interaction_wire.hpp"
#include "http/json/sla_wire.hpp"

namespace lt::http {
namespace {

using nlohmann::json;

constexpr std::string_view kCursorKind = "case";

std::string SortName(domain::CaseSort sort) {
  std::string name = sort.field == domain::CaseSortField::kUpdatedAt  ? "updated_at"
                     : sort.field == domain::CaseSortField::kSlaDueAt ? "sla_due_at"
                                                                      : "received_at";
  return (sort.descending ? "-" : "") + name;
}

std::optional<domain::CaseSort> ParseSort(const std::string& text) {
  domain::CaseSort sort;
  std::string_view name = text;
  sort.descending = !name.empty() && name.front() == '-';
  if (sort.descending || (!name.empty() && name.front() == '+')) name.remove_prefix(1);
  if (name == "received_at") {
    sort.field = domain::CaseSortField::kReceivedAt;
  } else if (name == "updated_at") {
    sort.field = domain::CaseSortField::kUpdatedAt;
  } else if (name == "sla_due_at") {
    sort.field = domain::CaseSortField::kSlaDueAt;
  } else {
    return std::nullopt;
  }
  return sort;
}

// "case:<sort>:<value>:<id>" — the sort is part of the cursor so a cursor
// cannot be replayed against another ordering.
std::optional<domain::CaseCursor> ParseCaseCursor(const std::string& cursor,
                                                  const domain::CaseSort& sort) {
  const auto plain = DecodeCursor(cursor);
  if (!plain) return std::nullopt;
  const std::string prefix = std::string(kCursorKind) + ":" + SortName(sort) + ":";
  if (plain->rfind(prefix, 0) != 0) return std::nullopt;
  const std::string rest = plain->substr(prefix.size());
  const auto colon = rest.find(':');
  if (colon == std::string::npos) return std::nullopt;
  domain::CaseCursor parsed;
  auto read = [](std::string_view text, std::int64_t& out) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size();
  };
  if (!read(std::string_view(rest).substr(0, colon), parsed.sort_value) ||
      !read(std::string_view(rest).substr(colon + 1), parsed.id)) {
    return std::nullopt;
  }
  return parsed;
}

// The case as its reader may see it: whole for staff, the portal view for
// customers.
json CaseFor(const domain::Principal& reader, const domain::Case& a_case) {
  return domain::IsStaff(reader) ? wire::CaseToJson(a_case) : wire::PortalCaseToJson(a_case);
}

HttpResponse CaseCreated(const domain::Principal& reader, const app::CreatedCase& created) {
  HttpResponse response = CreatedResponse(CaseFor(reader, created.a_case),
                                          "/api/v1/cases/" + std::to_string(created.a_case.id));
  response.WithHeader("ETag", "\"" + std::to_string(created.a_case.version) + "\"");
  if (created.replayed) response.WithHeader("Idempotent-Replayed", "true");
  return response;
}

}  // namespace

void RegisterCaseRoutes(ApiRouter& router, Services& services) {
  router.Add(
      "POST", "/api/v1/cases",
      {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
         LT_TRY_ASSIGN(auto body, JsonBody(context));
         LT_TRY_ASSIGN(auto input, wire::ParseCreateCase(body));
         std::optional<app::IdempotencyKey> key;
         if (auto header = context.request.Header("Idempotency-Key")) {
           if (header->empty() || header->size() > 200) {
             return Error::Invalid("Idempotency-Key", "validation.too_long", {{"max", "200"}});
           }
           key = app::IdempotencyKey{*header, HashToken(context.request.body)};
         }
         LT_TRY_ASSIGN(auto created,
                       app::CreateCase(services.app, context.principal(), input, key));
         return CaseCreated(context.principal(), created);
       }});

  router.Add(
      "GET", "/api/v1/cases",
      {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
         FieldErrors errors;
         QueryReader query(context, errors);
         domain::CaseFilter filter;
         for (auto& code : query.List("status")) {
           if (domain::IsWorkflowCode(code)) {
             filter.statuses.push_back(std::move(code));
           } else {
             errors.Add("status", "validation.workflow_code");
           }
         }
         filter.department_id = query.Id("department");
         filter.assignee_id = query.Id("assignee");
         const auto queue = query.Code("queue", domain::kQueueCodes);
         filter.types = query.Codes("type", domain::kCaseTypeCodes);
         filter.channels = query.Codes("channel", domain::kChannelCodes);
         filter.urgency = query.Code("urgency", domain::kUrgencyCodes);
         filter.origin_class = query.Code("origin_class", domain::kOriginClassCodes);
         filter.product = query.String("product").value_or("");
         filter.category_id = query.Id("category");
         filter.customer_id = query.Id("customer");
         filter.query = query.String("q").value_or("");
         filter.received_from = query.Timestamp("received_from");
         filter.received_to = query.Timestamp("received_to");
         if (auto sort = query.String("sort")) {
           if (auto parsed = ParseSort(*sort)) {
             filter.sort = *parsed;
           } else {
             errors.Add(
                 "sort", "validation.enum",
                 {{"allowed",
                   "received_at, -received_at, updated_at, -updated_at, sla_due_at, -sla_due_at"}});
           }
         }
         if (auto cursor = query.String("cursor")) {
           filter.after = ParseCaseCursor(*cursor, filter.sort);
           if (!filter.after) errors.Add("cursor", "validation.cursor");
         }
         filter.limit = query.Limit(services.options);
         query.RejectUnknown();
         if (!errors.empty()) return errors.ToError();
         LT_TRY_ASSIGN(auto page, app::ListCases(services.app, context.principal(), filter, queue));
         json items = json::array();
         for (std::size_t i = 0; i < page.cases.size(); ++i) {
           json item = CaseFor(context.principal(), page.cases[i]);
           if (domain::IsStaff(context.principal())) {
             item["customer_name"] = page.facts[i].customer_name;
             item["sla_state"] = page.facts[i].sla_state ? json(*page.facts[i].sla_state) : json();
           }
           items.push_back(std::move(item));
         }
         json body = {{"items", items}, {"next_cursor", nullptr}};
         if (page.next) {
           body["next_cursor"] = EncodeCursor(
               std::string(kCursorKind) + ":" + SortName(filter.sort) + ":" +
               std::to_string(page.next->sort_value) + ":" + std::to_string(page.next->id));
         }
         return JsonResponse(200, body);
       }});

  router.Add("GET", "/api/v1/queues",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto counts, app::CountQueues(services.app, context.principal()));
                return JsonResponse(
                    200, {{"items", ItemsJson(counts, [](const app::QueueCount& count) {
                             return json{{"queue", domain::kQueueCodes.ToCode(count.queue)},
                                         {"count", count.count},
                                         {"more", count.more}};
                           })}});
              }});

  router.Add("GET", "/api/v1/cases/{id}",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto found,
                              app::GetCaseWithClocks(services.app, context.principal(), id));
                json body;
                if (domain::IsStaff(context.principal())) {
                  body = wire::CaseToJson(found.a_case);
                  body["has_quality_report"] = found.has_quality_report;
                  body["has_prevention_report"] = found.has_prevention_report;
                  body["referral"] = wire::ReferralToJson(found.referral);
                  body["sla"] = wire::ClocksToJson(found);
                } else {
                  std::vector<sla::SlaClock> promised;
                  for (const auto& stored : found.clocks) promised.push_back(stored.clock);
                  body = wire::PortalCaseToJson(found.a_case, promised);
                }
                HttpResponse response = JsonResponse(200, body);
                response.WithHeader("ETag", "\"" + std::to_string(found.a_case.version) + "\"");
                return response;
              }});

  router.Add("PATCH", "/api/v1/cases/{id}",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto patch, wire::ParseCasePatch(body));
                LT_TRY_ASSIGN(auto expected_version, ParseIfMatch(context));
                LT_TRY_ASSIGN(auto a_case, app::UpdateCase(services.app, context.principal(), id,
                                                           patch, expected_version));
                HttpResponse response = JsonResponse(200, CaseFor(context.principal(), a_case));
                response.WithHeader("ETag", "\"" + std::to_string(a_case.version) + "\"");
                return response;
              }});

  router.Add("GET", "/api/v1/cases/{id}/events",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto events,
                              app::ListCaseEvents(services.app, context.principal(), id));
                return JsonResponse(200, {{"items", ItemsJson(events, wire::CaseEventToJson)}});
              }});

  router.Add("POST", "/api/v1/cases/{id}/interactions",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseInteractionInput(body));
                LT_TRY_ASSIGN(auto interaction,
                              app::AddInteraction(services.app, context.principal(), id, input));
                return CreatedResponse(wire::InteractionToJson(interaction),
                                       "/api/v1/cases/" + std::to_string(id) + "/interactions");
              }});

  router.Add(
      "GET", "/api/v1/cases/{id}/interactions",
      {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
         LT_TRY_ASSIGN(auto id, PathId(context));
         LT_TRY_ASSIGN(auto interactions,
                       app::ListInteractions(services.app, context.principal(), id));
         return JsonResponse(200, {{"items", ItemsJson(interactions, wire::InteractionToJson)}});
       }});

  router.Add("GET", "/api/v1/attachments/{id}",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto attachment,
                              app::GetAttachment(services.app, context.principal(), id));
                HttpResponse response =
                    DownloadResponse(attachment.attachment.content_type,
                                     attachment.attachment.filename, std::move(attachment.content));
                return response;
              }});
}

}  // namespace lt::http
