#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/http_types.hpp"

namespace lt::http {

using PathParams = std::map<std::string, std::string>;

// A route template such as "/api/v1/cases/{id}" with one handler per method.
// Thread-safe for lookups once built.
template <class Handler>
class Router {
 public:
  struct Route {
    std::string method;
    std::string pattern;
    Handler handler;
  };

  void Add(std::string method, std::string pattern, Handler handler) {
    routes_.push_back(Route{std::move(method), std::move(pattern), std::move(handler)});
  }

  enum class MatchKind { kFound, kNoPath, kNoMethod };
  struct Match {
    MatchKind kind = MatchKind::kNoPath;
    const Route* route = nullptr;
    PathParams params;
    std::vector<std::string> allowed_methods;  // for 405
  };

  Match Find(std::string_view method, std::string_view path) const {
    Match match;
    for (const Route& route : routes_) {
      PathParams params;
      if (!MatchPattern(route.pattern, path, params)) continue;
      if (route.method == method) {
        match.kind = MatchKind::kFound;
        match.route = &route;
        match.params = std::move(params);
        return match;
      }
      match.kind = MatchKind::kNoMethod;
      match.allowed_methods.push_back(route.method);
    }
    return match;
  }

  const std::vector<Route>& routes() const { return routes_; }

 private:
  static bool MatchPattern(std::string_view pattern, std::string_view path, PathParams& params) {
    while (!pattern.empty() && !path.empty()) {
      const auto pattern_end = pattern.find('/', 1);
      const auto path_end = path.find('/', 1);
      const std::string_view pattern_segment = pattern.substr(0, pattern_end);
      const std::string_view path_segment = path.substr(0, path_end);
      if (pattern_segment.size() > 2 && pattern_segment[1] == '{') {
        if (path_segment.size() < 2) return false;
        params[std::string(pattern_segment.substr(2, pattern_segment.size() - 3))] =
            std::string(path_segment.substr(1));
      } else if (pattern_segment != path_segment) {
        return false;
      }
      pattern =
          pattern_end == std::string_view::npos ? std::string_view() : pattern.substr(pattern_end);
      path = path_end == std::string_view::npos ? std::string_view() : path.substr(path_end);
    }
    return pattern.empty() && path.empty();
  }

  std::vector<Route> routes_;
};

}  // namespace lt::http
