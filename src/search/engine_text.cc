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

bool IsAscii(std::string_view t) {
  const char* p = t.data();
  size_t n = t.size(), i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (w & 0x8080808080808080ull) return false;
  }
  for (; i < n; ++i) {
    if (static_cast<uint8_t>(p[i]) >= 0x80) return false;
  }
  return true;
}

FieldInfo ClassifyField(std::string_view t) {
  const auto* s = reinterpret_cast<const uint8_t*>(t.data());
  const size_t n = t.size();
  FieldInfo info;
  info.first_non_ascii = n;
  size_t i = 0;
  while (i < n) {
    // Skip to the next byte >= 0x80.
#if defined(__AVX2__)
    if (i + 32 <= n) {
      const auto m = static_cast<uint32_t>(
          _mm256_movemask_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i))));
      if (m == 0) {
        i += 32;
        continue;
      }
      i += static_cast<size_t>(__builtin_ctz(m));
    }
#else
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s + i, 8);
      if ((w & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
#endif
    const uint8_t b0 = s[i];
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    if (info.kind == FieldKind::kAscii) {
      info.kind = FieldKind::kFoldStable;
      info.first_non_ascii = i;
    }
    uint32_t c;
    // Two- and three-byte sequences without special second-byte ranges
    // inline; the rest through ICU.
    if (b0 >= 0xC2 && b0 <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
      c = (uint32_t{b0} & 0x1F) << 6 | (s[i + 1] & 0x3F);
      i += 2;
    } else if (b0 >= 0xE1 && b0 <= 0xEF && b0 != 0xED && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
               (s[i + 2] & 0xC0) == 0x80) {
      c = (uint32_t{b0} & 0x0F) << 12 | (uint32_t{s[i + 1]} & 0x3F) << 6 | (s[i + 2] & 0x3F);
      i += 3;
    } else {
      c = NextCpSlow(s, n, &i);
      if (c == kBadCp) {
        info.well_formed = false;
        continue;
      }
    }
    if (Fold(c) != c) info.kind = FieldKind::kNeedsFold;
  }
  return info;
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

bool IsWordStart(std::string_view t, size_t pos, uint8_t cls) {
  if (cls == kCjk) return true;
  bool marks = false;
  while (pos > 0) {
    const uint8_t prev = ClassOf(PrevCp(t, &pos));
    if (prev == kSep) return !marks;  // marks after a separator start a word
    if (prev == kLetter) return false;
    if (prev == kCjk) return cls == kLetter;  // marks attach to the CJK character
    if (cls == kMark) return false;
    marks = true;
  }
  return !marks;
}

size_t WordEndFrom(std::string_view t, size_t pos) {
  const auto* s = reinterpret_cast<const uint8_t*>(t.data());
  const size_t n = t.size();
  size_t i = pos;
  if (ClassOf(NextCp(t, &i)) == kCjk) {
    while (i < n) {
      size_t j = i;
      if (ClassOf(NextCp(t, &j)) != kMark) break;
      i = j;
    }
    return i;
  }
  while (i < n) {
    if (s[i] < 0x80) {
      if (!IsAsciiAlnum(s[i])) break;
      ++i;
      continue;
    }
    size_t j = i;
    const uint8_t k = ClassOf(NextCpSlow(s, n, &j));
    if (k != kLetter && k != kMark) break;
    i = j;
  }
  return i;
}

size_t WordStartContaining(std::string_view t, size_t pos) {
  size_t i = pos;
  const uint8_t c0 = ClassOf(NextCp(t, &i));
  if (c0 == kCjk) return pos;
  constexpr size_t kNone = ~size_t{0};
  size_t first_letter = c0 == kLetter ? pos : kNone;
  size_t earliest = pos;
  size_t q = pos;
  while (q > 0) {
    const uint8_t prev = ClassOf(PrevCp(t, &q));
    if (prev == kSep) return earliest;
    if (prev == kCjk) return first_letter != kNone ? first_letter : q;
    if (prev == kLetter) first_letter = q;
    earliest = q;
  }
  return earliest;
}

bool NextWord(std::string_view t, size_t pos, size_t* ws, size_t* we) {
  const auto* s = reinterpret_cast<const uint8_t*>(t.data());
  const size_t n = t.size();
  while (pos < n) {
    if (s[pos] < 0x80) {
      if (IsAsciiAlnum(s[pos])) break;
      ++pos;
      continue;
    }
    size_t j = pos;
    if (ClassOf(NextCpSlow(s, n, &j)) != kSep) break;
    pos = j;
  }
  if (pos >= n) return false;
  *ws = pos;
  *we = WordEndFrom(t, pos);
  return true;
}

bool PrevWord(std::string_view t, size_t pos, size_t* ws, size_t* we) {
  size_t start = pos;
  while (pos > 0) {
    start = pos;
    if (ClassOf(PrevCp(t, &start)) != kSep) break;
    pos = start;
  }
  if (pos == 0) return false;
  *we = pos;
  *ws = WordStartContaining(t, start);
  return true;
}

void SplitWords(std::string_view t, std::vector<uint32_t>* starts, std::vector<uint32_t>* ends) {
  starts->clear();
  ends->clear();
  const auto* s = reinterpret_cast<const uint8_t*>(t.data());
  const size_t n = t.size();
  enum : uint8_t { kNone, kInWord, kInCjk } state = kNone;
  size_t i = 0;
  while (i < n) {
    const auto at = static_cast<uint32_t>(i);
    uint8_t cls;
    if (s[i] < 0x80) {
      cls = IsAsciiAlnum(s[i]) ? kLetter : kSep;
      ++i;
    } else {
      cls = ClassOf(NextCpSlow(s, n, &i));
    }
    switch (cls) {
      case kSep:
        if (state != kNone) ends->push_back(at);
        state = kNone;
        break;
      case kCjk:
        if (state != kNone) ends->push_back(at);
        starts->push_back(at);
        state = kInCjk;
        break;
      case kMark:
        if (state == kNone) {
          starts->push_back(at);
          state = kInWord;
        }
        break;
      default:  // kLetter
        if (state != kInWord) {
          if (state != kNone) ends->push_back(at);
          starts->push_back(at);
          state = kInWord;
        }
        break;
    }
  }
  if (state != kNone) ends->push_back(static_cast<uint32_t>(n));
}

void FoldedText::Build(std::string_view t) {
  // Copy, then fold in place; most characters keep their length.
  bytes_.assign(t.data(), t.size());
  shifts_.clear();
  const auto* s = reinterpret_cast<const uint8_t*>(t.data());
  const size_t n = t.size();
  size_t i = 0;
  while (i < n) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    const size_t at = i;
    const uint32_t c = NextCpSlow(s, n, &i);
    if (c == kBadCp) {
      std::memset(bytes_.data() + at, 0xFF, i - at);
      continue;
    }
    const uint32_t f = Fold(c);
    if (f == c) continue;
    char buf[4];
    size_t len = 0;
    if (f < 0x80) {
      len = 1;
    } else if (f < 0x800) {
      buf[0] = static_cast<char>(0xC0 | (f >> 6));
      buf[1] = static_cast<char>(0x80 | (f & 0x3F));
      len = 2;
    } else if (f < 0x10000) {
      buf[0] = static_cast<char>(0xE0 | (f >> 12));
      buf[1] = static_cast<char>(0x80 | ((f >> 6) & 0x3F));
      buf[2] = static_cast<char>(0x80 | (f & 0x3F));
      len = 3;
    } else {
      buf[0] = static_cast<char>(0xF0 | (f >> 18));
      buf[1] = static_cast<char>(0x80 | ((f >> 12) & 0x3F));
      buf[2] = static_cast<char>(0x80 | ((f >> 6) & 0x3F));
      buf[3] = static_cast<char>(0x80 | (f & 0x3F));
      len = 4;
    }
    if (len != i - at) {  // e.g. KELVIN SIGN -> k: rebuild from here
      BuildFrom(t, at);
      return;
    }
    std::memcpy(bytes_.data() + at, buf, len);
  }
}

