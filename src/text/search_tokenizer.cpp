#include "text/search_tokenizer.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace lt::text {
namespace {

bool IsCjk(UChar32 cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x20000 && cp <= 0x2EBEF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
         (cp >= 0x31F0 && cp <= 0x31FF);
}

bool IsWordChar(UChar32 cp) { return u_isalnum(cp) && !IsCjk(cp); }

struct CodePoint {
  UChar32 value;
  int start;
  int end;
};

void EmitCjkRun(const std::string& text, const std::vector<CodePoint>& run, TokenizeMode mode,
                const std::function<void(const SearchToken&)>& emit) {
  auto slice = [&](std::size_t from, std::size_t to) {
    return text.substr(run[from].start, run[to].end - run[from].start);
  };
  if (run.size() == 1) {
    emit(SearchToken{slice(0, 0), run[0].start, run[0].end});
    return;
  }
  for (std::size_t i = 0; i + 1 < run.size(); ++i) {
    emit(SearchToken{slice(i, i + 1), run[i].start, run[i + 1].end});
  }
  if (mode == TokenizeMode::kIndex) {
    const std::size_t last = run.size() - 1;
    emit(SearchToken{slice(last, last), run[last].start, run[last].end});
  }
}

}  // namespace

std::string NormalizeForSearch(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) return std::string(text);
  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString folded = normalizer->normalize(source, status);
  if (U_FAILURE(status)) return std::string(text);
  std::string out;
  folded.toUTF8String(out);
  return out;
}

void Tokenize(std::string_view input, TokenizeMode mode,
              const std::function<void(const SearchToken&)>& emit) {
  const std::string text = NormalizeForSearch(input);
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  std::vector<CodePoint> cjk_run;
  int word_start = -1;
  int32_t offset = 0;
  auto flush_word = [&](int end) {
    if (word_start >= 0) {
      emit(SearchToken{text.substr(word_start, end - word_start), word_start, end});
      word_start = -1;
    }
  };
  auto flush_cjk = [&] {
    if (!cjk_run.empty()) {
      EmitCjkRun(text, cjk_run, mode, emit);
      cjk_run.clear();
    }
  };
  while (offset < length) {
    const int32_t start = offset;
    UChar32 cp = 0;
    U8_NEXT(bytes, offset, length, cp);
    if (cp < 0) {  // invalid byte sequence: a separator
      flush_word(start);
      flush_cjk();
      continue;
    }
    if (IsCjk(cp)) {
      flush_word(start);
      cjk_run.push_back(CodePoint{cp, start, offset});
    } else if (IsWordChar(cp)) {
      flush_cjk();
      if (word_start < 0) word_start = start;
    } else {
      flush_word(start);
      flush_cjk();
    }
  }
  flush_word(length);
  flush_cjk();
}

bool IsSingleCjkCharacter(std::string_view token) {
  UChar32 first = 0;
  int32_t offset = 0;
  const auto length = static_cast<int32_t>(token.size());
  if (length == 0) return false;
  U8_NEXT(reinterpret_cast<const uint8_t*>(token.data()), offset, length, first);
  return first >= 0 && IsCjk(first) && offset == length;
}

std::vector<SearchTerm> ParseSearchTerms(std::string_view query) {
  std::vector<SearchTerm> terms;
  std::size_t pos = 0;
  while (pos < query.size()) {
    while (pos < query.size() && (query[pos] == ' ' || query[pos] == '\t')) ++pos;
    std::size_t end = pos;
    while (end < query.size() && query[end] != ' ' && query[end] != '\t') ++end;
    SearchTerm term;
    term.text = std::string(query.substr(pos, end - pos));
    pos = end;
    term.tokens = TokenTexts(term.text, TokenizeMode::kQuery);
    if (term.tokens.empty()) continue;
    term.prefix = IsSingleCjkCharacter(term.tokens.back());  // it may begin a bigram
    terms.push_back(std::move(term));
  }
  return terms;
}

std::vector<std::string> TokenTexts(std::string_view text, TokenizeMode mode) {
  std::vector<std::string> out;
  Tokenize(text, mode, [&](const SearchToken& token) { out.push_back(token.text); });
  return out;
}

}  // namespace lt::text
