#include "mail/imap_client.hpp"

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <libetpan/libetpan.h>
#include <poll.h>

#include <algorithm>
#include <memory>

namespace lt::mail {
namespace {

constexpr std::size_t kFetchBatch = 50;

Error Unavailable(std::string answer) {
  Error error =
      Error::Of(ErrorCode::kUnavailable, "error.mailbox_unreachable", {{"answer", answer}});
  error.detail = std::move(answer);
  return error;
}

struct SessionDeleter {
  void operator()(mailimap* session) const { mailimap_free(session); }
};
using SessionPtr = std::unique_ptr<mailimap, SessionDeleter>;

// What went wrong, in the server's words when it gave some.
std::string Answer(mailimap* session, int code, const char* what) {
  std::string answer = what;
  if (session->imap_response && *session->imap_response) {
    answer += ": ";
    answer += session->imap_response;
  } else {
    answer += " (libetpan error " + std::to_string(code) + ")";
  }
  return answer;
}

bool Failed(int code) {
  return code != MAILIMAP_NO_ERROR && code != MAILIMAP_NO_ERROR_AUTHENTICATED &&
         code != MAILIMAP_NO_ERROR_NON_AUTHENTICATED;
}

// The certificate chain the server sent, checked against the system's CAs
// (and `ca_file`, when given) and `host`, as a browser would.
Status VerifyChain(mailimap* session, const domain::MailServer& server) {
  carray* chain = mailstream_get_certificate_chain(session->imap_stream);
  if (!chain || carray_count(chain) == 0) {
    if (chain) mailstream_certificate_chain_free(chain);
    return Unavailable("the server sent no certificate");
  }
  std::vector<gnutls_x509_crt_t> certificates;
  Status status = Ok();
  for (unsigned i = 0; i < carray_count(chain) && status.ok(); ++i) {
    auto* der = static_cast<MMAPString*>(carray_get(chain, i));
    gnutls_x509_crt_t certificate = nullptr;
    gnutls_x509_crt_init(&certificate);
    const gnutls_datum_t datum{reinterpret_cast<unsigned char*>(der->str),
                               static_cast<unsigned>(der->len)};
    if (gnutls_x509_crt_import(certificate, &datum, GNUTLS_X509_FMT_DER) < 0) {
      status = Unavailable("the server's certificate cannot be read");
    }
    certificates.push_back(certificate);
  }
  mailstream_certificate_chain_free(chain);
  gnutls_x509_trust_list_t trust = nullptr;
  gnutls_x509_trust_list_init(&trust, 0);
  if (status.ok()) {
    const int loaded = server.ca_file.empty()
                           ? gnutls_x509_trust_list_add_system_trust(trust, 0, 0)
                           : gnutls_x509_trust_list_add_trust_file(
                                 trust, server.ca_file.c_str(), nullptr, GNUTLS_X509_FMT_PEM, 0, 0);
    if (loaded <= 0) status = Unavailable("no trusted certificates to check the server's against");
  }
  if (status.ok()) {
    unsigned verdict = 0;
    gnutls_typed_vdata_st host{
        GNUTLS_DT_DNS_HOSTNAME,
        reinterpret_cast<unsigned char*>(const_cast<char*>(server.host.c_str())), 0};
    const int checked = gnutls_x509_trust_list_verify_crt2(
        trust, certificates.data(), static_cast<unsigned>(certificates.size()), &host, 1, 0,
        &verdict, nullptr);
    if (checked < 0 || verdict != 0) {
      gnutls_datum_t text{};
      gnutls_certificate_verification_status_print(verdict, GNUTLS_CRT_X509, &text, 0);
      status = Unavailable(std::string("the server's certificate is not trusted: ") +
                           (text.data ? reinterpret_cast<char*>(text.data) : "?"));
      gnutls_free(text.data);
    }
  }
  gnutls_x509_trust_list_deinit(trust, 1);
  for (auto* certificate : certificates) gnutls_x509_crt_deinit(certificate);
  return status;
}

class ImapSession final : public domain::MailboxSession {
 public:
  explicit ImapSession(SessionPtr session) : session_(std::move(session)) {}
  ~ImapSession() override { mailimap_logout(session_.get()); }

  Result<domain::MailFolderState> Examine(const std::string& folder) override {
    const int code = mailimap_examine(session_.get(), folder.c_str());
    if (Failed(code)) return Unavailable(Answer(session_.get(), code, "EXAMINE failed"));
    const mailimap_selection_info* info = session_->imap_selection_info;
    if (!info) return Unavailable("EXAMINE gave no folder state");
    return domain::MailFolderState{info->sel_uidvalidity, info->sel_uidnext, info->sel_exists};
  }

