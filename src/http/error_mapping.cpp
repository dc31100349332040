#include "http/error_mapping.hpp"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "base/crypto.hpp"

namespace lt::http {
namespace {

std::string_view TitleKey(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "error.validation";
    case ErrorCode::kNotFound:
      return "error.not_found";
    case ErrorCode::kMethodNotAllowed:
      return "error.method_not_allowed_title";
    case ErrorCode::kConflict:
      return "error.conflict";
    case ErrorCode::kForbidden:
      return "error.forbidden";
    case ErrorCode::kUnauthenticated:
      return "error.unauthenticated";
    case ErrorCode::kTooLarge:
      return "error.too_large";
    case ErrorCode::kUnsupportedMedia:
      return "error.unsupported_media";
    case ErrorCode::kRateLimited:
      return "error.rate_limited";
    case ErrorCode::kUnavailable:
      return "error.unavailable";
    case ErrorCode::kInternal:
      break;
  }
  return "error.internal";
}

std::string_view TypeSlug(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "validation";
    case ErrorCode::kNotFound:
      return "not-found";
    case ErrorCode::kMethodNotAllowed:
      return "method-not-allowed";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kForbidden:
      return "forbidden";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kTooLarge:
      return "too-large";
    case ErrorCode::kUnsupportedMedia:
      return "unsupported-media-type";
    case ErrorCode::kRateLimited:
      return "rate-limited";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kInternal:
      break;
  }
  return "internal";
}

}  // namespace

int StatusOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 422;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kTooLarge:
      return 413;
    case ErrorCode::kUnsupportedMedia:
      return 415;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      break;
  }
  return 500;
}

std::string RenderMessage(i18n::Locale locale, const std::string& key,
                          const std::vector<MessageArg>& args) {
  std::vector<MessageArg> rendered = args;
  for (auto& arg : rendered) {
    if (!arg.value.empty() && arg.value.front() == '@')
      arg.value = i18n::Translate(locale, arg.value.substr(1));
  }
  return i18n::Translate(locale, key, rendered);
}

HttpResponse ProblemResponse(const Error& error, i18n::Locale locale) {
  HttpResponse response;
  response.status = StatusOf(error.code);
  response.content_type = "application/problem+json";
  std::vector<MessageArg> args = error.args;
  if (error.code == ErrorCode::kInternal || error.code == ErrorCode::kUnavailable) {
    const std::string error_id = RandomHex(6);
    spdlog::error("error id {}: {} {}", error_id, error.key, error.detail);
    args.push_back({"error_id", error_id});
  }
  nlohmann::json body = {
      {"type", "https://lingting.dev/problems/" + std::string(TypeSlug(error.code))},
      {"title", i18n::Translate(locale, TitleKey(error.code), args)},
      {"status", response.status},
      {"detail", RenderMessage(locale, error.key, args)},
      {"code", error.key},
  };
  if (!error.fields.empty()) {
    nlohmann::json fields = nlohmann::json::array();
    for (const FieldError& field : error.fields) {
      fields.push_back({{"field", field.field},
                        {"code", field.key},
                        {"message", RenderMessage(locale, field.key, field.args)}});
    }
    body["errors"] = std::move(fields);
  }
  if (error.code == ErrorCode::kRateLimited) {
    for (const auto& arg : error.args) {
      if (arg.name == "retry_after") response.WithHeader("Retry-After", arg.value);
    }
  }
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

}  // namespace lt::http
