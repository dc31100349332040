#pragma once

#include "domain/sms.hpp"

namespace lt::gateways {

// Hands a text to the SMS gateway's HTTP API as the administrators set it up
// (domain::SmsGateway): the filled-in body template, POSTed with the
// authentication header.
class SmsGatewaySender final : public domain::SmsSender {
 public:
  domain::SendOutcome Send(const domain::SmsGateway& gateway,
                           const domain::SmsFields& fields) override;
};

}  // namespace lt::gateways
