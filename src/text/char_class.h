// Character classes of the word tokenizer (rules in text/tokenizer.h).
//
// Two levels: ByteKind dispatches the scanner on a single byte (a 256-entry
// table whose ASCII half is the fast path; every byte >= 0x80 is kHigh), and
// CharClass classifies a whole code point. Non-ASCII code points of the BMP
// are looked up in a 64 KiB table built from ICU once, on first use;
// supplementary code points ask ICU each time.
//
// Thread safety: everything here is immutable after the table is built; the
// build is a function-local static (thread-safe initialization).
#pragma once

#include <cstdint>

namespace winnow::text {

// What a code point is to the tokenizer.
enum CharClass : uint8_t {
  kSep = 0,     // separates words: whitespace, punctuation, symbols, controls
  kWord = 1,    // letter or number outside Han/Hiragana/Katakana: word rule
  kMark = 2,    // combining mark: continues a word or a CJK token, else starts a word
  kCjk = 3,     // Han, Hiragana or Katakana letter or number: a token by itself
  kJoiner = 4,  // apostrophe or invisible format character: dropped inside a word
  kBreak = 5,   // line break (starts a line for the markdown list rules)
};
inline constexpr uint8_t kClassMask = 0x07;
// Flag on kCjk entries: NFKC case folding maps the character, alone, to
// itself (so a CJK token without marks needs no ICU call).
inline constexpr uint8_t kStableAlone = 0x08;

// How the scanner treats a byte.
enum ByteKind : uint8_t {
  kByteSep = 0,      // ASCII separator
  kByteAlnum = 1,    // [0-9A-Za-z]
  kByteNewline = 2,  // \n \v \f
  kByteCr = 3,       // \r (a following \n belongs to the same break)
  kByteLt = 4,       // '<': maybe an HTML tag
  kByteAmp = 5,      // '&': maybe an entity
  kByteBracket = 6,  // ']': maybe a markdown link target follows
  kByteApos = 7,     // '\'': a joiner
  kByteHigh = 8,     // >= 0x80: part of a multi-byte (or invalid) sequence
};

namespace internal {
struct ByteTables {
  uint8_t kind[256];
  bool alnum[256];
};
inline constexpr ByteTables MakeByteTables() {
  ByteTables t{};
  for (int c = 0; c < 256; ++c) {
    bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    t.alnum[c] = alnum;
    uint8_t k = kByteSep;
    if (alnum)
      k = kByteAlnum;
    else if (c == '\n' || c == '\v' || c == '\f')
      k = kByteNewline;
    else if (c == '\r')
      k = kByteCr;
    else if (c == '<')
      k = kByteLt;
    else if (c == '&')
      k = kByteAmp;
    else if (c == ']')
      k = kByteBracket;
    else if (c == '\'')
      k = kByteApos;
    else if (c >= 0x80)
      k = kByteHigh;
    t.kind[c] = k;
  }
  return t;
}
inline constexpr ByteTables kByteTables = MakeByteTables();
}  // namespace internal

inline uint8_t KindOfByte(uint8_t c) { return internal::kByteTables.kind[c]; }
inline bool IsAsciiAlnum(uint8_t c) { return internal::kByteTables.alnum[c]; }

// CharClass of an ASCII code point (c < 0x80).
inline CharClass ClassOfAscii(uint32_t c) {
  switch (KindOfByte(static_cast<uint8_t>(c))) {
    case kByteAlnum:
      return kWord;
    case kByteNewline:
    case kByteCr:
      return kBreak;
    case kByteApos:
      return kJoiner;
    default:
      return kSep;
  }
}

// The 64 KiB class table of the BMP (entries are CharClass, plus
// kStableAlone on kCjk entries). Built on first call.
const uint8_t* BmpClassTable();

// Class entry (CharClass | flags) of any Unicode scalar value c, computed
// from ICU; what BmpClassTable() caches for c < 0x10000.
uint8_t ComputeClass(uint32_t c);

// Class entry of a scalar value, given the table from BmpClassTable().
inline uint8_t ClassEntry(const uint8_t* bmp, uint32_t c) {
  return c < 0x10000 ? bmp[c] : ComputeClass(c);
}

}  // namespace winnow::text
