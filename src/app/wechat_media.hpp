#pragma once

// The files of followers' image and voice messages on WeChat (issue 16).
// WeChat's push names the file only (MediaId; an image's PicUrl too); the
// file is fetched in the background (kWechatMediaJob, retried while WeChat
// cannot be reached) and attached to the message's timeline entry, where
// the console shows the image and offers the recording. WeChat keeps the
// files three days.

#include <optional>
#include <string>
#include <string_view>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "app/store_access.hpp"
#include "base/result.hpp"
#include "domain/entities.hpp"
#include "domain/send_outcome.hpp"
#include "domain/wechat.hpp"

namespace lt::app {

inline constexpr std::string_view kWechatMediaJob = "wechat.media";

// Schedules the fetch of `message`'s file for the entry `interaction_id`,
// in the caller's write transaction; nothing for a message without one.
Status ScheduleWechatMedia(storage::Connection& connection, Id interaction_id,
                           const domain::WechatMessage& message, TimestampMs now);

// What a fetch gave: the file stored (its body on disk), or why there is
// none (temporary: try again; permanent: WeChat refused, the file is gone,
// too large or not of a type Lingting keeps).
struct FetchedWechatMedia {
  domain::SendOutcome outcome;
  std::optional<domain::Attachment> attachment;  // sha256 set; no id yet
};

// Fetches the file a kWechatMediaJob names and stores its body, outside any
// transaction. `job` is the claimed job (storage/job_store.hpp).
Result<FetchedWechatMedia> FetchWechatMedia(AppContext& context, const storage::ClaimedJob& job);

// Attaches a fetched file to the job's entry (once: a file already there is
// not added again) and tells the consoles, in the job's transaction.
Status AttachWechatMedia(storage::Connection& connection, const storage::ClaimedJob& job,
                         domain::Attachment attachment, TimestampMs now);

}  // namespace lt::app
