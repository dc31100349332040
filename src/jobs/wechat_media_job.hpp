#pragma once

#include "app/app_context.hpp"
#include "app/wechat_media.hpp"
#include "jobs/job_results.hpp"
#include "jobs/job_runner.hpp"

namespace lt::jobs {

// app::kWechatMediaJob: fetches the file of a follower's image or voice
// message from WeChat and attaches it to the message's timeline entry. The
// fetch and the body's storing (content-addressed: the same file twice is
// one body) may run more than once; the attachment is added once, with the
// job's completion. While WeChat cannot be reached the run fails and the
// runner retries it with back-off; a refusal (the file is gone after three
// days, say) ends the job with the entry as it was.
class WechatMediaJob final : public JobHandler {
 public:
  explicit WechatMediaJob(app::AppContext& context) : context_(context) {}
  Status PerformExternal(const storage::ClaimedJob& job) override;
  Status Apply(storage::Connection& connection, const storage::ClaimedJob& job,
               TimestampMs now) override;

 private:
  app::AppContext& context_;
  JobResults<domain::Attachment> fetched_;  // the file stored, to attach
};

}  // namespace lt::jobs
