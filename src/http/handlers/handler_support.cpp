#include "http/handlers/handler_support.hpp"

#include <cctype>
#include <cstdio>

#include <sodium.h>

#include <charconv>

#include "base/time_format.hpp"
#include "http/json/object_reader.hpp"
#include "http/json/user_wire.hpp"
#include "http/json/wire.hpp"

namespace lt::http {

HttpResponse JsonResponse(int status, const nlohmann::json& body) {
  HttpResponse response;
  response.status = status;
  response.body = wire::Dump(body);
  return response;
}

HttpResponse CreatedResponse(const nlohmann::json& body, const std::string& location) {
  HttpResponse response = JsonResponse(201, body);
  response.WithHeader("Location", location);
  return response;
}

HttpResponse NoContentResponse() {
  HttpResponse response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

HttpResponse DownloadResponse(std::string content_type, const std::string& filename,
                              std::string body) {
  HttpResponse response;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  std::string encoded;
  for (const unsigned char c : filename) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      char buffer[4];
      std::snprintf(buffer, sizeof buffer, "%%%02X", c);
      encoded += buffer;
    }
  }
  response.WithHeader("Content-Disposition", "attachment; filename*=UTF-8''" + encoded);
  response.WithHeader("X-Content-Type-Options", "nosniff");
  return response;
}

app::WebhookRequest WebhookRequestOf(const RequestContext& context) {
  return {context.request.Header("X-Lingting-Timestamp"),
          context.request.Header("X-Lingting-Signature"), context.request.body};
}

namespace {

std::string CookieAttributes(const Services& services, std::int64_t max_age_seconds,
                             bool http_only) {
  std::string attributes = "; Path=/; SameSite=Lax; Max-Age=" + std::to_string(max_age_seconds);
  if (http_only) attributes += "; HttpOnly";
  if (services.options.secure_cookies) attributes += "; Secure";
  return attributes;
}

}  // namespace

HttpResponse SessionStarted(const Services& services, const app::Session& session) {
  const std::int64_t max_age = (session.expires_at - services.app.clock.NowMs()) / 1000;
  HttpResponse response = JsonResponse(201, {{"user", wire::UserToJson(session.user)},
                                             {"csrf_token", session.csrf_token},
                                             {"expires_at", FormatTimestamp(session.expires_at)}});
  response.WithHeader("Set-Cookie", "lt_session=" + session.session_token +
                                        CookieAttributes(services, max_age, true));
  response.WithHeader("Set-Cookie",
                      "lt_csrf=" + session.csrf_token + CookieAttributes(services, max_age, false));
  response.WithHeader("Cache-Control", "no-store");
  return response;
}

void ClearSessionCookies(const Services& services, HttpResponse& response) {
  response.WithHeader("Set-Cookie", "lt_session=" + CookieAttributes(services, 0, true));
  response.WithHeader("Set-Cookie", "lt_csrf=" + CookieAttributes(services, 0, false));
}

Result<nlohmann::json> JsonBody(const RequestContext& context) {
  if (context.request.body.empty())
    return Error::Of(ErrorCode::kInvalidArgument, "error.body_not_object");
  return wire::ParseObject(context.request.body);
}

Result<std::int64_t> PathId(const RequestContext& context, const char* name) {
  const auto found = context.params.find(name);
  if (found == context.params.end()) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  return wire::ParseId(found->second);
}

std::optional<std::string> QueryReader::String(const std::string& name) {
  seen_.insert(name);
  const auto found = context_.request.query.find(name);
  if (found == context_.request.query.end() || found->second.empty()) return std::nullopt;
  return found->second;
}

std::optional<bool> QueryReader::Boolean(const std::string& name) {
  const auto text = String(name);
  if (!text) return std::nullopt;
  if (*text == "true") return true;
  if (*text == "false") return false;
  errors_.Add(name, "validation.enum", {{"allowed", "true, false"}});
  return std::nullopt;
}

std::vector<std::string> QueryReader::List(const std::string& name) {
  std::vector<std::string> items;
  const auto text = String(name);
  if (!text) return items;
  std::string_view rest = *text;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    items.emplace_back(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return items;
}

std::optional<std::int64_t> QueryReader::Id(const std::string& name) {
  auto text = String(name);
  if (!text) return std::nullopt;
  auto id = wire::ParseId(*text);
  if (!id.ok()) {
    errors_.Add(name, "validation.type_integer");
    return std::nullopt;
  }
  return *id;
}

std::optional<TimestampMs> QueryReader::Timestamp(const std::string& name) {
  auto text = String(name);
  if (!text) return std::nullopt;
  auto at = ParseTimestamp(*text);
  if (!at) errors_.Add(name, "validation.timestamp");
  return at;
}

int QueryReader::Limit(const ApiOptions& options) {
  auto text = String("limit");
  if (!text) return options.default_page_limit;
  int limit = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), limit);
  if (error != std::errc() || end != text->data() + text->size() || limit < 1 ||
      limit > options.max_page_limit) {
    errors_.Add("limit", "validation.range",
                {{"min", "1"}, {"max", std::to_string(options.max_page_limit)}});
    return options.default_page_limit;
  }
  return limit;
}

void QueryReader::RejectUnknown() {
  for (const auto& [name, value] : context_.request.query) {
    if (!seen_.contains(name)) errors_.Add(name, "validation.unknown_field");
  }
}

std::string EncodeCursor(const std::string& plain) {
  std::string out(sodium_base64_encoded_len(plain.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(plain.data()),
                    plain.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.pop_back();
  return out;
}

std::optional<std::string> DecodeCursor(const std::string& cursor) {
  std::string out(cursor.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), cursor.data(),
                        cursor.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

Result<std::optional<std::int64_t>> ParseIfMatch(const RequestContext& context) {
  const auto header = context.request.Header("If-Match");
  if (!header) return std::optional<std::int64_t>();
  std::string_view text = *header;
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
    text = text.substr(1, text.size() - 2);
  std::int64_t version = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), version);
  if (error != std::errc() || end != text.data() + text.size()) {
    return Error::Of(ErrorCode::kConflict, "error.case_changed");
  }
  return std::optional<std::int64_t>(version);
}

Result<std::string> RequiredMonth(const RequestContext& context) {
  FieldErrors errors;
  QueryReader query(context, errors);
  const auto month = query.String("month");
  if (!month) errors.Add("month", "validation.required");
  query.RejectUnknown();
  if (!errors.empty()) return errors.ToError();
  return *month;
}

}  // namespace lt::http
