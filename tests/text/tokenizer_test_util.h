// Helpers shared by the tokenizer tests: results in comparable forms, a
// code-point slicer, a mixed-script sample and an independent implementation
// of the documented word hash.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/tokenizer.h"

namespace winnow::text::test {

inline std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  NormalizedWords(text, &words);
  return words;
}

inline std::vector<uint64_t> Hashes(std::string_view text) {
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  std::vector<uint64_t> hashes;
  for (const Token& t : tokens) hashes.push_back(t.hash);
  return hashes;
}

inline std::vector<std::pair<uint32_t, uint32_t>> Spans(std::string_view text) {
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  std::vector<std::pair<uint32_t, uint32_t>> spans;
  for (const Token& t : tokens) spans.emplace_back(t.begin, t.end);
  return spans;
}

// Code points [begin, end) of valid UTF-8 `s`.
inline std::string CodePointSlice(std::string_view s, uint32_t begin, uint32_t end) {
  size_t cp = 0, b = s.size(), e = s.size();
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (cp == begin) b = i;
    if (cp == end) e = i;
    ++cp;
  }
  return std::string(s.substr(b, e - b));
}

// Text in several scripts with markup of every kind the tokenizer skips.
inline std::string MixedSample() {
  return "# Résumé of the <b>naïve</b> council’s vote\n\n"
         "> 1. The COUNCIL voted 7–2 on **Friday**, said José Pérez (“we don’t agree”).\n"
         "> 2. Die Straße in München: ÜBER 50 % — 3.5 Mio. €…\n\n"
         "- Москва: Госдума приняла закон «О связи» в 2019 году.\n"
         "- Ελληνικά: Η ΟΔΟΣ είναι κλειστή.\n"
         "* 東京都は、新しい計画を発表した。カタカナとｶﾀｶﾅ、コーヒー。\n"
         "+ 서울의 시장은 화요일에 말했다.\n\n"
         "Caf&eacute; caf&#233; don&#8217;t AT&amp;T [the report](https://x.com/a_(b)) "
         "ＦＵＬＬ ﬁnance x² e\u0301t\u00E9 co\u00ADoperate 😀 العربية हिन्दी ไทย\n"
         "rose in\n2011. The end.";
}

// WordHash exactly as tokenizer.h defines it, byte by byte.
inline uint64_t ReferenceWordHash(std::string_view s) {
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ s.size();
  for (size_t k = 0; k < s.size(); k += 8) {
    uint64_t b = 0;
    for (size_t j = 0; j < 8 && k + j < s.size(); ++j) {
      b |= uint64_t{static_cast<unsigned char>(s[k + j])} << (8 * j);
    }
    h = (h ^ b) * 0xA0761D6478BD642FULL;
    h ^= h >> 29;
  }
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 33;
  return h;
}

}  // namespace winnow::text::test
