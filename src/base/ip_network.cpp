#include "base/ip_network.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <string>

namespace lt {
namespace {

// The address's bytes; IPv4-mapped IPv6 addresses as IPv4.
std::optional<IpNetwork> ParseAddress(std::string_view text) {
  const std::string address(text);
  IpNetwork parsed;
  if (inet_pton(AF_INET, address.c_str(), parsed.bytes.data()) == 1) {
    parsed.prefix_bits = 32;
    return parsed;
  }
  if (inet_pton(AF_INET6, address.c_str(), parsed.bytes.data()) != 1) return std::nullopt;
  constexpr std::array<std::uint8_t, 12> kMapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  if (std::equal(kMapped.begin(), kMapped.end(), parsed.bytes.begin())) {
    std::array<std::uint8_t, 16> v4{};
    std::copy(parsed.bytes.begin() + 12, parsed.bytes.end(), v4.begin());
    parsed.bytes = v4;
    parsed.prefix_bits = 32;
    return parsed;
  }
  parsed.v6 = true;
  parsed.prefix_bits = 128;
  return parsed;
}

bool SameLeadingBits(const std::array<std::uint8_t, 16>& a, const std::array<std::uint8_t, 16>& b,
                     int bits) {
  for (int index = 0; bits > 0; ++index, bits -= 8) {
    const int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
    if ((a[static_cast<std::size_t>(index)] & mask) != (b[static_cast<std::size_t>(index)] & mask))
      return false;
  }
  return true;
}

}  // namespace

std::optional<IpNetwork> ParseIpNetwork(std::string_view text) {
  const auto slash = text.find('/');
  auto network = ParseAddress(text.substr(0, slash));
  if (!network) return std::nullopt;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    int bits = -1;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
    if (error != std::errc() || end != digits.data() + digits.size() || bits < 0 ||
        bits > network->prefix_bits) {
      return std::nullopt;
    }
    // "10.0.0.1/8" names an address, not a network: refuse the ambiguity.
    IpNetwork masked = *network;
    masked.prefix_bits = bits;
    for (int bit = bits; bit < network->prefix_bits; ++bit) {
      if (network->bytes[static_cast<std::size_t>(bit / 8)] & (0x80 >> (bit % 8))) {
        return std::nullopt;
      }
    }
    return masked;
  }
  return network;
}

bool NetworkContains(const IpNetwork& network, std::string_view address) {
  const auto parsed = ParseAddress(address);
  if (!parsed || parsed->v6 != network.v6) return false;
  return SameLeadingBits(parsed->bytes, network.bytes, network.prefix_bits);
}

std::vector<IpNetwork> LoopbackNetworks() {
  return {*ParseIpNetwork("127.0.0.0/8"), *ParseIpNetwork("::1/128")};
}

}  // namespace lt
