#include "http/console_files.hpp"

#include <cstdlib>
#include <iterator>
#include <map>
#include <sstream>
#include <string_view>
#include <system_error>

#include "base/file_contents.hpp"

namespace lt::http {
namespace {

// Files bigger than this are not part of a console build.
constexpr std::uintmax_t kMaxConsoleFileBytes = 64ull * 1024 * 1024;

std::string_view ContentTypeOf(const std::filesystem::path& file) {
  static const std::map<std::string, std::string_view, std::less<>> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"}};
  const auto found = kTypes.find(file.extension().string());
  return found == kTypes.end() ? std::string_view("application/octet-stream") : found->second;
}

bool IsRegularFile(const std::filesystem::path& file) {
  std::error_code error;
  return std::filesystem::is_regular_file(file, error) &&
         std::filesystem::file_size(file, error) <= kMaxConsoleFileBytes && !error;
}

// The relative path a URL path names, or nullopt when it would leave the
// root (a "." or ".." segment, a backslash, a NUL) or is empty.
std::optional<std::filesystem::path> RelativePathOf(std::string_view path) {
  if (path.empty() || path.front() != '/') return std::nullopt;
  std::filesystem::path relative;
  std::size_t start = 1;
  while (start <= path.size()) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    const std::string_view segment = path.substr(start, slash - start);
    if (segment == "." || segment == ".." ||
        segment.find_first_of(std::string_view("\\\0", 2)) != std::string_view::npos) {
      return std::nullopt;
    }
    if (!segment.empty()) relative /= std::string(segment);
    start = slash + 1;
  }
  return relative;
}

// Whether Accept-Encoding lists `encoding` with a quality above zero
// ("gzip", "gzip;q=0.5"; not "gzip;q=0").
bool Accepts(const HttpRequest& request, std::string_view encoding) {
  const auto accepted = request.Header("Accept-Encoding");
  if (!accepted) return false;
  std::stringstream list(*accepted);
  std::string item;
  while (std::getline(list, item, ',')) {
    const auto begin = item.find_first_not_of(' ');
    if (begin == std::string::npos) continue;
    const auto semicolon = item.find(';', begin);
    std::string_view name = std::string_view(item).substr(begin, semicolon - begin);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name != encoding) continue;
    const auto quality =
        semicolon == std::string::npos ? std::string::npos : item.find("q=", semicolon);
    return quality == std::string::npos || std::strtod(item.c_str() + quality + 2, nullptr) > 0;
  }
  return false;
}

std::optional<HttpResponse> FileResponse(const std::filesystem::path& file,
                                         const HttpRequest& request, bool immutable) {
  HttpResponse response;
  response.content_type = std::string(ContentTypeOf(file));
  std::filesystem::path sent = file;
  bool compressed_sibling = false;
  for (const auto& [encoding, suffix] : {std::pair{"br", ".br"}, std::pair{"gzip", ".gz"}}) {
    std::filesystem::path sibling = file;
    sibling += suffix;
    if (!IsRegularFile(sibling)) continue;
    compressed_sibling = true;
    if (sent == file && Accepts(request, encoding)) {
      sent = sibling;
      response.WithHeader("Content-Encoding", encoding);
    }
  }
  auto body = ReadFileContents(sent);
  if (!body) return std::nullopt;
  response.body = std::move(*body);
  if (compressed_sibling) response.WithHeader("Vary", "Accept-Encoding");
  response.WithHeader("Cache-Control",
                      immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (file.extension() == ".html") {
    response.WithHeader("Content-Security-Policy", kConsoleContentSecurityPolicy);
  }
  return response;
}

}  // namespace

std::optional<HttpResponse> ServeConsoleFile(const std::filesystem::path& root,
                                             const HttpRequest& request) {
  if (request.method != "GET" || request.path.starts_with("/api/")) return std::nullopt;
  const auto relative = RelativePathOf(request.path);
  if (!relative) return std::nullopt;
  if (!relative->empty()) {
    const std::filesystem::path file = root / *relative;
    if (IsRegularFile(file)) {
      return FileResponse(file, request, request.path.starts_with("/assets/"));
    }
    // A missing file (its last segment has an extension) is not a route.
    if (relative->filename().has_extension()) return std::nullopt;
  }
  const std::filesystem::path index = root / "index.html";
  if (!IsRegularFile(index)) return std::nullopt;
  return FileResponse(index, request, false);
}

}  // namespace lt::http
