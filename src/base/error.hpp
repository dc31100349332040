#pragma once

#include <string>
#include <utility>
#include <vector>

namespace lt {

// The closed set of expected failures. Only http/error_mapping.cpp maps them to
// HTTP status codes and only cli/ maps them to exit codes.
enum class ErrorCode {
  kInvalidArgument,   // the input is malformed or breaks a rule of the field
  kNotFound,          // the thing does not exist or must not be seen by the caller
  kMethodNotAllowed,  // the resource exists but does not take this method
  kConflict,          // the thing exists already or changed under the caller
  kForbidden,         // the caller is known but may not do this
  kUnauthenticated,   // the caller is not known
  kTooLarge,          // a body or an attachment is over its limit
  kUnsupportedMedia,  // a content type is not allowed
  kRateLimited,       // too many attempts; try again later
  kUnavailable,       // a dependency (database, disk) failed for now
  kInternal,          // a bug or an unexpected failure
};

// One message argument, substituted into the i18n template as {name}.
struct MessageArg {
  std::string name;
  std::string value;
};

// A problem with one input field. `field` is a path such as "customer.phone"
// or "attachments[2].filename"; `key` is an i18n message key.
struct FieldError {
  std::string field;
  std::string key;
  std::vector<MessageArg> args;
};

// An expected failure. Messages are i18n keys, rendered for the reader's
// language at the edge (HTTP or CLI); `detail` is for logs only.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string key;
  std::vector<MessageArg> args;
  std::vector<FieldError> fields;
  std::string detail;

  static Error Invalid(std::string field, std::string key, std::vector<MessageArg> args = {}) {
    Error error{ErrorCode::kInvalidArgument, "error.validation", {}, {}, {}};
    error.fields.push_back(FieldError{std::move(field), std::move(key), std::move(args)});
    return error;
  }
  static Error Of(ErrorCode code, std::string key, std::vector<MessageArg> args = {}) {
    return Error{code, std::move(key), std::move(args), {}, {}};
  }
  static Error Internal(std::string detail) {
    return Error{ErrorCode::kInternal, "error.internal", {}, {}, std::move(detail)};
  }
};

// Collects field errors so a request reports every bad field at once.
class FieldErrors {
 public:
  void Add(std::string field, std::string key, std::vector<MessageArg> args = {}) {
    errors_.push_back(FieldError{std::move(field), std::move(key), std::move(args)});
  }
  bool empty() const { return errors_.empty(); }
  Error ToError() const {
    Error error{ErrorCode::kInvalidArgument, "error.validation", {}, errors_, {}};
    return error;
  }

 private:
  std::vector<FieldError> errors_;
};

}  // namespace lt
