#include "app/interactions.hpp"

#include "app/audit_trail.hpp"
#include "app/case_access.hpp"
#include "app/cases.hpp"
#include "app/field_rules.hpp"
#include "app/live_updates.hpp"
#include "storage/attachment_files.hpp"
#include "storage/audit_store.hpp"
#include "storage/case_store.hpp"
#include "storage/change_feed.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/interaction_store.hpp"

namespace lt::app {
namespace {

constexpr std::size_t kMaxBodyChars = 100000;

std::vector<domain::Attachment> CheckAttachments(const AppOptions& options,
                                                 const std::vector<AttachmentInput>& inputs,
                                                 FieldErrors& errors) {
  std::vector<domain::Attachment> attachments;
  if (static_cast<int>(inputs.size()) > options.max_attachments_per_interaction) {
    errors.Add("attachments", "validation.too_many",
               {{"max", std::to_string(options.max_attachments_per_interaction)}});
    return attachments;
  }
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const AttachmentInput& input = inputs[i];
    const std::string field = "attachments[" + std::to_string(i) + "]";
    bool ok = true;
    if (!IsSafeFilename(input.filename)) {
      errors.Add(field + ".filename", "validation.filename");
      ok = false;
    }
    if (!options.allowed_content_types.contains(input.content_type)) {
      errors.Add(field + ".content_type", "validation.content_type",
                 {{"content_type", input.content_type}});
      ok = false;
    } else if (!ContentMatchesType(input.content, input.content_type)) {
      errors.Add(field + ".content", "validation.content_mismatch",
                 {{"content_type", input.content_type}});
      ok = false;
    }
    if (!input.original &&
        static_cast<std::int64_t>(input.content.size()) > options.max_attachment_bytes) {
      errors.Add(field + ".content", "validation.attachment_too_large",
                 {{"limit", std::to_string(options.max_attachment_bytes)}});
      ok = false;
    }
    if (ok) {
      attachments.push_back(domain::Attachment{0, "", input.filename, input.content_type,
                                               static_cast<std::int64_t>(input.content.size())});
    }
  }
  return attachments;
}

}  // namespace

domain::CaseEvent InteractionAddedEvent(const domain::Interaction& interaction,
                                        std::optional<Id> actor_user_id, TimestampMs now) {
  ChangeList changes;
  changes.Record("interaction_id", std::optional<Id>(), std::optional<Id>(interaction.id));
  changes.Record("direction", std::nullopt,
                 std::string(domain::kDirectionCodes.ToCode(interaction.direction)));
  changes.Record("visibility", std::nullopt,
                 std::string(domain::kVisibilityCodes.ToCode(interaction.visibility)));
  return MakeEvent("case", interaction.case_id, "add_interaction", actor_user_id, now,
                   changes.Take());
}

Result<domain::Interaction> AddInteraction(AppContext& context, const domain::Principal& principal,
                                           Id case_id, const InteractionInput& input) {
  return AddInteraction(context, principal, case_id, input, AfterInteraction());
}

Result<domain::Interaction> AddInteraction(AppContext& context, const domain::Principal& principal,
                                           Id case_id, const InteractionInput& input,
                                           const AfterInteraction& then) {
  const TimestampMs now = context.clock.NowMs();
  const bool portal = principal.role == domain::Role::kCustomer;
  FieldErrors errors;
  domain::Interaction interaction;
  interaction.case_id = case_id;
  interaction.body = CheckText(input.body, "body", kMaxBodyChars, Presence::kRequired, errors);
  if (portal) {
    if ((input.visibility && *input.visibility == domain::Visibility::kInternal) ||
        (input.direction && *input.direction != domain::Direction::kInbound)) {
      errors.Add("visibility", "validation.internal_for_customer");
    }
    interaction.direction = domain::Direction::kInbound;
    interaction.visibility = domain::Visibility::kPublic;
    interaction.channel = domain::Channel::kPortal;
    interaction.author_customer_id = principal.customer_id;
  } else {
    interaction.direction = input.direction.value_or(domain::Direction::kInternal);
    interaction.visibility = input.visibility.value_or(
        interaction.direction == domain::Direction::kInternal ? domain::Visibility::kInternal
                                                              : domain::Visibility::kPublic);
    interaction.channel = input.channel.value_or(domain::Channel::kPhone);
    interaction.author_user_id = principal.user_id;
    if (principal.system) interaction.author_customer_id = input.author_customer_id;
  }
  if (input.queued_for_delivery) interaction.delivery = domain::Delivery::kQueued;
  interaction.occurred_at = input.occurred_at.value_or(now);
  if (interaction.occurred_at > now + context.options.max_clock_skew_ms) {
    errors.Add("occurred_at", "validation.future_time");
  }
  interaction.created_at = now;
  interaction.attachments = CheckAttachments(context.options, input.attachments, errors);
  if (!errors.empty()) return errors.ToError();

  // Bodies go to disk before the transaction, so the writer never waits on
  // file I/O; a body whose row is rolled back is an unreferenced file.
  for (std::size_t i = 0; i < input.attachments.size(); ++i) {
    const AttachmentInput& attachment = input.attachments[i];
    if (!attachment.stored_sha256.empty()) {
      interaction.attachments[i].sha256 = attachment.stored_sha256;
    } else {
      LT_TRY_ASSIGN(interaction.attachments[i].sha256, context.files.Put(attachment.content));
    }
  }
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const domain::Case a_case, LoadVisibleCase(connection, principal, case_id));
    if (interaction.visibility == domain::Visibility::kInternal &&
        !domain::HasPermission(principal, domain::Permission::kAddInternalNote)) {
      return Error::Of(ErrorCode::kForbidden, "error.forbidden");
    }
    LT_TRY(storage::InteractionStore(connection).Insert(interaction));
    if (then) LT_TRY(then(connection, a_case, interaction));
    LT_TRY(storage::CaseStore(connection).Touch(case_id, now));
    LT_TRY(storage::AuditStore(connection)
               .Append(InteractionAddedEvent(interaction, principal.user_id, now)));
    return storage::PublishCaseChange(
        connection, ChangeOf(a_case, "add_interaction", principal.user_id, now,
                             interaction.visibility == domain::Visibility::kInternal));
  }));
  return interaction;
}

Result<std::vector<domain::Interaction>> ListInteractions(AppContext& context,
                                                          const domain::Principal& principal,
                                                          Id case_id) {
  std::vector<domain::Interaction> interactions;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY(LoadVisibleCase(connection, principal, case_id));
    LT_TRY_ASSIGN(interactions,
                  storage::InteractionStore(connection)
                      .ListByCase(case_id, principal.role != domain::Role::kCustomer));
    return Ok();
  }));
  return interactions;
}

Result<AttachmentContent> GetAttachment(AppContext& context, const domain::Principal& principal,
                                        Id id) {
  std::optional<storage::StoredAttachment> found;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(found, storage::InteractionStore(connection).FindAttachment(id));
    if (!found) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    LT_TRY(LoadVisibleCase(connection, principal, found->case_id));
    if (principal.role == domain::Role::kCustomer &&
        found->visibility != domain::Visibility::kPublic) {
      return Error::Of(ErrorCode::kNotFound, "error.not_found");
    }
    return Ok();
  }));
  LT_TRY_ASSIGN(std::string content, context.files.Get(found->attachment.sha256));
  return AttachmentContent{found->attachment, std::move(content)};
}

}  // namespace lt::app
