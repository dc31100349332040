#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace lt::text {

// Lingting's search tokenizer, shared by the SQLite FTS5 index and (later) the
// PostgreSQL GIN index so that both stores return the same results.
//
// Text is first normalised with ICU NFKC case folding (full-width → half-width,
// upper → lower). Runs of CJK characters (Han, kana, Hangul) are indexed as
// overlapping bigrams followed by the run's last character: 产品开裂 → 产品 品开
// 开裂 裂. A query for two or more characters is the phrase of its bigrams; a
// query ending in a single character finds it as the prefix of a token (see
// IsSingleCjkCharacter), since every character of the text starts a bigram or is
// a run's last character. Runs of letters and digits are indexed as whole
// words. Everything else separates tokens.

struct SearchToken {
  std::string text;
  int start = 0;  // byte offsets into the normalised text
  int end = 0;
};

enum class TokenizeMode {
  kIndex,  // bigrams plus each run's last character, as stored
  kQuery,  // the token sequence that a phrase query must match contiguously
};

// Calls `emit` for each token in order. Invalid UTF-8 bytes are skipped.
void Tokenize(std::string_view text, TokenizeMode mode,
              const std::function<void(const SearchToken&)>& emit);

// Convenience: the token texts in order.
std::vector<std::string> TokenTexts(std::string_view text, TokenizeMode mode);

// True when a query token is one CJK character: as the last token of a query
// it must be matched as a prefix (it may begin a bigram in the text).
bool IsSingleCjkCharacter(std::string_view token);

// One whitespace-separated word of a user's search: all words must match, each
// as the phrase of its query tokens, the last one as a prefix when `prefix`.
struct SearchTerm {
  std::string text;                 // as typed
  std::vector<std::string> tokens;  // query-mode tokens, never empty
  bool prefix = false;              // ends in a single CJK character
};

// Splits a search into terms, dropping words that yield no tokens.
std::vector<SearchTerm> ParseSearchTerms(std::string_view query);

// NFKC case-folded form of the text (full-width → half-width, lower case).
std::string NormalizeForSearch(std::string_view text);

}  // namespace lt::text
