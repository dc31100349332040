#pragma once

// Ownership helpers for GMime's objects, shared by the reader and the writer.
// Internal to mail/.

#include <gmime/gmime.h>

#include <memory>
#include <mutex>

namespace lt::mail {

struct GObjectDeleter {
  void operator()(void* object) const {
    if (object) g_object_unref(object);
  }
};
template <class T>
using GPtr = std::unique_ptr<T, GObjectDeleter>;

struct GFreeDeleter {
  void operator()(void* memory) const { g_free(memory); }
};
using GString_ = std::unique_ptr<char, GFreeDeleter>;

inline void InitGMime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

}  // namespace lt::mail
