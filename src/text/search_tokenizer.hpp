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
// overlapping bigrams, each with the single character at the same position
// ("colocated"), so that one-character and two-character words both match:
// 产品开裂 → [产品|产] [品开|品] [开裂|开] [裂]. Runs of letters and digits are
// indexed as whole words. Everything else separates tokens.

struct SearchToken {
  std::string text;
  bool colocated = false;  // at the same position as the previous token
  int start = 0;           // byte offsets into the normalised text
  int end = 0;
};

enum class TokenizeMode {
  kIndex,  // bigrams plus colocated unigrams, as stored
  kQuery,  // the token sequence that a phrase query must match contiguously
};

// Calls `emit` for each token in order. Invalid UTF-8 bytes are skipped.
void Tokenize(std::string_view text, TokenizeMode mode,
              const std::function<void(const SearchToken&)>& emit);

// Convenience: the token texts in order.
std::vector<std::string> TokenTexts(std::string_view text, TokenizeMode mode);

// NFKC case-folded form of the text (full-width → half-width, lower case).
std::string NormalizeForSearch(std::string_view text);

}  // namespace lt::text
