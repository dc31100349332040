#pragma once

#include <string>

#include "base/error.hpp"
#include "http/http_types.hpp"
#include "i18n/i18n.hpp"

namespace lt::http {

// The only place that knows which HTTP status an error code becomes.
int StatusOf(ErrorCode code);

// An RFC 9457 problem+json response in the reader's language, with a list of
// field problems ("errors": [{"field", "code", "message"}]). Internal errors
// get an error id that is logged with the detail and shown to the user.
HttpResponse ProblemResponse(const Error& error, i18n::Locale locale);

// Renders a message whose arguments may themselves be message keys ("@key").
std::string RenderMessage(i18n::Locale locale, const std::string& key,
                          const std::vector<MessageArg>& args);

}  // namespace lt::http
