#include "search/engine_text.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#if defined(__AVX2__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cstring>

namespace winnow::search::internal {
namespace {

// Same definition as the query parser: Script, or Script_Extensions for
// Common/Inherited characters such as U+30FC.
bool InCjkScript(UChar32 c) {
  UErrorCode err = U_ZERO_ERROR;
  const UScriptCode s = uscript_getScript(c, &err);
  if (s == USCRIPT_HAN || s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA) return true;
  if (s != USCRIPT_COMMON && s != USCRIPT_INHERITED) return false;
  return uscript_hasScript(c, USCRIPT_HAN) || uscript_hasScript(c, USCRIPT_HIRAGANA) ||
         uscript_hasScript(c, USCRIPT_KATAKANA);
}

}  // namespace

uint8_t ComputeClass(uint32_t c) {
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return kSep;
  const auto u = static_cast<UChar32>(c);
  const uint32_t mask = U_GET_GC_MASK(u);
  if (mask & U_GC_M_MASK) return kMark;
  if (mask & (U_GC_L_MASK | U_GC_N_MASK)) return InCjkScript(u) ? kCjk : kLetter;
  return kSep;
}

const uint8_t* ClassTable() {
  // Trivially destructible: safe from other static destructors.
  static const auto* table = [] {
    static std::array<uint8_t, kClassTableSize> t;
    for (uint32_t c = 0; c < kClassTableSize; ++c) t[c] = ComputeClass(c);
    return &t;
  }();
  return table->data();
}

const uint16_t* BmpFoldTable() {
  static const auto* table = [] {
    static std::array<uint16_t, 0x10000> t;
    for (uint32_t c = 0; c < 0x10000; ++c) {
      const UChar32 f = u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT);
      // Simple folding never leaves the BMP (Unicode 15); keep c if it did.
      t[c] = static_cast<uint16_t>(f < 0x10000 ? f : c);
    }
    return &t;
  }();
  return table->data();
}

uint32_t FoldSupplementary(uint32_t c) {
  if (c > 0x10FFFF) return c;
  return static_cast<uint32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
}

uint32_t NextCpSlow(const uint8_t* s, size_t n, size_t* i) {
  const uint8_t* p = s + *i;
  const auto len = static_cast<int32_t>(std::min<size_t>(n - *i, 4));
  int32_t k = 0;
  UChar32 c;
  U8_NEXT(p, k, len, c);
  *i += static_cast<size_t>(k);
  return c < 0 ? kBadCp : static_cast<uint32_t>(c);
}

uint32_t PrevCpSlow(const uint8_t* s, size_t* i) {
  const size_t end = *i;
  size_t q = end - 1;
  while (q > 0 && end - q < 4 && (s[q] & 0xC0) == 0x80) --q;
  // Forward decoding starts a new sequence at every byte that is not a
  // continuation byte, so a well-formed sequence from q to end is exactly
  // what it decodes there.
  if (s[q] >= 0xC2) {
    const auto len = static_cast<int32_t>(end - q);
    int32_t k = 0;
    UChar32 c;
    U8_NEXT(s + q, k, len, c);
    if (c >= 0 && k == len) {
      *i = q;
      return static_cast<uint32_t>(c);
    }
  }
  *i = end - 1;
  return kBadCp;
}

void FoldFilter::Build(const std::vector<uint32_t>& targets) {
  target_.assign(0x40000, false);  // folding never leaves planes 0-3
  for (uint32_t c : targets) {
    if (c < target_.size()) target_[c] = true;
  }
  for (uint32_t c = 0x80; c < 0x40000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    const uint32_t f = Fold(c);
    if (f == c || f >= target_.size() || !target_[f]) continue;
    if (c < 0x800) {
      lead_[0xC0 | (c >> 6)] = true;
    } else if (c < 0x10000) {
      lead_[0xE0 | (c >> 12)] = true;
      second_[c >> 12][(c >> 6) & 0x3F] = true;
    } else {
      lead_[0xF0 | (c >> 18)] = true;
    }
  }
}

// REQUIRES: lead_[s[j]].
bool FoldFilter::Changes(const uint8_t* s, size_t n, size_t j) const {
  if (s[j] >= 0xE0 && s[j] < 0xF0 && j + 1 < n && (s[j + 1] & 0xC0) == 0x80 &&
      !second_[s[j] - 0xE0][s[j + 1] - 0x80]) {
    return false;
  }
  const uint32_t c = NextCpSlow(s, n, &j);
  if (c == kBadCp) return false;
  const uint32_t f = Fold(c);
  return f != c && f < target_.size() && target_[f];
}

bool FoldFilter::Matches(std::string_view t, bool* ascii) const {
  const auto* s = reinterpret_cast<const uint8_t*>(t.data());
  const size_t n = t.size();
  size_t i = 0;
  *ascii = true;
#if defined(__AVX2__)
  for (; i + 32 <= n; i += 32) {
    auto m = static_cast<uint32_t>(
        _mm256_movemask_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i))));
    if (m != 0) *ascii = false;
    while (m != 0) {
      const size_t j = i + static_cast<size_t>(__builtin_ctz(m));
      m &= m - 1;
      if (lead_[s[j]] && Changes(s, n, j)) return true;
    }
  }
#endif
  for (; i < n; ++i) {
    if (s[i] >= 0x80) *ascii = false;
    if (lead_[s[i]] && Changes(s, n, i)) return true;
  }
  return false;
}

void AppendUtf8(uint32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c <= 0x10FFFF) {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back('\xFF');  // ill-formed: never equal to a folded pattern
  }
}

void FoldToCps(std::string_view t, std::u32string* out) {
  out->clear();
  for (size_t i = 0; i < t.size();) out->push_back(Fold(NextCp(t, &i)));
}

void FoldToUtf8(std::string_view t, std::string* out) {
  out->clear();
  for (size_t i = 0; i < t.size();) AppendUtf8(Fold(NextCp(t, &i)), out);
}

}  // namespace winnow::search::internal
