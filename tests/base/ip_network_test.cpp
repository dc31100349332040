#include "base/ip_network.hpp"

#include <gtest/gtest.h>

namespace lt {
namespace {

TEST(IpNetwork, MatchesAddressesInTheNetworkWhateverTheirNotation) {
  const auto loopback = ParseIpNetwork("127.0.0.0/8").value();
  EXPECT_TRUE(NetworkContains(loopback, "127.0.0.1"));
  EXPECT_TRUE(NetworkContains(loopback, "127.255.3.4"));
  EXPECT_TRUE(NetworkContains(loopback, "::ffff:127.0.0.1"));
  EXPECT_FALSE(NetworkContains(loopback, "128.0.0.1"));
  EXPECT_FALSE(NetworkContains(loopback, "::1"));
  EXPECT_FALSE(NetworkContains(loopback, "localhost"));
  const auto office = ParseIpNetwork("10.20.16.0/20").value();
  EXPECT_TRUE(NetworkContains(office, "10.20.31.255"));
  EXPECT_FALSE(NetworkContains(office, "10.20.32.0"));
  const auto v6 = ParseIpNetwork("2001:db8::/32").value();
  EXPECT_TRUE(NetworkContains(v6, "2001:db8:ffff::1"));
  EXPECT_FALSE(NetworkContains(v6, "2001:db9::1"));
  const auto one = ParseIpNetwork("192.0.2.7").value();
  EXPECT_TRUE(NetworkContains(one, "192.0.2.7"));
  EXPECT_FALSE(NetworkContains(one, "192.0.2.8"));
  EXPECT_TRUE(NetworkContains(ParseIpNetwork("0.0.0.0/0").value(), "198.51.100.1"));
}

TEST(IpNetwork, RefusesMalformedNetworks) {
  for (const char* text : {"", "10.0.0.0/33", "10.0.0.1/8", "10.0.0/8", "::1/129", "10.0.0.0/",
                           "10.0.0.0/x", "host/8"}) {
    EXPECT_FALSE(ParseIpNetwork(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace lt
