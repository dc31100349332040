// Registers Lingting's search tokenizer with SQLite FTS5 as "lingting".

#include <sqlite3.h>

#include <algorithm>
#include <string>

#include "storage/sqlite/sqlite_connection.hpp"
#include "text/search_tokenizer.hpp"

namespace lt::storage {
namespace {

struct TokenizerInstance {};

int CreateTokenizer(void*, const char**, int, Fts5Tokenizer** out) {
  *out = reinterpret_cast<Fts5Tokenizer*>(new TokenizerInstance());
  return SQLITE_OK;
}

void DeleteTokenizer(Fts5Tokenizer* tokenizer) {
  delete reinterpret_cast<TokenizerInstance*>(tokenizer);
}

int TokenizeText(Fts5Tokenizer*, void* context, int flags, const char* text, int length,
                 int (*emit)(void*, int, const char*, int, int, int)) {
  const auto mode =
      (flags & FTS5_TOKENIZE_QUERY) ? text::TokenizeMode::kQuery : text::TokenizeMode::kIndex;
  int result = SQLITE_OK;
  try {
    text::Tokenize(std::string_view(text, static_cast<std::size_t>(length)), mode,
                   [&](const text::SearchToken& token) {
                     if (result != SQLITE_OK) return;
                     // Offsets refer to the normalised text; clamp them into the
                     // original so FTS5 auxiliary functions stay in bounds.
                     const int start = std::min(token.start, length);
                     const int end = std::min(token.end, length);
                     result = emit(context, 0, token.text.data(),
                                   static_cast<int>(token.text.size()), start, end);
                   });
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  }
  return result == SQLITE_DONE ? SQLITE_OK : result;
}

fts5_api* GetFts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nullptr) != SQLITE_OK)
    return nullptr;
  sqlite3_bind_pointer(statement, 1, reinterpret_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(statement);
  sqlite3_finalize(statement);
  return api;
}

}  // namespace

Status RegisterSearchTokenizer(sqlite3* db) {
  fts5_api* api = GetFts5Api(db);
  if (api == nullptr) return Error::Internal("this SQLite has no FTS5");
  fts5_tokenizer tokenizer{CreateTokenizer, DeleteTokenizer, TokenizeText};
  if (api->xCreateTokenizer(api, "lingting", nullptr, &tokenizer, nullptr) != SQLITE_OK) {
    return Error::Internal("registering the FTS5 tokenizer failed");
  }
  return Ok();
}

}  // namespace lt::storage
