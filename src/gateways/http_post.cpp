#include "gateways/http_post.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>

#include "base/utf8.hpp"

namespace lt::gateways {
namespace {

constexpr std::size_t kMaxAnswerBytes = 64 * 1024;
constexpr std::size_t kDescribedBytes = 300;

// The body as it arrives, up to `limit` bytes.
struct Received {
  std::string* body;
  std::size_t limit;
  bool cut_off = false;
};

std::size_t OnWrite(char* data, std::size_t size, std::size_t count, void* user) {
  auto& received = *static_cast<Received*>(user);
  const std::size_t n = size * count;
  std::string& body = *received.body;
  const std::size_t room = received.limit - std::min(received.limit, body.size());
  if (n > room) received.cut_off = true;
  body.append(data, std::min(n, room));
  return n;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlPtr = std::unique_ptr<CURL, CurlDeleter>;

CurlPtr StartCurl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  return CurlPtr(curl_easy_init());
}

// Sets what every request shares, performs it and reads the answer.
HttpAnswer Perform(CURL* handle, const std::string& url, int timeout_seconds,
                   bool verify_certificate, std::size_t max_bytes) {
  HttpAnswer answer;
  char error_buffer[CURL_ERROR_SIZE] = {};
  Received received{&answer.body, max_bytes};
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, static_cast<long>(timeout_seconds));
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT,
                   static_cast<long>(std::min(timeout_seconds, 10)));
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, verify_certificate ? 1L : 0L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, verify_certificate ? 2L : 0L);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, OnWrite);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &received);
  const CURLcode code = curl_easy_perform(handle);
  if (code != CURLE_OK) {
    answer.error = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
    return answer;
  }
  answer.answered = true;
  answer.cut_off = received.cut_off;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &answer.status);
  char* content_type = nullptr;
  curl_easy_getinfo(handle, CURLINFO_CONTENT_TYPE, &content_type);
  if (content_type != nullptr) answer.content_type = content_type;
  return answer;
}

}  // namespace

HttpAnswer Post(const HttpPost& request) {
  const CurlPtr curl = StartCurl();
  if (!curl) return HttpAnswer{false, 0, "", "", false, "libcurl could not start"};
  curl_slist* raw_headers = nullptr;
  raw_headers = curl_slist_append(raw_headers, ("Content-Type: " + request.content_type).c_str());
  raw_headers = curl_slist_append(raw_headers, "Expect:");
  for (const auto& [name, value] : request.headers) {
    raw_headers = curl_slist_append(raw_headers, (name + ": " + value).c_str());
  }
  std::unique_ptr<curl_slist, SlistDeleter> headers(raw_headers);
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_POST, 1L);
  curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                   static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  return Perform(handle, request.url, request.timeout_seconds, request.verify_certificate,
                 kMaxAnswerBytes);
}

HttpAnswer Get(const HttpGet& request) {
  const CurlPtr curl = StartCurl();
  if (!curl) return HttpAnswer{false, 0, "", "", false, "libcurl could not start"};
  curl_easy_setopt(curl.get(), CURLOPT_HTTPGET, 1L);
  return Perform(curl.get(), request.url, request.timeout_seconds, request.verify_certificate,
                 request.max_bytes);
}

std::string Describe(const HttpAnswer& answer) {
  if (!answer.answered) return "connect: " + answer.error;
  std::string body = answer.body;
  if (!IsValidUtf8(body)) body = "(" + std::to_string(body.size()) + " bytes)";
  std::string line = "HTTP " + std::to_string(answer.status);
  if (!body.empty()) {
    const std::string cut = TruncateCodePoints(body, kDescribedBytes);
    line += ": " + cut + (cut.size() < body.size() ? "…" : "");
  }
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return line;
}

}  // namespace lt::gateways
