#pragma once

// Use cases on a case's timeline: add an interaction with attachments, list
// the timeline, fetch an attachment.

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
