#pragma once

#include <map>
#include <mutex>
#include <string>

#include "domain/wechat.hpp"

namespace lt::gateways {

// Talks to WeChat's API for the Official Account: customer-service text
// messages and template messages, the files of followers' media, with an access token from the
// stable token endpoint (the same token for every node of a cluster until it expires, unlike
// /cgi-bin/token, which would make the nodes invalidate each other's). The token is kept per AppID
// until shortly before it expires, and fetched again once when WeChat says it is no longer valid.
// Thread-safe.
class WechatApiSender final : public domain::WechatSender {
 public:
  domain::WechatOutcome SendText(const domain::WechatAccount& account, const std::string& openid,
                                 const std::string& text) override;
  domain::WechatOutcome SendTemplate(const domain::WechatAccount& account,
                                     const std::string& openid, const std::string& data_json,
                                     const std::string& url) override;
  domain::WechatMedia FetchMedia(const domain::WechatAccount& account, const std::string& media_id,
                                 std::size_t max_bytes) override;
  domain::SendOutcome CheckAccount(const domain::WechatAccount& account) override;

 private:
  struct Token {
    std::string value;
    std::int64_t expires_at_ms = 0;
  };
  // The access token, or the outcome that explains why there is none.
  struct TokenOrFailure {
    std::string token;
    domain::SendOutcome failure;
  };
  TokenOrFailure AccessToken(const domain::WechatAccount& account, bool force_refresh);
  domain::WechatOutcome Send(const domain::WechatAccount& account, const std::string& path,
                             const std::string& body);

  std::mutex mutex_;
  std::map<std::string, Token> tokens_;  // by AppID and API base; guarded by mutex_
};

}  // namespace lt::gateways
