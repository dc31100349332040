#pragma once

#include <cassert>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "base/error.hpp"

namespace lt {

// Result<T> holds either a value or an Error. C++20 has no std::expected;
// this small type keeps the same shape so switching later is mechanical.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}      // NOLINT
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok() && "Result::value() called on an error");
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok() && "Result::value() called on an error");
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok() && "Result::value() called on an error");
    return std::get<0>(std::move(state_));
  }
  // The value, or `fallback` on an error (as std::expected::value_or).
  T value_or(T fallback) const& { return ok() ? std::get<0>(state_) : std::move(fallback); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const& {
    assert(!ok() && "Result::error() called on a value");
    return std::get<1>(state_);
  }
  Error&& error() && {
    assert(!ok() && "Result::error() called on a value");
    return std::get<1>(std::move(state_));
  }

 private:
  std::variant<T, Error> state_;
};

// Result of an operation that yields nothing but may fail.
struct Unit {};
using Status = Result<Unit>;
inline Status Ok() { return Status(Unit{}); }

}  // namespace lt

// Evaluates an expression yielding Result<T>; on error returns the Error from
// the enclosing function, otherwise binds the value (SerenityOS TRY).
#define LT_CONCAT_INNER(a, b) a##b
#define LT_CONCAT(a, b) LT_CONCAT_INNER(a, b)
#define LT_TRY_ASSIGN_IMPL(tmp, lhs, expr)      \
  auto tmp = (expr);                            \
  if (!tmp.ok()) return std::move(tmp).error(); \
  lhs = std::move(tmp).value()
// Expands to several statements: give it braces when it is the body of an if.
#define LT_TRY_ASSIGN(lhs, expr) LT_TRY_ASSIGN_IMPL(LT_CONCAT(lt_try_, __COUNTER__), lhs, expr)
#define LT_TRY_IMPL(tmp, expr)                    \
  do {                                            \
    auto tmp = (expr);                            \
    if (!tmp.ok()) return std::move(tmp).error(); \
  } while (false)
#define LT_TRY(expr) LT_TRY_IMPL(LT_CONCAT(lt_try_status_, __COUNTER__), expr)