  Result<std::vector<std::uint32_t>> UidsAbove(std::uint32_t uid) override {
    // "UID n:*" always names the last message, even below n: filtered below.
    mailimap_set* set = mailimap_set_new_interval(uid + 1, 0);
    mailimap_search_key* key = mailimap_search_key_new_uid(set);
    clist* found = nullptr;
    const int code = mailimap_uid_search(session_.get(), nullptr, key, &found);
    mailimap_search_key_free(key);
    if (Failed(code)) return Unavailable(Answer(session_.get(), code, "UID SEARCH failed"));
    std::vector<std::uint32_t> uids;
    for (clistiter* it = clist_begin(found); it; it = clist_next(it)) {
      const std::uint32_t found_uid = *static_cast<std::uint32_t*>(clist_content(it));
      if (found_uid > uid) uids.push_back(found_uid);
    }
    mailimap_search_result_free(found);
    std::sort(uids.begin(), uids.end());
    return uids;
  }

  Result<std::vector<domain::FetchedMail>> Fetch(const std::vector<std::uint32_t>& uids) override {
    std::vector<domain::FetchedMail> fetched;
    for (std::size_t start = 0; start < uids.size(); start += kFetchBatch) {
      mailimap_set* set = mailimap_set_new_empty();
      for (std::size_t i = start; i < std::min(uids.size(), start + kFetchBatch); ++i) {
        mailimap_set_add_single(set, uids[i]);
      }
      mailimap_fetch_type* type = mailimap_fetch_type_new_fetch_att_list_empty();
      mailimap_fetch_type_new_fetch_att_list_add(type, mailimap_fetch_att_new_uid());
      mailimap_fetch_type_new_fetch_att_list_add(
          type, mailimap_fetch_att_new_body_peek_section(mailimap_section_new(nullptr)));
      clist* result = nullptr;
      const int code = mailimap_uid_fetch(session_.get(), set, type, &result);
      mailimap_fetch_type_free(type);
      mailimap_set_free(set);
      if (Failed(code)) return Unavailable(Answer(session_.get(), code, "UID FETCH failed"));
      for (clistiter* it = clist_begin(result); it; it = clist_next(it)) {
        auto* message = static_cast<mailimap_msg_att*>(clist_content(it));
        domain::FetchedMail mail;
        bool has_body = false;
        for (clistiter* item = clist_begin(message->att_list); item; item = clist_next(item)) {
          auto* attribute = static_cast<mailimap_msg_att_item*>(clist_content(item));
          if (attribute->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC) continue;
          const mailimap_msg_att_static* value = attribute->att_data.att_static;
          if (value->att_type == MAILIMAP_MSG_ATT_UID) mail.uid = value->att_data.att_uid;
          if (value->att_type == MAILIMAP_MSG_ATT_BODY_SECTION &&
              value->att_data.att_body_section->sec_body_part) {
            mail.raw.assign(value->att_data.att_body_section->sec_body_part,
                            value->att_data.att_body_section->sec_length);
            has_body = true;
          }
        }
        if (mail.uid != 0 && has_body) fetched.push_back(std::move(mail));
      }
      mailimap_fetch_list_free(result);
    }
    std::sort(fetched.begin(), fetched.end(),
              [](const auto& a, const auto& b) { return a.uid < b.uid; });
    return fetched;
  }

  bool CanIdle() const override { return mailimap_has_idle(session_.get()) != 0; }

  Result<bool> Idle(std::chrono::milliseconds timeout,
                    const std::function<bool()>& stop_requested) override {
    int code = mailimap_idle(session_.get());
    if (Failed(code)) return Unavailable(Answer(session_.get(), code, "IDLE failed"));
    pollfd watched{mailimap_idle_get_fd(session_.get()), POLLIN, 0};
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    int ready = 0;
    while (ready == 0 && !(stop_requested && stop_requested())) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      ready = ::poll(&watched, 1, static_cast<int>(std::min<std::int64_t>(left.count(), 250)));
    }
    code = mailimap_idle_done(session_.get());
    if (Failed(code)) return Unavailable(Answer(session_.get(), code, "IDLE ended badly"));
    return ready > 0;
  }

 private:
  SessionPtr session_;
};

}  // namespace

Result<std::unique_ptr<domain::MailboxSession>> ImapConnector::Connect(
    const domain::MailServer& server) {
  SessionPtr session(mailimap_new(0, nullptr));
  if (!session) return Unavailable("cannot start libetpan");
  mailimap_set_timeout(session.get(), server.timeout_seconds);
  const auto port = static_cast<std::uint16_t>(server.port);
  int code = server.security == domain::MailSecurity::kTls
                 ? mailimap_ssl_connect(session.get(), server.host.c_str(), port)
                 : mailimap_socket_connect(session.get(), server.host.c_str(), port);
  if (Failed(code)) return Unavailable(Answer(session.get(), code, "cannot connect"));
  if (server.security == domain::MailSecurity::kStartTls) {
    code = mailimap_socket_starttls(session.get());
    if (Failed(code)) return Unavailable(Answer(session.get(), code, "STARTTLS failed"));
  }
  if (server.security != domain::MailSecurity::kNone && server.verify_certificate) {
    LT_TRY(VerifyChain(session.get(), server));
  }
  code = mailimap_login(session.get(), server.username.c_str(), server.password.c_str());
  if (Failed(code)) return Unavailable(Answer(session.get(), code, "login refused"));
  return std::unique_ptr<domain::MailboxSession>(new ImapSession(std::move(session)));
}

}  // namespace lt::mail
