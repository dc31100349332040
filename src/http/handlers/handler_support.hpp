#pragma once

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/webhooks.hpp"
#include "base/result.hpp"
#include "domain/enum_codes.hpp"
#include "domain/queries.hpp"
#include "http/api.hpp"

namespace lt::http {

HttpResponse JsonResponse(int status, const nlohmann::json& body);

// 204 No Content: done, nothing to say (no body, no content type).
HttpResponse NoContentResponse();

// 201 Created with the new resource's URL in Location.
HttpResponse CreatedResponse(const nlohmann::json& body, const std::string& location);

// A file to save (Content-Disposition: attachment, with the file name in
// RFC 8187 encoding so Chinese names survive; nosniff).
HttpResponse DownloadResponse(std::string content_type, const std::string& filename,
                              std::string body);

// 201 with the session's user and CSRF token, setting its cookies
// (lt_session, HttpOnly; lt_csrf, read by the console).
HttpResponse SessionStarted(const Services& services, const app::Session& session);
void ClearSessionCookies(const Services& services, HttpResponse& response);

// The request body as a JSON object (malformed JSON, invalid UTF-8 and
// non-object bodies are errors).
Result<nlohmann::json> JsonBody(const RequestContext& context);

// A signed webhook request as it arrived: its X-Lingting-Timestamp and
// X-Lingting-Signature headers and its body (app/webhooks.hpp checks them).
app::WebhookRequest WebhookRequestOf(const RequestContext& context);

// The path parameter `name` as an id; kNotFound unless a positive integer.
Result<std::int64_t> PathId(const RequestContext& context, const char* name = "id");

// The ?month=YYYY-MM of a monthly figure, its only query parameter
// (required; kInvalidArgument naming "month" or an unknown parameter).
Result<std::string> RequiredMonth(const RequestContext& context);

// Reads query parameters the way ObjectReader reads JSON: typed, with every
// problem collected, and unknown parameters refused.
class QueryReader {
 public:
  QueryReader(const RequestContext& context, FieldErrors& errors)
      : context_(context), errors_(errors) {}
  std::optional<std::string> String(const std::string& name);
  std::optional<std::int64_t> Id(const std::string& name);
  // "true" or "false".
  std::optional<bool> Boolean(const std::string& name);
  // A comma-separated list ("open,done"); empty when absent.
  std::vector<std::string> List(const std::string& name);
  std::optional<TimestampMs> Timestamp(const std::string& name);
  // One code of `codes`, or a comma-separated list of them; an unknown code
  // is a validation.enum error naming the allowed ones.
  template <class Enum, std::size_t N>
  std::optional<Enum> Code(const std::string& name, const domain::EnumCodes<Enum, N>& codes) {
    auto text = String(name);
    if (!text) return std::nullopt;
    if (auto value = codes.FromCode(*text)) return value;
    errors_.Add(name, "validation.enum", {{"allowed", codes.AllowedList()}});
    return std::nullopt;
  }
  template <class Enum, std::size_t N>
  std::vector<Enum> Codes(const std::string& name, const domain::EnumCodes<Enum, N>& codes) {
    std::vector<Enum> values;
    for (const auto& code : List(name)) {
      if (auto value = codes.FromCode(code)) {
        values.push_back(*value);
      } else {
        errors_.Add(name, "validation.enum", {{"allowed", codes.AllowedList()}});
        break;
      }
    }
    return values;
  }
  // limit=: default and maximum from ApiOptions; out of range is an error.
  int Limit(const ApiOptions& options);
  void RejectUnknown();

 private:
  const RequestContext& context_;
  FieldErrors& errors_;
  std::set<std::string> seen_;
};

// The records as a JSON array, each as `to_json(record)`.
template <class Records, class ToJson>
nlohmann::json ItemsJson(const Records& records, ToJson to_json) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& record : records) items.push_back(to_json(record));
  return items;
}

