#pragma once

// The web console's built files (web/dist: index.html and hashed assets),
// served at / beside the API. Only GET requests that no route matches reach
// here.

#include <filesystem>
#include <optional>

#include "http/http_types.hpp"

namespace lt::http {

// What the console's HTML may load: its own scripts, styles (Element Plus
// sets inline styles), images and fonts (also as data: and blob: URLs), and
// calls to its own origin; nothing may frame it.
inline constexpr const char* kConsoleContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

// The file under `root` that `request` names, or index.html for a path of
// the application itself (no file extension in its last segment, not under
// /api/): the single-page application's routes. nullopt when neither
// applies (a missing asset, a path leaving `root`): the caller answers 404.
//
// Files under /assets/ carry a content hash in their names and are cached
// for a year ("immutable"); everything else must be revalidated
// ("no-cache"). A precompressed sibling (name.br, name.gz) is sent when the
// client accepts its encoding, with Vary: Accept-Encoding.
std::optional<HttpResponse> ServeConsoleFile(const std::filesystem::path& root,
                                             const HttpRequest& request);

}  // namespace lt::http
