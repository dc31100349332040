#include "gateways/wechat_api_sender.hpp"

#include <chrono>
#include <nlohmann/json.hpp>

#include "base/url_encoding.hpp"
#include "gateways/http_post.hpp"

namespace lt::gateways {
namespace {

using nlohmann::json;
using Kind = domain::SendOutcome::Kind;

std::int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

HttpAnswer PostJson(const domain::WechatAccount& account, const std::string& url,
                    const json& body) {
  HttpPost request;
  request.url = url;
  request.content_type = "application/json; charset=utf-8";
  request.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  request.timeout_seconds = account.timeout_seconds;
  request.verify_certificate = account.verify_certificate;
  return Post(request);
}

// WeChat's errcode in an answer (0 when it has none, as its success answers may).
std::optional<long long> ErrorCode(const HttpAnswer& answer) {
  const json parsed = json::parse(answer.body, nullptr, false);
  if (!parsed.is_object()) return std::nullopt;
  const auto code = parsed.find("errcode");
  if (code == parsed.end()) return 0;
  return code->is_number_integer() ? std::optional<long long>(code->get<long long>())
                                   : std::nullopt;
}

bool TokenExpired(long long code) { return code == 40001 || code == 40014 || code == 42001; }

// How an answer to a send ends: 45015 (the window passed or the follower
// unfollowed), 45047 (too many messages in the window) and 43004 (not
// following) close the customer-service route; -1 (busy) and 45009 (API
// limit) are temporary.
domain::WechatOutcome Judge(const HttpAnswer& answer) {
  const std::string described = Describe(answer);
  if (!answer.answered) return {{Kind::kTemporary, described}, false};
  if (answer.status == 429 || answer.status >= 500) return {{Kind::kTemporary, described}, false};
  const auto code = ErrorCode(answer);
  if (answer.status < 200 || answer.status >= 300 || !code) {
    return {{Kind::kPermanent, described}, false};
  }
  if (*code == 0) return {{Kind::kSent, described}, false};
  if (*code == 45015 || *code == 45047 || *code == 43004) {
    return {{Kind::kPermanent, described}, true};
  }
  if (*code == -1 || *code == 45009) return {{Kind::kTemporary, described}, false};
  return {{Kind::kPermanent, described}, false};
}

}  // namespace

WechatApiSender::TokenOrFailure WechatApiSender::AccessToken(const domain::WechatAccount& account,
                                                             bool force_refresh) {
  const std::string key = account.api_base + " " + account.app_id;
  {
    std::lock_guard lock(mutex_);
    const auto found = tokens_.find(key);
    if (!force_refresh && found != tokens_.end() && found->second.expires_at_ms > NowMs()) {
      return {found->second.value, {}};
    }
  }
  const HttpAnswer answer = PostJson(account, account.api_base + "/cgi-bin/stable_token",
                                     {{"grant_type", "client_credential"},
                                      {"appid", account.app_id},
                                      {"secret", account.app_secret},
                                      {"force_refresh", force_refresh}});
  const std::string described = Describe(answer);
  if (!answer.answered || answer.status >= 500) return {"", {Kind::kTemporary, described}};
  const json parsed = json::parse(answer.body, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("access_token") ||
      !parsed["access_token"].is_string()) {
    const auto code = ErrorCode(answer);
    return {"", {code && *code == -1 ? Kind::kTemporary : Kind::kPermanent, described}};
  }
  Token token;
  token.value = parsed["access_token"].get<std::string>();
  // Fetched again five minutes before WeChat says it expires.
  const std::int64_t lifetime_s = parsed.value("expires_in", std::int64_t{7200});
  token.expires_at_ms = NowMs() + std::max<std::int64_t>(lifetime_s - 300, 60) * 1000;
  std::lock_guard lock(mutex_);
  tokens_[key] = token;
  return {token.value, {Kind::kSent, described}};
}

domain::WechatOutcome WechatApiSender::Send(const domain::WechatAccount& account,
                                            const std::string& path, const std::string& body) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    const TokenOrFailure token = AccessToken(account, attempt > 0);
    if (token.token.empty()) return {token.failure, false};
    HttpPost request;
    request.url = account.api_base + path + "?access_token=" + token.token;
    request.content_type = "application/json; charset=utf-8";
    request.body = body;
    request.timeout_seconds = account.timeout_seconds;
    request.verify_certificate = account.verify_certificate;
    const HttpAnswer answer = Post(request);
    const auto code = answer.answered ? ErrorCode(answer) : std::nullopt;
    if (attempt == 0 && code && TokenExpired(*code)) continue;
    return Judge(answer);
  }
  return {{Kind::kTemporary, "WeChat refused two access tokens in a row"}, false};
}

