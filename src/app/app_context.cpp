#include "app/app_context.hpp"

namespace lt::app {

AppContext ContextOn(const AppContext& context, storage::Database& database) {
  return AppContext{
      database,           context.clock,        context.files,        context.options,
      MakeCaseIntake(),   context.mail_sender,  context.mail_reader,  context.mailbox_connector,
      context.sms_sender, context.robot_sender, context.wechat_sender};
}

}  // namespace lt::app
