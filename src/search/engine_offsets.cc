#include "search/engine_offsets.h"

#include <algorithm>
#include <cstring>
#include <iterator>

#include "search/engine_text.h"

#if defined(__AVX2__)
#include <immintrin.h>
#endif

namespace winnow::search::internal {

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

namespace {

// Bit i set when s[i] (i < len <= 32) is a continuation byte (10xxxxxx);
// in *high, bit i when s[i] >= 0x80.
uint32_t ContinuationMask(const uint8_t* s, size_t len, uint32_t* high) {
#if defined(__AVX2__)
  if (len == 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s));
    *high = static_cast<uint32_t>(_mm256_movemask_epi8(v));
    if (*high == 0) return 0;
    const __m256i top = _mm256_and_si256(v, _mm256_set1_epi8(static_cast<char>(0xC0)));
    return static_cast<uint32_t>(
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(top, _mm256_set1_epi8(static_cast<char>(0x80)))));
  }
#endif
  uint32_t cont = 0, hi = 0;
  for (size_t i = 0; i < len; ++i) {
    hi |= uint32_t{s[i] >= 0x80} << i;
    cont |= uint32_t{(s[i] & 0xC0) == 0x80} << i;
  }
  *high = hi;
  return cont;
}

}  // namespace

void CpIndex::Reset(std::string_view t) {
  s_ = reinterpret_cast<const uint8_t*>(t.data());
  n_ = t.size();
  well_formed_ = true;
  next_ = 0;
  blocks_.assign(1, 0);
}

void CpIndex::Extend(size_t block) {
  while (well_formed_ && blocks_.size() <= block) {
    const size_t i = (blocks_.size() - 1) * kBlock;
    const size_t len = std::min(kBlock, n_ - i);
    uint32_t high;
    const uint32_t mask = ContinuationMask(s_ + i, len, &high);
    blocks_.push_back(blocks_.back() + static_cast<uint32_t>(__builtin_popcount(mask)));
    for (uint32_t m = high; m != 0; m &= m - 1) {
      size_t j = i + static_cast<size_t>(__builtin_ctz(m));
      if (j < next_) continue;
      const uint8_t b0 = s_[j];
      if (b0 >= 0xC2 && b0 <= 0xDF && j + 1 < n_ && (s_[j + 1] & 0xC0) == 0x80) {
        next_ = j + 2;  // the common two- and three-byte forms inline
      } else if (b0 >= 0xE1 && b0 <= 0xEF && b0 != 0xED && j + 2 < n_ && (s_[j + 1] & 0xC0) == 0x80 &&
                 (s_[j + 2] & 0xC0) == 0x80) {
        next_ = j + 3;
      } else if (NextCpSlow(s_, n_, &j) == kBadCp) {
        well_formed_ = false;
        BuildPerByte();
        return;
      } else {
        next_ = j;
      }
    }
  }
}

void CpIndex::BuildPerByte() {
  per_byte_.resize(n_ + 1);
  uint32_t cp = 0;
  for (size_t i = 0; i < n_;) {
    const size_t at = i;
    if (s_[i] < 0x80) {
      ++i;
    } else {
      NextCpSlow(s_, n_, &i);
    }
    per_byte_[at] = cp++;
    for (size_t k = at + 1; k < i; ++k) per_byte_[k] = cp;  // inside: counts the code point
  }
  per_byte_[n_] = cp;
}

uint32_t CpIndex::At(size_t b) {
  const size_t k = b / kBlock, from = k * kBlock;
  // The block holding b is checked too: a sequence ending after b may be
  // ill-formed, changing the count before b.
  Extend(std::min(k + 1, (n_ + kBlock - 1) / kBlock));
  if (!well_formed_) return per_byte_[b];
  uint32_t cont = blocks_[k];
  if (b > from) {
    uint32_t high;
    const uint32_t mask = ContinuationMask(s_ + from, std::min(kBlock, n_ - from), &high);
    cont += static_cast<uint32_t>(__builtin_popcount(mask & ((1u << (b - from)) - 1)));
  }
  return static_cast<uint32_t>(b - cont);
}

}  // namespace winnow::search::internal
