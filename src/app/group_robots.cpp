#include "app/group_robots.hpp"

#include <algorithm>

#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/field_rules.hpp"
#include "app/references.hpp"
#include "base/utf8.hpp"
#include "domain/notification.hpp"
#include "i18n/i18n.hpp"
#include "storage/audit_store.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/group_robot_store.hpp"
#include "storage/outbox_store.hpp"

namespace lt::app {
namespace {

constexpr std::size_t kMaxRobotNameChars = 100;
constexpr std::size_t kMaxUrlBytes = 2000;
constexpr std::size_t kMaxSecretBytes = 200;

// The robot `input` describes, over `stored` (its secret kept unless given).
Result<domain::GroupRobot> Checked(storage::Connection& connection, const GroupRobotInput& input,
                                   const std::optional<domain::GroupRobot>& stored) {
  FieldErrors errors;
  domain::GroupRobot robot = stored.value_or(domain::GroupRobot{});
  robot.name = CheckText(input.name, "name", kMaxRobotNameChars, Presence::kRequired, errors);
  robot.kind = input.kind;
  robot.department_id = input.department_id;
  robot.url = TrimSpace(input.url);
  if (!IsHttpUrl(robot.url) || robot.url.size() > kMaxUrlBytes) {
    errors.Add("url", "validation.http_url");
  }
  robot.kinds.clear();
  for (std::size_t i = 0; i < input.kinds.size(); ++i) {
    if (!domain::IsNotificationKind(input.kinds[i])) {
      errors.Add("kinds[" + std::to_string(i) + "]", "validation.notification_kind");
    } else if (std::find(robot.kinds.begin(), robot.kinds.end(), input.kinds[i]) ==
               robot.kinds.end()) {
      robot.kinds.push_back(input.kinds[i]);
    }
  }
  if (input.kinds.empty()) errors.Add("kinds", "validation.required");
  robot.language = CheckLanguage(input.language, "language", errors);
  robot.active = input.active;
  if (input.secret) {
    robot.secret = TrimSpace(*input.secret);
    if (robot.secret.size() > kMaxSecretBytes || HasControlCharacters(robot.secret)) {
      errors.Add("secret", "validation.secret_too_long",
                 {{"max", std::to_string(kMaxSecretBytes)}});
    }
  }
  // WeCom's group robots are not signed: the key in the URL is the secret.
  if (robot.kind == domain::RobotKind::kWecom && !robot.secret.empty()) {
    errors.Add("secret", "validation.robot_unsigned");
  }
  LT_TRY(CheckReference(connection, Reference::kDepartment, robot.department_id, "department_id",
                        errors));
  if (!errors.empty()) return errors.ToError();
  return robot;
}

std::string Describe(const domain::GroupRobot& robot) {
  std::string kinds;
  for (const auto& kind : robot.kinds) kinds += (kinds.empty() ? "" : ",") + kind;
  return robot.name + " " + std::string(domain::kRobotKindCodes.ToCode(robot.kind)) + " " +
         robot.url + " kinds=" + kinds + " language=" + robot.language +
         " department=" + (robot.department_id ? std::to_string(*robot.department_id) : "-") +
         (robot.active ? "" : " inactive") + (robot.secret.empty() ? "" : " signed");
}

Result<GroupRobotView> ViewOf(storage::Connection& connection, domain::GroupRobot robot) {
  GroupRobotView view;
  view.secret_set = !robot.secret.empty();
  robot.secret.clear();
  LT_TRY_ASSIGN(view.last_message, storage::OutboxStore(connection).LastForRobot(robot.id));
  view.robot = std::move(robot);
  return view;
}

Status Audit(storage::Connection& connection, Id id, const std::string& action,
             const std::optional<domain::GroupRobot>& before,
             const std::optional<domain::GroupRobot>& after, bool secret_changed,
             const domain::Principal& principal, TimestampMs now) {
  ChangeList changes;
  changes.Record("robot", before ? std::optional<std::string>(Describe(*before)) : std::nullopt,
                 after ? std::optional<std::string>(Describe(*after)) : std::nullopt);
  if (secret_changed) changes.Record("secret", std::nullopt, std::string("(changed)"));
  return storage::AuditStore(connection)
      .Append(MakeEvent("group_robot", id, action, principal.user_id, now, changes.Take()));
}

}  // namespace

Result<std::vector<GroupRobotView>> ListGroupRobots(AppContext& context,
                                                    const domain::Principal& principal) {
  LT_TRY(RequireAdmin(principal));
  std::vector<GroupRobotView> views;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto robots, storage::GroupRobotStore(connection).List());
    for (const auto& robot : robots) {
      LT_TRY_ASSIGN(auto view, ViewOf(connection, robot));
      views.push_back(std::move(view));
    }
    return Ok();
  }));
  return views;
}

