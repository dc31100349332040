#include "base/crypto.hpp"

#include <nettle/sha1.h>
#include <nettle/sha2.h>
#include <sodium.h>

#include <vector>

namespace lt {
namespace {

std::string ToHex(const unsigned char* data, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), data, size);
  hex.pop_back();
  return hex;
}

}  // namespace

Status InitCrypto() {
  if (sodium_init() < 0) return Error::Internal("libsodium failed to initialise");
  return Ok();
}

Result<std::string> HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Error::Internal("argon2id hashing ran out of memory");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, std::string_view stored_hash) {
  const std::string hash(stored_hash);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string RandomHex(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  randombytes_buf(buffer.data(), buffer.size());
  return ToHex(buffer.data(), buffer.size());
}

std::string RandomDigits(std::size_t count) {
  std::string digits(count, '0');
  for (char& digit : digits) digit = static_cast<char>('0' + randombytes_uniform(10));
  return digits;
}

std::string HashToken(std::string_view token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return ToHex(digest, sizeof digest);
}

std::string Sha256Hex(std::string_view data) {
  // Nettle's, not libsodium's: it uses the CPU's SHA extensions where there
  // are some (five times as fast here, and attachment bodies are hashed whole).
  sha256_ctx context;
  sha256_init(&context);
  sha256_update(&context, data.size(), reinterpret_cast<const std::uint8_t*>(data.data()));
  unsigned char digest[SHA256_DIGEST_SIZE];
  sha256_digest(&context, sizeof digest, digest);
  return ToHex(digest, sizeof digest);
}

std::string Sha1Hex(std::string_view data) {
  sha1_ctx context;
  sha1_init(&context);
  sha1_update(&context, data.size(), reinterpret_cast<const std::uint8_t*>(data.data()));
  unsigned char digest[SHA1_DIGEST_SIZE];
  sha1_digest(&context, sizeof digest, digest);
  return ToHex(digest, sizeof digest);
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  crypto_auth_hmacsha256_state state;
  unsigned char digest[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(data.data()),
                                data.size());
  crypto_auth_hmacsha256_final(&state, digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

std::string HmacSha256Hex(std::string_view key, std::string_view data) {
  const std::string digest = HmacSha256(key, data);
  return ToHex(reinterpret_cast<const unsigned char*>(digest.data()), digest.size());
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Result<std::string> DecodeBase64(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), "\r\n ", &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return Error::Of(ErrorCode::kInvalidArgument, "validation.base64");
  }
  out.resize(length);
  return out;
}

std::string EncodeBase64(std::string_view data) {
  std::string out(sodium_base64_encoded_len(data.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()),
                    data.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();
  return out;
}

}  // namespace lt
