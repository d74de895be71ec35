// person_skim.h. The AVX2 paths classify 32 bytes with a few compares:
// adding 128 - 'a' to a byte maps 'a'..'z' (and nothing else) to the signed
// range -128..-103; likewise for 'A'..'Z' and '0'..'9'; bytes >= 0x80 are
// negative as they are.
#include "pii/detectors/person_skim.h"

#include <cstdint>

#ifdef __AVX2__
#include <immintrin.h>
#endif

namespace winnow::pii {
namespace {

bool IsAsciiLowerByte(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool IsAsciiUpperByte(unsigned char c) { return c >= 'A' && c <= 'Z'; }

}  // namespace

// The end of the run of ASCII lower-case letters at t[i...]: most of a
// text's bytes, so 32 at a time where the CPU can.
size_t LowerRunEnd(std::string_view t, size_t i) {
#ifdef __AVX2__
  const __m256i shift = _mm256_set1_epi8(static_cast<char>(128 - 'a'));
  const __m256i limit = _mm256_set1_epi8(static_cast<char>(-128 + 25));
  while (i + 32 <= t.size()) {
    // c - 'a' + 128, as a signed byte, is at most -103 for 'a'..'z' only.
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(t.data() + i));
    const uint32_t other =
        static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpgt_epi8(_mm256_add_epi8(v, shift), limit)));
    if (other != 0) return i + static_cast<size_t>(__builtin_ctz(other));
    i += 32;
  }
#endif
  while (i < t.size() && IsAsciiLowerByte(t[i])) ++i;
  return i;
}

// Where the loop of PersonScan::Collect must look next, from t[i], the
// start of a lower-case ASCII word that cannot continue a name: the start
// of the first word that may matter (a capital, a non-ASCII letter, a digit
// or an apostrophe, or the word touching one; "is", "me" or "named" before
// a lower-case word, which may announce a name); between, only lower-case
// words and ASCII punctuation, which the loop would skip one at a time.
size_t SkipPlainWords(std::string_view t, size_t i) {
  size_t b = i;
#ifdef __AVX2__
  const char* p = t.data();
  auto eq = [](__m256i v, char c) { return _mm256_cmpeq_epi8(v, _mm256_set1_epi8(c)); };
  const __m256i shift_upper = _mm256_set1_epi8(static_cast<char>(128 - 'A'));
  const __m256i shift_digit = _mm256_set1_epi8(static_cast<char>(128 - '0'));
  for (; b + 32 + 5 <= t.size(); b += 32) {
    const __m256i v0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + b));
    const __m256i upper = _mm256_cmpgt_epi8(_mm256_set1_epi8(static_cast<char>(-128 + 26)),
                                            _mm256_add_epi8(v0, shift_upper));
    const __m256i digit = _mm256_cmpgt_epi8(_mm256_set1_epi8(static_cast<char>(-128 + 10)),
                                            _mm256_add_epi8(v0, shift_digit));
    const __m256i stop = _mm256_or_si256(_mm256_or_si256(upper, digit), _mm256_or_si256(v0, eq(v0, '\'')));
    const uint32_t stops = static_cast<uint32_t>(_mm256_movemask_epi8(stop));
    const __m256i v1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + b + 1));
    const __m256i v2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + b + 2));
    __m256i cue = _mm256_and_si256(eq(v2, ' '), _mm256_or_si256(_mm256_and_si256(eq(v0, 'i'), eq(v1, 's')),
                                                                _mm256_and_si256(eq(v0, 'm'), eq(v1, 'e'))));
    const __m256i v3 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + b + 3));
    const __m256i v4 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + b + 4));
    const __m256i v5 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + b + 5));
    cue = _mm256_or_si256(cue, _mm256_and_si256(_mm256_and_si256(_mm256_and_si256(eq(v0, 'n'), eq(v1, 'a')),
                                                                 _mm256_and_si256(eq(v2, 'm'), eq(v3, 'e'))),
                                                _mm256_and_si256(eq(v4, 'd'), eq(v5, ' '))));
    uint32_t cues = static_cast<uint32_t>(_mm256_movemask_epi8(cue));
    // Cues before the first stop, at a word start, before a lower-case word.
    if (stops != 0) cues &= (1u << __builtin_ctz(stops)) - 1;
    for (; cues != 0; cues &= cues - 1) {
      const size_t k = b + static_cast<size_t>(__builtin_ctz(cues));
      const size_t next = k + (t[k] == 'n' ? 6 : 3);
      if ((k == i || !IsAsciiLowerByte(t[k - 1])) && next < t.size() && IsAsciiLowerByte(t[next])) return k;
    }
    if (stops != 0) {
      b += static_cast<size_t>(__builtin_ctz(stops));
      break;
    }
  }
#endif
  // Back to the start of the word that touches b.
  while (b > i && IsAsciiLowerByte(t[b - 1])) --b;
  return b;
}

// True when `t` has an ASCII capital or a byte of a non-ASCII character.
bool AnyUpperOrNonAscii(std::string_view t) {
  size_t i = 0;
#ifdef __AVX2__
  const __m256i shift = _mm256_set1_epi8(static_cast<char>(128 - 'A'));
  const __m256i limit = _mm256_set1_epi8(static_cast<char>(-128 + 26));
  for (; i + 32 <= t.size(); i += 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(t.data() + i));
    // 'A'..'Z' shift to -128..-103; bytes >= 0x80 are negative as they are.
    const __m256i upper = _mm256_cmpgt_epi8(limit, _mm256_add_epi8(v, shift));
    if (_mm256_movemask_epi8(_mm256_or_si256(upper, v)) != 0) return true;
  }
#endif
  for (; i < t.size(); ++i) {
    const unsigned char c = t[i];
    if (c >= 0x80 || IsAsciiUpperByte(c)) return true;
  }
  return false;
}

}  // namespace winnow::pii