Result<GroupRobotView> CreateGroupRobot(AppContext& context, const domain::Principal& principal,
                                        const GroupRobotInput& input) {
  LT_TRY(RequireAdmin(principal));
  const TimestampMs now = context.clock.NowMs();
  GroupRobotView view;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(auto robot, Checked(connection, input, std::nullopt));
    robot.created_at = robot.updated_at = now;
    LT_TRY(storage::GroupRobotStore(connection).Insert(robot));
    LT_TRY(Audit(connection, robot.id, "create", std::nullopt, robot, !robot.secret.empty(),
                 principal, now));
    LT_TRY_ASSIGN(view, ViewOf(connection, robot));
    return Ok();
  }));
  return view;
}

Result<GroupRobotView> UpdateGroupRobot(AppContext& context, const domain::Principal& principal,
                                        Id id, const GroupRobotInput& input) {
  LT_TRY(RequireAdmin(principal));
  const TimestampMs now = context.clock.NowMs();
  GroupRobotView view;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    storage::GroupRobotStore store(connection);
    LT_TRY_ASSIGN(const auto stored, store.Find(id));
    if (!stored) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    LT_TRY_ASSIGN(auto robot, Checked(connection, input, stored));
    robot.updated_at = now;
    LT_TRY(store.Update(robot));
    LT_TRY(Audit(connection, id, "update", stored, robot, robot.secret != stored->secret, principal,
                 now));
    LT_TRY_ASSIGN(view, ViewOf(connection, robot));
    return Ok();
  }));
  return view;
}

Status DeleteGroupRobot(AppContext& context, const domain::Principal& principal, Id id) {
  LT_TRY(RequireAdmin(principal));
  const TimestampMs now = context.clock.NowMs();
  return context.database.Write([&](storage::Connection& connection) -> Status {
    storage::GroupRobotStore store(connection);
    LT_TRY_ASSIGN(const auto stored, store.Find(id));
    if (!stored) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    LT_TRY(store.Delete(id));
    return Audit(connection, id, "delete", stored, std::nullopt, false, principal, now);
  });
}

Result<RobotTestResult> TestGroupRobot(AppContext& context, const domain::Principal& principal,
                                       Id id) {
  LT_TRY(RequireAdmin(principal));
  std::optional<domain::GroupRobot> robot;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(robot, storage::GroupRobotStore(connection).Find(id));
    return Ok();
  }));
  if (!robot) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  if (!context.robot_sender) return RobotTestResult{false, "this node cannot post to group robots"};
  i18n::Locale locale = i18n::kDefaultLocale;
  i18n::ParseLocaleTag(robot->language, locale);
  domain::RobotMessage message;
  message.title = i18n::Translate(locale, "notice.test_title");
  message.text = i18n::Translate(locale, "notice.test_text", {{"name", robot->name}});
  message.link = context.options.public_url;
  message.link_label = i18n::Translate(locale, "notice.open_console");
  const domain::SendOutcome outcome =
      context.robot_sender->Send(*robot, message, context.clock.NowMs());
  return RobotTestResult{outcome.kind == domain::SendOutcome::Kind::kSent, outcome.answer};
}

}  // namespace lt::app
