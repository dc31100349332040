#include "jobs/wechat_media_job.hpp"

#include <spdlog/spdlog.h>

namespace lt::jobs {

Status WechatMediaJob::PerformExternal(const storage::ClaimedJob& job) {
  LT_TRY_ASSIGN(app::FetchedWechatMedia fetched, app::FetchWechatMedia(context_, job));
  using Kind = domain::SendOutcome::Kind;
  if (fetched.outcome.kind == Kind::kTemporary) {
    Error error = Error::Of(ErrorCode::kUnavailable, "error.unavailable");
    error.detail = "WeChat media: " + fetched.outcome.answer;
    return error;
  }
  if (!fetched.attachment) {
    spdlog::warn("WeChat media of entry {} not fetched: {}", job.key, fetched.outcome.answer);
    return Ok();
  }
  fetched_.Put(job.id, *std::move(fetched.attachment));
  return Ok();
}

Status WechatMediaJob::Apply(storage::Connection& connection, const storage::ClaimedJob& job,
                             TimestampMs now) {
  auto attachment = fetched_.Take(job.id);
  if (!attachment) return Ok();
  return app::AttachWechatMedia(connection, job, *std::move(attachment), now);
}

}  // namespace lt::jobs