void FoldedText::BuildFrom(std::string_view t, size_t from) {
  bytes_.resize(from);
  const auto* s = reinterpret_cast<const uint8_t*>(t.data());
  const size_t n = t.size();
  int32_t delta = 0;
  size_t i = from;
  while (i < n) {
    if (s[i] < 0x80) {
      size_t j = i + 1;
      while (j < n && s[j] < 0x80) ++j;
      bytes_.append(t.data() + i, j - i);
      i = j;
      continue;
    }
    const size_t at = i;
    const uint32_t c = NextCpSlow(s, n, &i);
    if (c == kBadCp) {
      bytes_.append(i - at, '\xFF');
      continue;
    }
    const size_t before = bytes_.size();
    AppendUtf8(Fold(c), &bytes_);
    const size_t folded_len = bytes_.size() - before;
    if (folded_len != i - at) {
      delta += static_cast<int32_t>(i - at) - static_cast<int32_t>(folded_len);
      shifts_.emplace_back(static_cast<uint32_t>(bytes_.size()), delta);
    }
  }
}

size_t FoldedText::ToOriginal(size_t folded) const {
  if (shifts_.empty() || folded < shifts_.front().first) return folded;
  auto it = std::upper_bound(shifts_.begin(), shifts_.end(), folded,
                             [](size_t f, const auto& s) { return f < s.first; });
  return static_cast<size_t>(static_cast<int64_t>(folded) + std::prev(it)->second);
}

