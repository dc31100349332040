#pragma once

// Use cases on a case's timeline: add an interaction with attachments, list
// the timeline, fetch an attachment.

#include <functional>
#include <optional>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"

namespace lt::app {

// Errors: kNotFound (case absent or not visible), kInvalidArgument (fields,
// attachments: file name, type, size, content), kForbidden (internal note by
// a portal user).
Result<domain::Interaction> AddInteraction(AppContext& context, const domain::Principal& principal,
                                           Id case_id, const InteractionInput& input);

// The same, with `then` run in the same write transaction once the
// interaction is stored (what must stand or fall with it: an outbox message).
using AfterInteraction =
    std::function<Status(storage::Connection&, const domain::Case&, const domain::Interaction&)>;
Result<domain::Interaction> AddInteraction(AppContext& context, const domain::Principal& principal,
                                           Id case_id, const InteractionInput& input,
                                           const AfterInteraction& then);

// The audit record of `interaction` added to its case.
domain::CaseEvent InteractionAddedEvent(const domain::Interaction& interaction,
                                        std::optional<Id> actor_user_id, TimestampMs now);

// Portal users see public interactions only.
Result<std::vector<domain::Interaction>> ListInteractions(AppContext& context,
                                                          const domain::Principal& principal,
                                                          Id case_id);

struct AttachmentContent {
  domain::Attachment attachment;
  std::string content;
};
Result<AttachmentContent> GetAttachment(AppContext& context, const domain::Principal& principal,
                                        Id id);

}  // namespace lt::app
