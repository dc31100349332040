#include "app/wechat_media.hpp"

#include <nlohmann/json.hpp>

#include "app/audit_trail.hpp"
#include "app/field_rules.hpp"
#include "app/live_updates.hpp"
#include "app/wechat_account.hpp"
#include "storage/attachment_files.hpp"
#include "storage/audit_store.hpp"
#include "storage/case_store.hpp"
#include "storage/change_feed.hpp"
#include "storage/interaction_store.hpp"
#include "storage/job_store.hpp"

namespace lt::app {
namespace {

using Kind = domain::SendOutcome::Kind;

// WeChat's types of file, as a file name ends.
std::string ExtensionOf(std::string_view content_type) {
  if (content_type == "image/jpeg") return "jpg";
  if (content_type == "image/png") return "png";
  if (content_type == "image/gif") return "gif";
  if (content_type == "audio/amr") return "amr";
  return "bin";
}

}  // namespace

Status ScheduleWechatMedia(storage::Connection& connection, Id interaction_id,
                           const domain::WechatMessage& message, TimestampMs now) {
  using Type = domain::WechatMessageType;
  if (message.media_id.empty() || (message.type != Type::kImage && message.type != Type::kVoice))
    return Ok();
  const nlohmann::json payload = {
      {"media_id", message.media_id}, {"type", message.type_code}, {"msg_id", message.msg_id}};
  return storage::ScheduleJob(connection, std::string(kWechatMediaJob),
                              std::to_string(interaction_id), payload.dump(), now, now);
}

Result<FetchedWechatMedia> FetchWechatMedia(AppContext& context, const storage::ClaimedJob& job) {
  LT_TRY(storage::IdInJobKey(job));
  const nlohmann::json payload = nlohmann::json::parse(job.payload, nullptr, false);
  if (!payload.is_object() || !payload.contains("media_id") || !payload["media_id"].is_string()) {
    return Error::Internal(std::string(kWechatMediaJob) + " job without a media_id");
  }
  FetchedWechatMedia fetched;
  LT_TRY_ASSIGN(const auto account, LoadWechatAccount(context));
  if (!account || context.wechat_sender == nullptr) {
    fetched.outcome = {Kind::kPermanent, "the WeChat Official Account is not set up"};
    return fetched;
  }
  const std::size_t max_bytes = static_cast<std::size_t>(context.options.max_attachment_bytes);
  domain::WechatMedia media = context.wechat_sender->FetchMedia(
      *account, payload["media_id"].get<std::string>(), max_bytes);
  fetched.outcome = media.outcome;
  if (media.outcome.kind != Kind::kSent) return fetched;
  if (!context.options.allowed_content_types.contains(media.content_type) ||
      !ContentMatchesType(media.content, media.content_type)) {
    fetched.outcome = {Kind::kPermanent, "WeChat sent a file of type \"" + media.content_type +
                                             "\", which is not kept"};
    return fetched;
  }
  domain::Attachment attachment;
  const std::string type = payload.value("type", std::string("media"));
  const std::string msg_id = payload.value("msg_id", std::string());
  attachment.filename = "wechat-" + type + "-" + (msg_id.empty() ? job.key : msg_id) + "." +
                        ExtensionOf(media.content_type);
  attachment.content_type = media.content_type;
  attachment.size_bytes = static_cast<std::int64_t>(media.content.size());
  LT_TRY_ASSIGN(attachment.sha256, context.files.Put(media.content));
  fetched.attachment = std::move(attachment);
  return fetched;
}

Status AttachWechatMedia(storage::Connection& connection, const storage::ClaimedJob& job,
                         domain::Attachment attachment, TimestampMs now) {
  LT_TRY_ASSIGN(const Id interaction_id, storage::IdInJobKey(job));
  storage::InteractionStore interactions(connection);
  LT_TRY_ASSIGN(const auto interaction, interactions.Find(interaction_id));
  if (!interaction) return Ok();  // its case was erased meanwhile
  for (const auto& kept : interaction->attachments) {
    if (kept.sha256 == attachment.sha256) return Ok();
  }
  LT_TRY_ASSIGN(const auto a_case, storage::CaseStore(connection).Find(interaction->case_id));
  if (!a_case) return Ok();
  std::vector<domain::Attachment> added{std::move(attachment)};
  LT_TRY(interactions.InsertAttachments(interaction_id, added));
  ChangeList changes;
  changes.Record("interaction_id", std::optional<Id>(), std::optional<Id>(interaction_id));
  changes.Record("attachment_id", std::optional<Id>(), std::optional<Id>(added.front().id));
  LT_TRY(storage::AuditStore(connection)
             .Append(MakeEvent("case", a_case->id, "add_attachment", std::nullopt, now,
                               changes.Take())));
  return storage::PublishCaseChange(connection,
                                    ChangeOf(*a_case, "add_interaction", std::nullopt, now));
}

}  // namespace lt::app
