// WeChat Official Account:
//   GET  /api/v1/webhooks/wechat     WeChat's check of the server URL: the
//                                    echostr back when signed with the Token
//   POST /api/v1/webhooks/wechat     a follower's message or event (XML,
//                                    plaintext mode), signed in the query
//   GET/PUT /api/v1/admin/wechat     the account (admins)
//   POST /api/v1/admin/wechat/test   fetch an access token now

#include "app/wechat_account.hpp"
#include "app/wechat_intake.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/wechat_wire.hpp"
#include "i18n/i18n.hpp"

namespace lt::http {
namespace {

app::WechatRequest WechatRequestOf(RequestContext& context) {
  FieldErrors ignored;
  QueryReader query(context, ignored);
  return {query.String("signature").value_or(""), query.String("timestamp").value_or(""),
          query.String("nonce").value_or("")};
}

HttpResponse PlainText(std::string text) {
  HttpResponse response;
  response.content_type = "text/plain; charset=utf-8";
  response.body = std::move(text);
  return response;
}

const char* BindingReplyKey(app::WechatBindingOutcome outcome) {
  switch (outcome) {
    case app::WechatBindingOutcome::kBound:
      return "wechat.binding_done";
    case app::WechatBindingOutcome::kWrongCode:
      return "wechat.binding_wrong_code";
    case app::WechatBindingOutcome::kLocked:
      return "wechat.binding_locked";
  }
  return "wechat.binding_wrong_code";
}

}  // namespace

void RegisterWechatRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/api/v1/webhooks/wechat",
             {Access::kPublic, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY(app::CheckWechatRequest(services.app, WechatRequestOf(context)));
                FieldErrors errors;
                QueryReader query(context, errors);
                const std::string echo = query.String("echostr").value_or("");
                if (echo.empty() || echo.size() > 200) {
                  return Error::Invalid("echostr", "validation.required");
                }
                return PlainText(echo);
              }});

  router.Add("POST", "/api/v1/webhooks/wechat",
             {Access::kPublic,
              [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY(app::CheckWechatRequest(services.app, WechatRequestOf(context)));
                LT_TRY_ASSIGN(const auto message, wire::ParseWechatXml(context.request.body));
                LT_TRY_ASSIGN(const auto ingested, app::IngestWechat(services.app, message));
                if (ingested.binding) {
                  HttpResponse response;
                  response.content_type = "text/xml; charset=utf-8";
                  response.body = wire::WechatTextReplyXml(
                      message, services.app.clock.NowMs(),
                      i18n::Translate(i18n::Locale::kZhCn, BindingReplyKey(*ingested.binding)));
                  return response;
                }
                // WeChat's word for "received, no passive reply".
                return PlainText("success");
              },
              BodyType::kXml});

  router.Add("GET", "/api/v1/admin/wechat",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto view, app::GetWechatAccount(services.app, context.principal()));
                return JsonResponse(200, wire::WechatAccountToJson(view));
              }});

  router.Add("PUT", "/api/v1/admin/wechat",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseWechatAccount(body));
                LT_TRY_ASSIGN(auto view,
                              app::SaveWechatAccount(services.app, context.principal(), input));
                return JsonResponse(200, wire::WechatAccountToJson(view));
              }});

  router.Add("POST", "/api/v1/admin/wechat/test",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto tested,
                              app::TestWechatAccount(services.app, context.principal()));
                return JsonResponse(200, {{"ok", tested.ok}, {"answer", tested.answer}});
              }});
}

}  // namespace lt::http
