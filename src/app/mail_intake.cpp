#include "app/mail_intake.hpp"

#include <span>

#include "app/field_rules.hpp"
#include "app/mail_filing.hpp"
#include "storage/attachment_files.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"

namespace lt::app {
namespace {

// A name a file may be stored under: the sender's, made safe, or a made-up one.
std::string SafeName(std::string name, std::size_t index, const std::string& content_type) {
  for (char& c : name) {
    if (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20) c = '_';
  }
  while (!name.empty() && (name.front() == '.' || name.front() == ' ')) name.erase(0, 1);
  if (name.size() > 200) name = name.substr(name.size() - 200);
  if (!name.empty() && IsSafeFilename(name)) return name;
  const std::string extension = content_type == "message/rfc822" ? ".eml" : ".bin";
  return "attachment-" + std::to_string(index + 1) + extension;
}

// The message's parts as attachments the timeline can keep, and the raw
// message itself: types outside the allowed list kept as bytes to download,
// parts over the size limit left out and said so in `dropped` (the raw
// message, kept whatever its size, still holds them).
MailParts Attachments(const AppOptions& options, const IncomingMail& mail) {
  MailParts parts;
  std::vector<AttachmentInput>& kept = parts.kept;
  std::vector<std::string>& dropped = parts.dropped;
  auto keep = [&](AttachmentInput part) {
    if (static_cast<std::int64_t>(part.content.size()) > options.max_attachment_bytes ||
        static_cast<int>(kept.size()) + 1 >= options.max_attachments_per_interaction) {
      dropped.push_back(part.filename);
      return;
    }
    if (!options.allowed_content_types.contains(part.content_type) ||
        !ContentMatchesType(part.content, part.content_type)) {
      part.content_type = "application/octet-stream";
    }
    kept.push_back(std::move(part));
  };
  for (std::size_t i = 0; i < mail.attachments.size(); ++i) {
    AttachmentInput part = mail.attachments[i];
    part.filename = SafeName(part.filename, i, part.content_type);
    keep(std::move(part));
  }
  // The raw message last, always, whatever its size (the parts left out
  // are in it): it can be downloaded whatever was read from it.
  AttachmentInput raw{"message.eml", "message/rfc822", mail.raw};
  raw.original = true;
  kept.push_back(std::move(raw));
  return parts;
}

// Each message's parts as the timeline keeps them, their bodies on disk
// with one flush for all of them (an fsync each would cost more than the
// rest). A batch's bodies go into a pack: files by the thousand cost the
// file system more than their bytes. A message alone (direct delivery, a
// single new message in a mailbox) keeps them in files, so that a process
// run for one message leaves no pack of two bodies behind.
Status StoreParts(AppContext& context, std::vector<IncomingMail>& mails) {
  std::vector<IncomingMail*> unstored;
  std::vector<MailParts> parts;
  for (auto& mail : mails) {
    if (mail.stored_parts) continue;
    unstored.push_back(&mail);
    parts.push_back(Attachments(context.options, mail));
  }
  if (unstored.size() > 1) {
    std::vector<std::string_view> contents;
    for (const MailParts& some : parts) {
      for (const auto& part : some.kept) contents.push_back(part.content);
    }
    LT_TRY_ASSIGN(const auto sha256s, context.files.PutPacked(contents));
    std::size_t next = 0;
    for (MailParts& some : parts) {
      for (auto& part : some.kept) part.stored_sha256 = sha256s[next++];
    }
  } else {
    for (MailParts& some : parts) {
      for (auto& part : some.kept) {
        LT_TRY_ASSIGN(part.stored_sha256,
                      context.files.Put(part.content, storage::FileSync::kDeferred));
      }
    }
    LT_TRY(context.files.SyncAll());
  }
  for (std::size_t i = 0; i < unstored.size(); ++i) unstored[i]->stored_parts = std::move(parts[i]);
  return Ok();
}

}  // namespace

Result<IngestedMail> IngestMail(AppContext& context, const IncomingMail& mail) {
  std::vector<IncomingMail> one{mail};
  LT_TRY(StoreParts(context, one));
  LT_TRY_ASSIGN(MailOutcomes outcomes, StoreMailBatch(context, one));
  return std::move(outcomes.front());
}

Result<IngestedMail> IngestRawMail(AppContext& context, const std::string& mailbox,
                                   std::string raw) {
  if (!context.mail_reader) return Error::Internal("no MIME reader in this process");
  IncomingMail mail = context.mail_reader->Read(std::move(raw));
  mail.mailbox = mailbox;
  return IngestMail(context, mail);
}

Result<std::vector<IncomingMail>> ReadMailBatch(AppContext& context, const std::string& mailbox,
                                                std::vector<std::string> raws) {
  if (!context.mail_reader) return Error::Internal("no MIME reader in this process");
  std::vector<IncomingMail> mails;
  mails.reserve(raws.size());
  for (auto& raw : raws) {
    mails.push_back(context.mail_reader->Read(std::move(raw)));
    mails.back().mailbox = mailbox;
  }
  LT_TRY(StoreParts(context, mails));
  return mails;
}

Result<MailOutcomes> StoreMailBatch(AppContext& context, const std::vector<IncomingMail>& mails,
                                    const MailBatchEnd& then, MailFailure on_failure) {
  MailOutcomes outcomes;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    outcomes.clear();  // a write tried again starts over
    // Messages filed under a savepoint of their own, undone together when
    // any of their writes (or reads) fails.
    auto file =
        [&](std::span<const IncomingMail* const> some) -> Result<std::vector<IngestedMail>> {
      std::vector<IngestedMail> filed;
      LT_TRY(connection.RunNested([&](storage::Connection& nested) -> Status {
        LT_TRY_ASSIGN(filed, FileMails(context, nested, some));
        return Ok();
      }));
      return filed;
    };
    std::vector<const IncomingMail*> all;
    for (const auto& mail : mails) all.push_back(&mail);
    if (all.size() > 1) {
      auto together = file(all);
      if (together.ok()) {
        for (auto& outcome : *together) outcomes.push_back(std::move(outcome));
        return then ? then(connection, outcomes) : Ok();
      }
    }
    // A single message, or a batch one of whose messages failed (or met
    // another node's work): each alone, so that an error is only ever the
    // message's own. A message another node stored at the same moment (its
    // Message-ID is on the unique index now) is tried again: it is found,
    // and recorded as the duplicate it is.
    for (const IncomingMail* mail : all) {
      auto alone = file({&mail, 1});
      if (!alone.ok() && alone.error().code == ErrorCode::kConflict) alone = file({&mail, 1});
      outcomes.push_back(alone.ok() ? Result<IngestedMail>(std::move(alone->front()))
                                    : Result<IngestedMail>(alone.error()));
      if (!alone.ok() && on_failure == MailFailure::kStop) break;
    }
    return then ? then(connection, outcomes) : Ok();
  }));
  return outcomes;
}

Result<MailOutcomes> IngestRawMailBatch(AppContext& context, const std::string& mailbox,
                                        std::vector<std::string> raws, const MailBatchEnd& then,
                                        MailFailure on_failure) {
  LT_TRY_ASSIGN(const auto mails, ReadMailBatch(context, mailbox, std::move(raws)));
  return StoreMailBatch(context, mails, then, on_failure);
}

}  // namespace lt::app
