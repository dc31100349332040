#include "gateways/sms_gateway_sender.hpp"

#include "gateways/http_post.hpp"

namespace lt::gateways {

domain::SendOutcome SmsGatewaySender::Send(const domain::SmsGateway& gateway,
                                           const domain::SmsFields& fields) {
  using Kind = domain::SendOutcome::Kind;
  HttpPost request;
  request.url = gateway.url;
  request.content_type = gateway.format == domain::SmsBodyFormat::kJson
                             ? "application/json; charset=utf-8"
                             : "application/x-www-form-urlencoded; charset=utf-8";
  if (!gateway.auth_header.empty()) {
    request.headers.emplace_back(gateway.auth_header, gateway.auth_value);
  }
  request.body = domain::FillSmsBody(gateway.format, gateway.body_template, fields);
  request.timeout_seconds = gateway.timeout_seconds;
  request.verify_certificate = gateway.verify_certificate;
  const HttpAnswer answer = Post(request);
  const std::string described = Describe(answer);
  if (!answer.answered) return {Kind::kTemporary, described};
  const long status = answer.status;
  if (status >= 200 && status < 300) {
    if (!gateway.success_text.empty() &&
        answer.body.find(gateway.success_text) == std::string::npos) {
      return {Kind::kPermanent, described};
    }
    return {Kind::kSent, described};
  }
  if (status == 408 || status == 429 || status >= 500) return {Kind::kTemporary, described};
  return {Kind::kPermanent, described};
}

}  // namespace lt::gateways
