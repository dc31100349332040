#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace lt::test {

struct HttpReply {
  int status = 0;  // 0 when the connection failed or closed without a reply
  std::multimap<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string Header(const std::string& lower_name) const;
};

// A minimal blocking HTTP/1.1 client for tests on loopback: one request per
// connection ("Connection: close"), reads until the server closes.
HttpReply HttpCall(std::uint16_t port, const std::string& method, const std::string& target,
                   const std::string& body = "",
                   const std::map<std::string, std::string>& headers = {});

}  // namespace lt::test