domain::WechatOutcome WechatApiSender::SendText(const domain::WechatAccount& account,
                                                const std::string& openid,
                                                const std::string& text) {
  const json body = {{"touser", openid}, {"msgtype", "text"}, {"text", {{"content", text}}}};
  return Send(account, "/cgi-bin/message/custom/send",
              body.dump(-1, ' ', false, json::error_handler_t::replace));
}

domain::WechatOutcome WechatApiSender::SendTemplate(const domain::WechatAccount& account,
                                                    const std::string& openid,
                                                    const std::string& data_json,
                                                    const std::string& url) {
  json body = {{"touser", openid},
               {"template_id", account.template_id},
               {"data", json::parse(data_json, nullptr, false)}};
  if (!url.empty()) body["url"] = url;
  if (!body["data"].is_object()) {
    return {{Kind::kPermanent, "the template message's data is not a JSON object"}, false};
  }
  return Send(account, "/cgi-bin/message/template/send",
              body.dump(-1, ' ', false, json::error_handler_t::replace));
}

domain::WechatMedia WechatApiSender::FetchMedia(const domain::WechatAccount& account,
                                                const std::string& media_id,
                                                std::size_t max_bytes) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    const TokenOrFailure token = AccessToken(account, attempt > 0);
    if (token.token.empty()) return {token.failure, "", ""};
    HttpGet request;
    request.url = account.api_base + "/cgi-bin/media/get?access_token=" + FormEncode(token.token) +
                  "&media_id=" + FormEncode(media_id);
    request.max_bytes = max_bytes;
    request.timeout_seconds = account.timeout_seconds;
    request.verify_certificate = account.verify_certificate;
    HttpAnswer answer = Get(request);
    // WeChat answers a refusal in JSON (or as text), the file with its own type.
    const bool refused = answer.content_type.rfind("application/json", 0) == 0 ||
                         answer.content_type.rfind("text/plain", 0) == 0;
    if (!answer.answered || answer.status == 429 || answer.status >= 500 || refused) {
      const auto code = answer.answered ? ErrorCode(answer) : std::nullopt;
      if (attempt == 0 && code && TokenExpired(*code)) continue;
      domain::WechatOutcome judged = Judge(answer);
      if (judged.outcome.kind == Kind::kSent) judged.outcome.kind = Kind::kPermanent;  // no file
      return {judged.outcome, "", ""};
    }
    const std::string described = Describe(answer);
    if (answer.status < 200 || answer.status >= 300) return {{Kind::kPermanent, described}, "", ""};
    if (answer.cut_off) {
      return {{Kind::kPermanent, "larger than " + std::to_string(max_bytes) + " bytes"}, "", ""};
    }
    std::string content_type = answer.content_type.substr(0, answer.content_type.find(';'));
    return {{Kind::kSent, described}, std::move(answer.body), std::move(content_type)};
  }
  return {{Kind::kTemporary, "WeChat refused two access tokens in a row"}, "", ""};
}

domain::SendOutcome WechatApiSender::CheckAccount(const domain::WechatAccount& account) {
  const TokenOrFailure token = AccessToken(account, false);
  if (token.token.empty()) return token.failure;
  return {Kind::kSent, "access token valid"};
}

}  // namespace lt::gateways
