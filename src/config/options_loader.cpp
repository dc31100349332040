#include <toml++/toml.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>

#include "base/ip_network.hpp"
#include "config/options.hpp"

namespace lt::config {
namespace {

// One configurable key: how to set it from a TOML node and from an
// environment string. Keeping the table in one place lets the loader reject
// unknown keys and lets docs/configuration.md be checked against it.
struct Key {
  std::function<bool(const toml::node&)> from_toml;
  std::function<bool(const std::string&)> from_env;
};

Key StringKey(std::string& target) {
  return {[&target](const toml::node& node) {
            if (!node.is_string()) return false;
            target = node.as_string()->get();
            return true;
          },
          [&target](const std::string& value) {
            target = value;
            return true;
          }};
}

Key IntKey(std::int64_t& target, std::int64_t min, std::int64_t max) {
  auto check = [&target, min, max](std::int64_t value) {
    if (value < min || value > max) return false;
    target = value;
    return true;
  };
  return {[check](const toml::node& node) {
            return node.is_integer() && check(node.as_integer()->get());
          },
          [check](const std::string& value) {
            char* end = nullptr;
            const long long parsed = std::strtoll(value.c_str(), &end, 10);
            return end != value.c_str() && *end == '\0' && check(parsed);
          }};
}

Key BoolKey(bool& target) {
  return {[&target](const toml::node& node) {
            if (!node.is_boolean()) return false;
            target = node.as_boolean()->get();
            return true;
          },
          [&target](const std::string& value) {
            if (value == "true" || value == "1")
              target = true;
            else if (value == "false" || value == "0")
              target = false;
            else
              return false;
            return true;
          }};
}

Key ChoiceKey(std::string& target, std::set<std::string> choices) {
  return {[&target, choices](const toml::node& node) {
            if (!node.is_string() || !choices.contains(node.as_string()->get())) return false;
            target = node.as_string()->get();
            return true;
          },
          [&target, choices](const std::string& value) {
            if (!choices.contains(value)) return false;
            target = value;
            return true;
          }};
}

Key StringSetKey(std::set<std::string>& target) {
  return {[&target](const toml::node& node) {
            const auto* array = node.as_array();
            if (!array) return false;
            std::set<std::string> values;
            for (const auto& item : *array) {
              if (!item.is_string()) return false;
              values.insert(item.as_string()->get());
            }
            target = std::move(values);
            return true;
          },
          [&target](const std::string& value) {
            std::set<std::string> values;
            std::size_t start = 0;
            while (start <= value.size()) {
              const auto comma = value.find(',', start);
              const std::string item = value.substr(
                  start, comma == std::string::npos ? std::string::npos : comma - start);
              if (!item.empty()) values.insert(item);
              if (comma == std::string::npos) break;
              start = comma + 1;
            }
            target = std::move(values);
            return true;
          }};
}

// A set of IP networks in CIDR notation, each checked.
Key NetworkSetKey(std::set<std::string>& target) {
  Key strings = StringSetKey(target);
  auto valid = [&target] {
    return std::all_of(target.begin(), target.end(), [](const std::string& network) {
      return ParseIpNetwork(network).has_value();
    });
  };
  return {
      [strings, valid](const toml::node& node) { return strings.from_toml(node) && valid(); },
      [strings, valid](const std::string& value) { return strings.from_env(value) && valid(); }};
}

std::map<std::string, Key> KeysOf(Options& o) {
  return {
      {"server.listen", StringKey(o.server.listen)},
      {"server.threads", IntKey(o.server.threads, 1, 1024)},
      {"server.public_url", StringKey(o.server.public_url)},
      {"server.secure_cookies", BoolKey(o.server.secure_cookies)},
      {"server.max_body_bytes", IntKey(o.server.max_body_bytes, 1024, 1LL << 32)},
      {"server.trusted_proxies", StringSetKey(o.server.trusted_proxies)},
      {"server.metrics_networks", NetworkSetKey(o.server.metrics_networks)},
      {"server.metrics_token", StringKey(o.server.metrics_token)},
      {"server.console", BoolKey(o.server.console)},
      {"server.console_dir", StringKey(o.server.console_dir)},
      {"server.event_heartbeat_seconds", IntKey(o.server.event_heartbeat_seconds, 1, 55)},
      {"server.header_timeout_seconds", IntKey(o.server.header_timeout_seconds, 1, 600)},
      {"store.url", StringKey(o.store.url)},
      {"store.durability", ChoiceKey(o.store.durability, {"normal", "full"})},
      {"store.attachments_dir", StringKey(o.store.attachments_dir)},
      {"store.connections", IntKey(o.store.connections, 1, 1000)},
      {"store.write_transactions", IntKey(o.store.write_transactions, 1, 1000)},
      {"cases.number_prefix", StringKey(o.cases.number_prefix)},
      {"cases.timeliness_target_percent", IntKey(o.cases.timeliness_target_percent, 1, 100)},
      {"cases.mail_thread_window_days", IntKey(o.cases.mail_thread_window_days, 0, 365)},
      {"attachments.max_bytes", IntKey(o.attachments.max_bytes, 1, 1LL << 32)},
      {"attachments.max_per_interaction", IntKey(o.attachments.max_per_interaction, 0, 1000)},
      {"attachments.allowed_types", StringSetKey(o.attachments.allowed_types)},
      {"auth.session_ttl_hours", IntKey(o.auth.session_ttl_hours, 1, 24 * 365)},
      {"auth.login_max_failures", IntKey(o.auth.login_max_failures, 1, 1000)},
      {"auth.login_window_minutes", IntKey(o.auth.login_window_minutes, 1, 24 * 60)},
      {"auth.min_password_length", IntKey(o.auth.min_password_length, 6, 128)},
      {"jobs.enabled", BoolKey(o.jobs.enabled)},
      {"jobs.lease_seconds", IntKey(o.jobs.lease_seconds, 1, 86400)},
      {"jobs.poll_ms", IntKey(o.jobs.poll_ms, 10, 60000)},
      {"jobs.sla_recompute_batch", IntKey(o.jobs.sla_recompute_batch, 1, 100000)},
      {"log.format", ChoiceKey(o.log.format, {"plain", "json"})},
      {"log.level", ChoiceKey(o.log.level, {"trace", "debug", "info", "warn", "error", "off"})},
  };
}

Error ConfigError(const std::string& path, const std::string& problem) {
  return Error::Of(ErrorCode::kInvalidArgument, "error.config",
                   {{"path", path}, {"problem", problem}});
}

std::string EnvName(const std::string& key) {
  std::string name = "LINGTING_";
  for (const char c : key)
    name += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

}  // namespace

Result<Options> LoadOptions(const std::optional<std::string>& path) {
  Options options;
  auto keys = KeysOf(options);
  if (path) {
    toml::table table;
    try {
      table = toml::parse_file(*path);
    } catch (const toml::parse_error& error) {
      return ConfigError(*path, std::string(error.description()) + " (line " +
                                    std::to_string(error.source().begin.line) + ")");
    }
    for (const auto& [section_name, section] : table) {
      const std::string section_key(section_name.str());
      const auto* section_table = section.as_table();
      if (!section_table) return ConfigError(*path, "[" + section_key + "] must be a table");
      for (const auto& [name, node] : *section_table) {
        const std::string key = section_key + "." + std::string(name.str());
        const auto found = keys.find(key);
        if (found == keys.end()) return ConfigError(*path, "unknown key " + key);
        if (!found->second.from_toml(node))
          return ConfigError(*path, "wrong type or value for " + key);
      }
    }
  }
  for (auto& [key, setter] : keys) {
    const char* value = std::getenv(EnvName(key).c_str());
    if (value != nullptr && !setter.from_env(value)) {
      return ConfigError(EnvName(key), "wrong value for " + key);
    }
  }
  if (options.cases.number_prefix.empty() || options.cases.number_prefix.size() > 8) {
    return ConfigError(path.value_or("-"), "cases.number_prefix must have 1 to 8 characters");
  }
  LT_TRY(ParseListen(options.server.listen));
  return options;
}

app::AppOptions ToAppOptions(const Options& options) {
  app::AppOptions app_options;
  app_options.case_number_prefix = options.cases.number_prefix;
  app_options.timeliness_target_percent = static_cast<int>(options.cases.timeliness_target_percent);
  app_options.mail_thread_window_ms = options.cases.mail_thread_window_days * 24 * 3600 * 1000;
  app_options.max_attachment_bytes = options.attachments.max_bytes;
  app_options.max_attachments_per_interaction =
      static_cast<int>(options.attachments.max_per_interaction);
  app_options.allowed_content_types = options.attachments.allowed_types;
  app_options.session_ttl_ms = options.auth.session_ttl_hours * 3600 * 1000;
  app_options.login_max_failures = static_cast<int>(options.auth.login_max_failures);
  app_options.login_window_ms = options.auth.login_window_minutes * 60 * 1000;
  app_options.min_password_length = static_cast<std::size_t>(options.auth.min_password_length);
  app_options.public_url = options.server.public_url.empty() ? "http://" + options.server.listen
                                                             : options.server.public_url;
  while (!app_options.public_url.empty() && app_options.public_url.back() == '/') {
    app_options.public_url.pop_back();
  }
  return app_options;
}

Result<std::pair<std::string, std::uint16_t>> ParseListen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return ConfigError("server.listen", "expected HOST:PORT, got " + listen);
  char* end = nullptr;
  const std::string port_text = listen.substr(colon + 1);
  const long port = std::strtol(port_text.c_str(), &end, 10);
  if (port_text.empty() || *end != '\0' || port < 0 || port > 65535) {
    return ConfigError("server.listen", "expected HOST:PORT, got " + listen);
  }
  return std::make_pair(listen.substr(0, colon), static_cast<std::uint16_t>(port));
}

}  // namespace lt::config
