#include "mail/smtp_sender.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>

#include "mail/mime_writer.hpp"

namespace lt::mail {
namespace {

using domain::SendOutcome;

void InitCurl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// The server's replies as libcurl sees them; the last complete one is the
// answer worth showing ("550 5.1.1 <a@b>: Recipient address rejected").
struct Transcript {
  std::string last_reply;
  std::string pending;   // lines of a multi-line reply so far
  bool in_data = false;  // the server said 354: the message is on its way
  std::function<void(const std::string& reply)> on_accepted;
};

int OnDebug(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  auto& transcript = *static_cast<Transcript*>(user);
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  // "250-PIPELINING" continues a reply; "250 OK" ends it.
  if (line.size() >= 4 && line[3] == '-') {
    transcript.pending += line.substr(4) + " ";
    return 0;
  }
  // The goodbye after QUIT says nothing about the message.
  if (line.rfind("221", 0) == 0) {
    transcript.pending.clear();
    return 0;
  }
  transcript.last_reply = line.size() >= 4 ? line.substr(0, 4) + transcript.pending + line.substr(4)
                                           : transcript.pending + line;
  transcript.pending.clear();
  if (line.rfind("354", 0) == 0) {
    transcript.in_data = true;
  } else if (transcript.in_data) {
    // The reply to the end of the data: the message is the server's now.
    transcript.in_data = false;
    if (line.rfind('2', 0) == 0 && transcript.on_accepted) {
      transcript.on_accepted(transcript.last_reply);
    }
  }
  return 0;
}

struct Upload {
  const std::string& bytes;
  std::size_t offset = 0;
};

std::size_t OnRead(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto& upload = *static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload.bytes.size() - upload.offset);
  std::memcpy(buffer, upload.bytes.data() + upload.offset, n);
  upload.offset += n;
  return n;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

std::string Angle(const std::string& address) { return "<" + address + ">"; }

// A handle set up for the server of `settings`, recording its replies.
std::unique_ptr<CURL, CurlDeleter> Connect(const domain::SmtpSettings& settings,
                                           Transcript& transcript, char* error_buffer) {
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return curl;
  const bool implicit_tls = settings.security == domain::MailSecurity::kTls;
  const std::string url = std::string(implicit_tls ? "smtps://" : "smtp://") + settings.host + ":" +
                          std::to_string(settings.port);
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, static_cast<long>(settings.timeout_seconds));
  // The whole hand-over within the timeout, well inside the outbox job's
  // lease (jobs.lease_seconds), so that no other node takes a message over
  // while it is still being sent.
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, static_cast<long>(settings.timeout_seconds));
  curl_easy_setopt(handle, CURLOPT_USE_SSL,
                   settings.security == domain::MailSecurity::kNone
                       ? static_cast<long>(CURLUSESSL_NONE)
                       : static_cast<long>(CURLUSESSL_ALL));
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, settings.verify_certificate ? 1L : 0L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, settings.verify_certificate ? 2L : 0L);
  if (!settings.ca_file.empty()) curl_easy_setopt(handle, CURLOPT_CAINFO, settings.ca_file.c_str());
  if (!settings.username.empty()) {
    curl_easy_setopt(handle, CURLOPT_USERNAME, settings.username.c_str());
    curl_easy_setopt(handle, CURLOPT_PASSWORD, settings.password.c_str());
  }
  curl_easy_setopt(handle, CURLOPT_VERBOSE, 1L);  // feeds OnDebug; nothing is printed
  curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, &OnDebug);
  curl_easy_setopt(handle, CURLOPT_DEBUGDATA, &transcript);
  return curl;
}

// What to show for a failed attempt: the server's reply when it gave one
// that explains the failure, else libcurl's account of it.
std::string Answer(CURLcode code, long reply_code, const Transcript& transcript,
                   const char* error_buffer) {
  std::string detail = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
  if (reply_code >= 400 && !transcript.last_reply.empty()) return transcript.last_reply;
  return detail;
}

}  // namespace

SmtpSender::SmtpSender() { InitCurl(); }

SendOutcome SmtpSender::Send(const domain::SmtpSettings& settings, const domain::OutgoingMail& mail,
                             const std::function<void(const std::string& reply)>& on_accepted) {
  const std::string message = WriteMailMessage(mail);
  Transcript transcript;
  transcript.on_accepted = on_accepted;
  char error_buffer[CURL_ERROR_SIZE] = {};
  auto curl = Connect(settings, transcript, error_buffer);
  if (!curl) return {SendOutcome::Kind::kTemporary, "cannot start libcurl"};
  CURL* handle = curl.get();
  const std::string sender = Angle(settings.from_address);
  curl_easy_setopt(handle, CURLOPT_MAIL_FROM, sender.c_str());
  std::unique_ptr<curl_slist, SlistDeleter> recipients(
      curl_slist_append(nullptr, Angle(mail.to_address).c_str()));
  curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
  Upload upload{message};
  curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(handle, CURLOPT_READFUNCTION, &OnRead);
  curl_easy_setopt(handle, CURLOPT_READDATA, &upload);
  curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));

  const CURLcode code = curl_easy_perform(handle);
  long reply_code = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &reply_code);
  if (code == CURLE_OK) return {SendOutcome::Kind::kSent, transcript.last_reply};
  // A 5xx refuses the message for good, except a refused login (530, 535):
  // that is the settings' fault, and the message waits until they are mended.
  const bool permanent = reply_code >= 500 && reply_code <= 599 && reply_code != 530 &&
                         reply_code != 535 && code != CURLE_LOGIN_DENIED;
  return {permanent ? SendOutcome::Kind::kPermanent : SendOutcome::Kind::kTemporary,
          Answer(code, reply_code, transcript, error_buffer)};
}

Status SmtpSender::TestConnection(const domain::SmtpSettings& settings) {
  Transcript transcript;
  char error_buffer[CURL_ERROR_SIZE] = {};
  auto curl = Connect(settings, transcript, error_buffer);
  if (!curl) {
    return Error::Of(ErrorCode::kUnavailable, "error.smtp_unreachable",
                     {{"answer", "cannot start libcurl"}});
  }
  // CONNECT_ONLY stops after the protocol's own set-up: greeting, EHLO,
  // STARTTLS and AUTH.
  curl_easy_setopt(curl.get(), CURLOPT_CONNECT_ONLY, 1L);
  const CURLcode code = curl_easy_perform(curl.get());
  if (code == CURLE_OK) return Ok();
  long reply_code = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &reply_code);
  Error error = Error::Of(ErrorCode::kUnavailable, "error.smtp_unreachable",
                          {{"answer", Answer(code, reply_code, transcript, error_buffer)}});
  error.detail = error.args.front().value;
  return error;
}

}  // namespace lt::mail