// The routes of a collection of records that repeat themselves: each calls
// an app function `(AppContext&, const Principal&, ...)` and answers with
// `to_json(record)`.
//
// GET <collection>: {"items": [...]} of `list`'s records.
template <class List, class ToJson>
RouteEntry ListRoute(Services& services, List list, ToJson to_json) {
  return {Access::kAuthenticated,
          [&services, list, to_json](RequestContext& context) -> Result<HttpResponse> {
            LT_TRY_ASSIGN(auto records, list(services.app, context.principal()));
            return JsonResponse(200, {{"items", ItemsJson(records, to_json)}});
          }};
}

// POST <collection>: `parse`s the body, `create`s the record and answers 201
// with its Location, <collection>/<id>.
template <class Parse, class Create, class ToJson>
RouteEntry CreateRoute(Services& services, Access access, std::string collection, Parse parse,
                       Create create, ToJson to_json) {
  return {access,
          [&services, collection, parse, create,
           to_json](RequestContext& context) -> Result<HttpResponse> {
            LT_TRY_ASSIGN(auto body, JsonBody(context));
            LT_TRY_ASSIGN(auto input, parse(body));
            LT_TRY_ASSIGN(auto record, create(services.app, context.principal(), input));
            return CreatedResponse(to_json(record), collection + "/" + std::to_string(record.id));
          }};
}

// GET <collection>/{id}, or an action on that record that takes no body
// (POST .../{id}/withdraw): answers 200 with the record `get` returns.
template <class Get, class ToJson>
RouteEntry RecordRoute(Services& services, Get get, ToJson to_json) {
  return {Access::kAuthenticated,
          [&services, get, to_json](RequestContext& context) -> Result<HttpResponse> {
            LT_TRY_ASSIGN(auto id, PathId(context));
            LT_TRY_ASSIGN(auto record, get(services.app, context.principal(), id));
            return JsonResponse(200, to_json(record));
          }};
}

// PATCH <collection>/{id}: `parse`s the body and `update`s the record.
template <class Parse, class Update, class ToJson>
RouteEntry UpdateRoute(Services& services, Access access, Parse parse, Update update,
                       ToJson to_json) {
  return {access,
          [&services, parse, update, to_json](RequestContext& context) -> Result<HttpResponse> {
            LT_TRY_ASSIGN(auto id, PathId(context));
            LT_TRY_ASSIGN(auto body, JsonBody(context));
            LT_TRY_ASSIGN(auto patch, parse(body));
            LT_TRY_ASSIGN(auto record, update(services.app, context.principal(), id, patch));
            return JsonResponse(200, to_json(record));
          }};
}

// A route that changes one thing: reads the {id} path parameter and the JSON
// body, calls `change(services, context, id, body)` and answers 200 with
// `to_json(result)`.
template <class Change, class ToJson>
RouteEntry ChangeRoute(Services& services, Change change, ToJson to_json) {
  return {Access::kAuthenticated,
          [&services, change, to_json](RequestContext& context) -> Result<HttpResponse> {
            LT_TRY_ASSIGN(auto id, PathId(context));
            LT_TRY_ASSIGN(auto body, JsonBody(context));
            LT_TRY_ASSIGN(auto changed, change(services, context, id, body));
            return JsonResponse(200, to_json(changed));
          }};
}

// The version a client expects (If-Match: "7"), or nullopt without the
// header; a malformed one is kConflict "error.case_changed".
Result<std::optional<std::int64_t>> ParseIfMatch(const RequestContext& context);

// A pagination cursor: opaque to clients (base64url of "kind:values").
std::string EncodeCursor(const std::string& plain);
std::optional<std::string> DecodeCursor(const std::string& cursor);

// A boolean query parameter as the settled (or verified) state a list asks for.
inline domain::Settled SettledOf(bool yes) {
  return yes ? domain::Settled::kYes : domain::Settled::kNo;
}

}  // namespace lt::http
