#include "gateways/http_post.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>

#include "base/utf8.hpp"

namespace lt::gateways {
namespace {

constexpr std::size_t kMaxAnswerBytes = 64 * 1024;
constexpr std::size_t kDescribedBytes = 300;

std::size_t OnWrite(char* data, std::size_t size, std::size_t count, void* user) {
  auto& body = *static_cast<std::string*>(user);
  const std::size_t n = size * count;
  if (body.size() < kMaxAnswerBytes) body.append(data, std::min(n, kMaxAnswerBytes - body.size()));
  return n;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

HttpAnswer Post(const HttpPost& request) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  HttpAnswer answer;
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) {
    answer.error = "libcurl could not start";
    return answer;
  }
  curl_slist* raw_headers = nullptr;
  raw_headers = curl_slist_append(raw_headers, ("Content-Type: " + request.content_type).c_str());
  raw_headers = curl_slist_append(raw_headers, "Expect:");
  for (const auto& [name, value] : request.headers) {
    raw_headers = curl_slist_append(raw_headers, (name + ": " + value).c_str());
  }
  std::unique_ptr<curl_slist, SlistDeleter> headers(raw_headers);
  char error_buffer[CURL_ERROR_SIZE] = {};
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_POST, 1L);
  curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                   static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, static_cast<long>(request.timeout_seconds));
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT,
                   static_cast<long>(std::min(request.timeout_seconds, 10)));
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, request.verify_certificate ? 1L : 0L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, request.verify_certificate ? 2L : 0L);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, OnWrite);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &answer.body);
  const CURLcode code = curl_easy_perform(handle);
  if (code != CURLE_OK) {
    answer.error = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
    return answer;
  }
  answer.answered = true;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &answer.status);
  return answer;
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
