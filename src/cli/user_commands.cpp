// lingting user add and lingting token create.

#include <iostream>

#include "app/authentication.hpp"
#include "app/categories.hpp"
#include "app/departments.hpp"
#include "app/users.hpp"
#include "cli/command_list.hpp"

namespace lt::cli {
namespace {

struct UserAddFlags {
  std::string email;
  std::string name;
  std::string role;
  std::vector<std::string> departments;  // department codes
  bool password_stdin = false;
  std::string locale = "zh-CN";
};

int AddUser(const GlobalFlags& flags, const UserAddFlags& user) {
  const Console console(CliLocale(flags.lang));
  auto runtime = OpenConfiguredRuntime(flags);
  if (!runtime.ok()) return console.Fail(runtime.error());
  app::AppContext& context = *(*runtime)->app;
  const domain::Principal system = domain::Principal::System();
  app::UserInput input;
  input.email = user.email;
  input.name = user.name;
  input.role = domain::kRoleCodes.FromCode(user.role);
  if (!input.role) {
    return console.Fail(Error::Invalid("--role", "validation.enum",
                                       {{"allowed", domain::kRoleCodes.AllowedList()}}));
  }
  input.locale = user.locale;
  if (!user.departments.empty()) {
    auto departments = app::ListDepartments(context, system);
    if (!departments.ok()) return console.Fail(departments.error());
    for (const auto& code : user.departments) {
      const auto found = std::find_if(
          departments->begin(), departments->end(),
          [&](const domain::Department& department) { return department.code == code; });
      if (found == departments->end()) {
        return console.Fail(Error::Invalid("--department", "validation.unknown_reference",
                                           {{"what", "@word.department"}, {"id", code}}));
      }
      input.department_ids.push_back(found->id);
    }
  }
  if (user.password_stdin) {
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (password.empty())
      return console.Fail(Error::Of(ErrorCode::kInvalidArgument, "cli.password_stdin_empty"));
    input.password = password;
  }
  auto created = app::CreateUser(context, system, input);
  if (!created.ok()) return console.Fail(created.error());
  console.Say("cli.user_added", {{"email", created->email},
                                 {"id", std::to_string(created->id)},
                                 {"role", std::string(domain::kRoleCodes.ToCode(created->role))}});
  return kExitOk;
}

int CreateToken(const GlobalFlags& flags, const std::string& email, const std::string& name) {
  const Console console(CliLocale(flags.lang));
  auto runtime = OpenConfiguredRuntime(flags);
  if (!runtime.ok()) return console.Fail(runtime.error());
  app::AppContext& context = *(*runtime)->app;
  const domain::Principal system = domain::Principal::System();
  auto user = app::GetUserByEmail(context, system, email);
  if (!user.ok()) return console.Fail(user.error());
  auto created = (*runtime)->authenticator->CreateToken(system, user->id, name);
  if (!created.ok()) return console.Fail(created.error());
  std::fprintf(stderr, "%s\n", console.Text("cli.token_created", {{"email", user->email}}).c_str());
  std::printf("%s\n", created->secret.c_str());
  return kExitOk;
}

}  // namespace

void RegisterUserCommands(CLI::App& app, const AddGlobals& add_globals, GlobalFlags& flags,
                          std::function<int()>& run) {
  CLI::App* user = app.add_subcommand("user", "manage users");
  user->require_subcommand(1);
  auto add_flags = std::make_shared<UserAddFlags>();
  CLI::App* add = user->add_subcommand("add", "add a user");
  add_globals(add);
  add->add_option("--email", add_flags->email, "e-mail address (the login)")->required();
  add->add_option("--name", add_flags->name, "display name")->required();
  add->add_option("--role", add_flags->role,
                  "agent, sales, qa, qa_head, general_affairs, department_member, manager, admin")
      ->required();
  add->add_option("--department", add_flags->departments, "department code (repeatable)");
  add->add_option("--locale", add_flags->locale, "zh-CN or en");
  add->add_flag("--password-stdin", add_flags->password_stdin,
                "read the password from standard input");
  add->callback([&flags, &run, add_flags] {
    run = [&flags, add_flags] { return AddUser(flags, *add_flags); };
  });

  CLI::App* token = app.add_subcommand("token", "manage API tokens");
  token->require_subcommand(1);
  auto email = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>("cli");
  CLI::App* create = token->add_subcommand("create", "create an API token for a user and print it");
  add_globals(create);
  create->add_option("--user", *email, "the user's e-mail address")->required();
  create->add_option("--name", *name, "what the token is for");
  create->callback([&flags, &run, email, name] {
    run = [&flags, email, name] { return CreateToken(flags, *email, *name); };
  });
}

}  // namespace lt::cli
