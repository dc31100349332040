#pragma once

// IP networks in CIDR notation ("127.0.0.0/8", "10.20.0.0/16", "::1/128")
// and whether an address lies in one. IPv4 addresses written as IPv6
// ("::ffff:10.0.0.1") count as the IPv4 address they carry.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace lt {

struct IpNetwork {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};  // IPv4 in the first four
  int prefix_bits = 0;
};

// "A.B.C.D/N" or "X::Y/N"; a bare address is a network of one. nullopt when
// malformed, when the prefix is out of range, or when bits beyond it are set.
std::optional<IpNetwork> ParseIpNetwork(std::string_view text);

// Whether `address` (as a client's address is written: "127.0.0.1",
// "::1", "::ffff:127.0.0.1") lies in `network`; false when malformed.
bool NetworkContains(const IpNetwork& network, std::string_view address);

// 127.0.0.0/8 and ::1/128.
std::vector<IpNetwork> LoopbackNetworks();

}  // namespace lt
