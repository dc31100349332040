#include "app/mailboxes.hpp"

#include <algorithm>
#include <cctype>
#include <future>

#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/field_rules.hpp"
#include "app/mail_intake.hpp"
#include "app/mail_server_rules.hpp"
#include "app/references.hpp"
#include "base/utf8.hpp"
#include "i18n/i18n.hpp"
#include "storage/audit_store.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/mailbox_store.hpp"

namespace lt::app {
namespace {

constexpr std::size_t kFetchBatch = 50;

bool IsMailboxName(std::string_view name) {
  return !name.empty() && name.size() <= 40 &&
         std::all_of(name.begin(), name.end(), [](unsigned char c) {
           return std::islower(c) || std::isdigit(c) || c == '-' || c == '_' || c == '.';
         });
}

// The input checked into a mailbox (its progress left to the caller).
Status Check(storage::Connection& connection, const MailboxInput& input, domain::Mailbox& mailbox) {
  FieldErrors errors;
  if (!IsMailboxName(input.name)) errors.Add("name", "validation.mailbox_name");
  CheckMailServer(input.server, input.password, errors);
  const std::string username = TrimSpace(input.server.username);
  if (username.empty()) errors.Add("username", "validation.required");
  const std::string folder = CheckText(input.folder, "folder", 200, Presence::kRequired, errors);
  i18n::Locale locale = i18n::kDefaultLocale;
  if (!i18n::ParseLocaleTag(input.language, locale) || i18n::LocaleTag(locale) != input.language) {
    errors.Add("language", "validation.enum", {{"allowed", "zh-CN, en"}});
  }
  LT_TRY(CheckReference(connection, Reference::kDepartment, input.department_id, "department_id",
                        errors));
  LT_TRY(
      CheckReference(connection, Reference::kCategory, input.category_id, "category_id", errors));
  if (!errors.empty()) return errors.ToError();
  const std::string kept_password = mailbox.server.password;
  mailbox.name = input.name;
  mailbox.server = input.server;
  mailbox.server.username = username;
  mailbox.server.password = input.password ? *input.password : kept_password;
  mailbox.folder = folder;
  mailbox.department_id = input.department_id;
  mailbox.category_id = input.category_id;
  mailbox.language = input.language;
  mailbox.active = input.active;
  return Ok();
}

MailboxView ViewOf(domain::Mailbox mailbox) {
  MailboxView view;
  view.password_set = !mailbox.server.password.empty();
  mailbox.server.password.clear();
  view.mailbox = std::move(mailbox);
  return view;
}

std::string Describe(const domain::Mailbox& mailbox) {
  const auto& server = mailbox.server;
  return mailbox.name + " " + server.username + "@" + server.host + ":" +
         std::to_string(server.port) + " " +
         std::string(domain::kMailSecurityCodes.ToCode(server.security)) +
         (server.verify_certificate ? "" : " unverified") + " " + mailbox.folder +
         (mailbox.active ? "" : " inactive");
}

Status Audit(storage::Connection& connection, const std::string& verb, domain::Id id,
             const std::optional<domain::Mailbox>& before,
             const std::optional<domain::Mailbox>& after, bool password_changed,
             const domain::Principal& principal, TimestampMs now) {
  ChangeList changes;
  changes.Record("mailbox", before ? std::optional<std::string>(Describe(*before)) : std::nullopt,
                 after ? std::optional<std::string>(Describe(*after)) : std::nullopt);
  if (password_changed) changes.Record("password", std::nullopt, std::string("(changed)"));
  return storage::AuditStore(connection)
      .Append(MakeEvent("mailbox", id, verb, principal.user_id, now, changes.Take()));
}

Status NameTaken(storage::Connection& connection, const std::string& name, domain::Id except) {
  LT_TRY_ASSIGN(const auto same, storage::MailboxStore(connection).FindByName(name));
  if (same && same->id != except)
    return Error::Of(ErrorCode::kConflict, "error.mailbox_name_taken");
  return Ok();
}

Error LeaseLost() { return Error::Of(ErrorCode::kConflict, "error.mailbox_lease_lost"); }

}  // namespace

Result<std::vector<MailboxView>> ListMailboxes(AppContext& context,
                                               const domain::Principal& principal) {
  LT_TRY(RequireAdmin(principal));
  std::vector<MailboxView> views;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(auto mailboxes, storage::MailboxStore(connection).List());
    for (auto& mailbox : mailboxes) views.push_back(ViewOf(std::move(mailbox)));
    return Ok();
  }));
  return views;
}

