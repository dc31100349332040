#pragma once

#include <string>
#include <string_view>

#include "base/result.hpp"

namespace lt {

// Thin wrappers over libsodium. Call InitCrypto() once before any other.
Status InitCrypto();

// argon2id hash in libsodium's self-describing string format (INTERACTIVE limits).
Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, std::string_view stored_hash);

// `bytes` random bytes, hex-encoded.
std::string RandomHex(std::size_t bytes);
// `count` random decimal digits, each uniform: a one-time code.
std::string RandomDigits(std::size_t count);

// BLAKE2b-256 of the input, hex-encoded: used to store API tokens and session ids.
std::string HashToken(std::string_view token);

// SHA-256 of the input, hex-encoded: the content address of an attachment.
std::string Sha256Hex(std::string_view data);

// SHA-1 of the input, hex-encoded: only where a third party signs with it
// (WeChat's server signature), never for Lingting's own secrets.
std::string Sha1Hex(std::string_view data);

// HMAC-SHA-256 of `data` under `key` (any length): the 32 raw bytes, or hex.
// Signs and checks webhooks.
std::string HmacSha256(std::string_view key, std::string_view data);
std::string HmacSha256Hex(std::string_view key, std::string_view data);

// Constant-time comparison of two strings of equal length.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Standard base64 (RFC 4648, with padding); nullopt-like error on bad input.
Result<std::string> DecodeBase64(std::string_view text);
std::string EncodeBase64(std::string_view data);

}  // namespace lt
