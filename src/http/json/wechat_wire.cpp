#include "http/json/wechat_wire.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>
#include <mutex>

#include "http/json/object_reader.hpp"
#include "http/json/wire_support.hpp"

namespace lt::http::wire {
namespace {

using nlohmann::json;

struct DocumentFree {
  void operator()(xmlDoc* document) const { xmlFreeDoc(document); }
};

std::string TextOf(xmlNode* node) {
  xmlChar* content = xmlNodeGetContent(node);
  if (!content) return "";
  std::string text(reinterpret_cast<const char*>(content));
  xmlFree(content);
  return text;
}

domain::WechatMessageType TypeOf(const std::string& code) {
  using Type = domain::WechatMessageType;
  if (code == "text") return Type::kText;
  if (code == "image") return Type::kImage;
  if (code == "voice") return Type::kVoice;
  if (code == "event") return Type::kEvent;
  return Type::kOther;
}

Error NotWechatXml() { return Error::Invalid("body", "validation.wechat_xml"); }

}  // namespace

Result<domain::WechatMessage> ParseWechatXml(std::string_view body) {
  static std::once_flag initialised;
  std::call_once(initialised, [] { xmlInitParser(); });
  if (body.empty() || body.size() > 1024 * 1024) return NotWechatXml();
  const std::unique_ptr<xmlDoc, DocumentFree> document(
      xmlReadMemory(body.data(), static_cast<int>(body.size()), "wechat.xml", "UTF-8",
                    XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!document) return NotWechatXml();
  xmlNode* root = xmlDocGetRootElement(document.get());
  if (!root || xmlStrcmp(root->name, BAD_CAST "xml") != 0) return NotWechatXml();
  domain::WechatMessage message;
  for (xmlNode* node = root->children; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    const std::string name(reinterpret_cast<const char*>(node->name));
    const std::string value = TextOf(node);
    if (name == "ToUserName") message.to_user = value;
    if (name == "FromUserName") message.from_user = value;
    if (name == "CreateTime") {
      message.create_time = 0;
      for (const char c : value) {
        if (c < '0' || c > '9' || message.create_time > 1'000'000'000'000) break;
        message.create_time = message.create_time * 10 + (c - '0');
      }
    }
    if (name == "MsgType") message.type_code = value;
    if (name == "Content") message.content = value;
    if (name == "PicUrl") message.pic_url = value;
    if (name == "MediaId") message.media_id = value;
    if (name == "Format") message.format = value;
    if (name == "Recognition") message.recognition = value;
    if (name == "Event") message.event = value;
    if (name == "MsgId") message.msg_id = value;
  }
  if (message.type_code.empty() || message.from_user.empty()) return NotWechatXml();
  message.type = TypeOf(message.type_code);
  return message;
}

json WechatAccountToJson(const std::optional<app::WechatAccountView>& view) {
  const domain::WechatAccount account = view ? view->account : domain::WechatAccount{};
  return {{"configured", view.has_value()},
          {"app_id", account.app_id},
          {"app_secret_set", view && view->app_secret_set},
          {"token_set", view && view->token_set},
          {"api_base", account.api_base},
          {"department_id", OptionalId(account.department_id)},
          {"template_id", account.template_id},
          {"template_data", account.template_data},
          {"window_messages", account.window_messages},
          {"timeout_seconds", account.timeout_seconds},
          {"verify_certificate", account.verify_certificate}};
}

Result<app::WechatAccountInput> ParseWechatAccount(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::WechatAccountInput input;
  domain::WechatAccount& account = input.account;
  account.app_id = reader.RequiredString("app_id");
  input.app_secret = reader.String("app_secret");
  input.token = reader.String("token");
  account.api_base = reader.String("api_base").value_or(account.api_base);
  if (auto department = reader.NullableId("department_id")) account.department_id = *department;
  account.template_id = reader.String("template_id").value_or("");
  account.template_data = reader.String("template_data").value_or("");
  account.window_messages =
      static_cast<int>(reader.Integer("window_messages", 1, 20).value_or(account.window_messages));
  account.timeout_seconds =
      static_cast<int>(reader.Integer("timeout_seconds", 1, 60).value_or(account.timeout_seconds));
  account.verify_certificate = reader.Boolean("verify_certificate").value_or(true);
  return Finish(reader, errors, std::move(input));
}

std::string WechatTextReplyXml(const domain::WechatMessage& message, TimestampMs now,
                               const std::string& text) {
  // CDATA cannot hold "]]>": split it where it occurs.
  auto cdata = [](const std::string& value) {
    std::string out = "<![CDATA[";
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (value.compare(i, 3, "]]>") == 0) {
        out += "]]]]><![CDATA[>";
        i += 2;
      } else {
        out += value[i];
      }
    }
    return out + "]]>";
  };
  return "<xml><ToUserName>" + cdata(message.from_user) + "</ToUserName><FromUserName>" +
         cdata(message.to_user) + "</FromUserName><CreateTime>" + std::to_string(now / 1000) +
         "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>" + cdata(text) +
         "</Content></xml>";
}

}  // namespace lt::http::wire