uint32_t CountContinuation(const uint8_t* s, size_t from, size_t to) {
  uint32_t count = 0;
  size_t i = from;
#if defined(__AVX2__)
  const __m256i mask = _mm256_set1_epi8(static_cast<char>(0xC0));
  const __m256i cont = _mm256_set1_epi8(static_cast<char>(0x80));
  for (; i + 32 <= to; i += 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i));
    const auto m = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(v, mask), cont)));
    count += static_cast<uint32_t>(__builtin_popcount(m));
  }
#endif
  for (; i + 8 <= to; i += 8) {
    uint64_t w;
    std::memcpy(&w, s + i, 8);
    count += static_cast<uint32_t>(__builtin_popcountll(w & ~(w << 1) & 0x8080808080808080ull));
  }
  for (; i < to; ++i) count += (s[i] & 0xC0) == 0x80;
  return count;
}

void CpIndex::Reset(std::string_view t, size_t first_non_ascii) {
  s_ = reinterpret_cast<const uint8_t*>(t.data());
  base_ = first_non_ascii / kBlock * kBlock;
  cont_.assign(1, 0);
}

uint32_t CpIndex::At(size_t b) {
  if (b <= base_) return static_cast<uint32_t>(b);
  const size_t k = (b - base_) / kBlock;
  while (cont_.size() <= k) {
    const size_t from = base_ + (cont_.size() - 1) * kBlock;
    cont_.push_back(cont_.back() + CountContinuation(s_, from, from + kBlock));
  }
  const size_t from = base_ + k * kBlock;
  return static_cast<uint32_t>(b - cont_[k] - CountContinuation(s_, from, b));
}

void IllFormedCpIndex::Build(std::string_view t) {
  const auto* s = reinterpret_cast<const uint8_t*>(t.data());
  const size_t n = t.size();
  cp_.resize(n + 1);
  uint32_t cp = 0;
  size_t i = 0;
  while (i < n) {
    const size_t at = i;
    if (s[i] < 0x80) {
      ++i;
    } else {
      NextCpSlow(s, n, &i);
    }
    cp_[at] = cp++;
    for (size_t k = at + 1; k < i; ++k) cp_[k] = cp;  // inside: counts the code point
  }
  cp_[n] = cp;
}

}  // namespace winnow::search::internal