Result<MailboxView> CreateMailbox(AppContext& context, const domain::Principal& principal,
                                  const MailboxInput& input) {
  LT_TRY(RequireAdmin(principal));
  const TimestampMs now = context.clock.NowMs();
  domain::Mailbox mailbox;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY(Check(connection, input, mailbox));
    LT_TRY(NameTaken(connection, mailbox.name, 0));
    mailbox.created_at = now;
    mailbox.updated_at = now;
    LT_TRY(storage::MailboxStore(connection).Save(mailbox));
    return Audit(connection, "create", mailbox.id, std::nullopt, mailbox,
                 input.password.has_value(), principal, now);
  }));
  return ViewOf(mailbox);
}

Result<MailboxView> UpdateMailbox(AppContext& context, const domain::Principal& principal,
                                  domain::Id id, const MailboxInput& input) {
  LT_TRY(RequireAdmin(principal));
  const TimestampMs now = context.clock.NowMs();
  domain::Mailbox mailbox;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    storage::MailboxStore store(connection);
    LT_TRY_ASSIGN(const auto before, store.Find(id));
    if (!before) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    mailbox = *before;
    LT_TRY(Check(connection, input, mailbox));
    LT_TRY(NameTaken(connection, mailbox.name, id));
    mailbox.updated_at = now;
    LT_TRY(store.Save(mailbox));
    return Audit(connection, "update", id, before, mailbox, input.password.has_value(), principal,
                 now);
  }));
  return ViewOf(mailbox);
}

Status DeleteMailbox(AppContext& context, const domain::Principal& principal, domain::Id id) {
  LT_TRY(RequireAdmin(principal));
  const TimestampMs now = context.clock.NowMs();
  return context.database.Write([&](storage::Connection& connection) -> Status {
    storage::MailboxStore store(connection);
    LT_TRY_ASSIGN(const auto before, store.Find(id));
    if (!before) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    LT_TRY(store.Remove(id));
    return Audit(connection, "delete", id, before, std::nullopt, false, principal, now);
  });
}

Result<MailboxTestResult> TestMailbox(AppContext& context, const domain::Principal& principal,
                                      std::optional<domain::Id> id,
                                      const std::optional<MailboxInput>& input) {
  LT_TRY(RequireAdmin(principal));
  domain::Mailbox mailbox;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    if (id) {
      LT_TRY_ASSIGN(const auto stored, storage::MailboxStore(connection).Find(*id));
      if (!stored) return Error::Of(ErrorCode::kNotFound, "error.not_found");
      mailbox = *stored;
    } else if (!input) {
      return Error::Of(ErrorCode::kNotFound, "error.not_found");
    }
    if (input) LT_TRY(Check(connection, *input, mailbox));
    return Ok();
  }));
  if (!context.mailbox_connector) return MailboxTestResult{false, "this node cannot read mail"};
  auto session = context.mailbox_connector->Connect(mailbox.server);
  if (!session.ok()) return MailboxTestResult{false, session.error().detail};
  auto state = (*session)->Examine(mailbox.folder);
  if (!state.ok()) return MailboxTestResult{false, state.error().detail};
  return MailboxTestResult{true, "", state->messages, (*session)->CanIdle()};
}

Result<std::vector<domain::Mailbox>> ActiveMailboxes(AppContext& context) {
  std::vector<domain::Mailbox> active;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(auto mailboxes, storage::MailboxStore(connection).List());
    for (auto& mailbox : mailboxes) {
      if (mailbox.active) active.push_back(std::move(mailbox));
    }
    return Ok();
  }));
  return active;
}

Result<std::optional<domain::Mailbox>> ActiveMailbox(AppContext& context, domain::Id id) {
  std::optional<domain::Mailbox> found;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(found, storage::MailboxStore(connection).Find(id));
    if (found && !found->active) found.reset();
    return Ok();
  }));
  return found;
}

Result<bool> ClaimMailbox(AppContext& context, domain::Id id, const std::string& node,
                          std::int64_t lease_ms) {
  bool claimed = false;
  const TimestampMs now = context.clock.NowMs();
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(claimed, storage::MailboxStore(connection).Claim(id, node, now, now + lease_ms));
    return Ok();
  }));
  return claimed;
}

Status ReleaseMailbox(AppContext& context, domain::Id id, const std::string& node) {
  return context.database.Write([&](storage::Connection& connection) {
    return storage::MailboxStore(connection).Release(id, node);
  });
}

Status RecordMailboxError(AppContext& context, domain::Id id, const std::string& error) {
  return context.database.Write([&](storage::Connection& connection) {
    return storage::MailboxStore(connection).RecordError(id, error, context.clock.NowMs());
  });
}

Result<int> FetchNewMail(AppContext& context, const domain::Mailbox& mailbox,
                         domain::MailboxSession& session, const std::string& node) {
  auto record_error = [&](const Error& error) {
    std::ignore =
        RecordMailboxError(context, mailbox.id, error.detail.empty() ? error.key : error.detail);
    return error;
  };
  auto state = session.Examine(mailbox.folder);
  if (!state.ok()) return record_error(state.error());
  // A new UIDVALIDITY numbers the folder afresh: everything is read again,
  // and what was stored before is recognised by its Message-ID.
  const std::int64_t last_uid = state->uid_validity == mailbox.uid_validity ? mailbox.last_uid : 0;
  auto uids = session.UidsAbove(static_cast<std::uint32_t>(last_uid));
  if (!uids.ok()) return record_error(uids.error());
  // The next batch is fetched and read (MIME, bodies to disk) while the
  // last one is stored: the store's writer and the reading each have a core.
  struct Fetched {
    std::vector<std::uint32_t> uids;
    Result<std::vector<IncomingMail>> mails;
  };
  auto fetch = [&](std::size_t start) {
    const std::vector<std::uint32_t> wanted(
        uids->begin() + static_cast<std::ptrdiff_t>(start),
        uids->begin() + static_cast<std::ptrdiff_t>(std::min(uids->size(), start + kFetchBatch)));
    Fetched batch{{}, std::vector<IncomingMail>()};
    auto fetched = session.Fetch(wanted);
    if (!fetched.ok()) {
      batch.mails = fetched.error();
      return batch;
    }
    std::vector<std::string> raws;
    raws.reserve(fetched->size());
    for (auto& message : *fetched) {
      batch.uids.push_back(message.uid);
      raws.push_back(std::move(message.raw));
    }
    batch.mails = ReadMailBatch(context, mailbox.name, std::move(raws));
    return batch;
  };
  int stored = 0;
  std::future<Fetched> ahead;
  if (!uids->empty()) ahead = std::async(std::launch::async, fetch, 0);
  for (std::size_t start = 0; start < uids->size(); start += kFetchBatch) {
    Fetched batch = ahead.get();
    if (!batch.mails.ok()) return record_error(batch.mails.error());
    if (start + kFetchBatch < uids->size()) {
      ahead = std::async(std::launch::async, fetch, start + kFetchBatch);
    }
    // The batch's messages and the place after them in one commit. The
    // batch ends at a message that fails, and the place stays before it:
    // the next fetch starts again there, and what follows it is stored once
    // (a message without a Message-ID could not be recognised again).
    bool held = true;
    auto outcomes = StoreMailBatch(
        context, *batch.mails,
        [&](storage::Connection& connection, const MailOutcomes& results) -> Status {
          const auto failed = std::find_if(results.begin(), results.end(),
                                           [](const auto& result) { return !result.ok(); });
          const auto stored_here = static_cast<std::size_t>(failed - results.begin());
          if (stored_here == 0) return Ok();
          LT_TRY_ASSIGN(held,
                        storage::MailboxStore(connection)
                            .RecordProgress(mailbox.id, node, state->uid_validity,
                                            batch.uids[stored_here - 1], context.clock.NowMs()));
          // Another node has the mailbox now: it stores these messages.
          return held ? Ok() : LeaseLost();
        },
        MailFailure::kStop);
    if (!held) return LeaseLost();
    if (!outcomes.ok()) return record_error(outcomes.error());
    for (const auto& outcome : *outcomes) {
      if (!outcome.ok()) return record_error(outcome.error());
      ++stored;
    }
  }
  if (uids->empty()) {
    bool held = false;
    LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
      LT_TRY_ASSIGN(held, storage::MailboxStore(connection)
                              .RecordProgress(mailbox.id, node, state->uid_validity, last_uid,
                                              context.clock.NowMs()));
      return Ok();
    }));
    if (!held) return LeaseLost();
  }
  return stored;
}

}  // namespace lt::app
