#include "text/char_class.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <array>
#include <string>

namespace winnow::text {
namespace {

bool InCjkScript(UChar32 c) {
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(c, &err);
  if (s == USCRIPT_HAN || s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA) return true;
  // Common characters used only with these scripts (the prolonged sound mark
  // U+30FC, kana iteration marks) carry them in Script_Extensions.
  if (s == USCRIPT_COMMON || s == USCRIPT_INHERITED) {
    return uscript_hasScript(c, USCRIPT_HAN) || uscript_hasScript(c, USCRIPT_HIRAGANA) ||
           uscript_hasScript(c, USCRIPT_KATAKANA);
  }
  return false;
}

// True when NFKC case folding maps the single character c to itself.
bool StableAlone(UChar32 c) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nf = icu::Normalizer2::getNFKCCasefoldInstance(err);
  if (U_FAILURE(err)) return false;
  char in[4];
  int32_t len = 0;
  UBool bad = false;
  U8_APPEND(in, len, 4, c, bad);
  if (bad) return false;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  nf->normalizeUTF8(0, icu::StringPiece(in, len), sink, nullptr, err);
  return U_SUCCESS(err) && out == std::string_view(in, static_cast<size_t>(len));
}

}  // namespace

uint8_t ComputeClass(uint32_t cp) {
  if (cp < 0x80) return ClassOfAscii(cp);
  const UChar32 c = static_cast<UChar32>(cp);
  switch (c) {
    // Apostrophes (U+02BC is a letter, Lm, but is used as one).
    case 0x2019:
    case 0x2018:
    case 0x02BC:
    case 0xFF07:
      return kJoiner;
    case 0x0085:
    case 0x2028:
    case 0x2029:
      return kBreak;
    case 0x200B:
      return kSep;  // zero width space: a space, though default-ignorable
    // Halfwidth katakana voiced sound marks are letters (Lm) but NFKC makes
    // them combining marks: ｶﾞ must equal ガ.
    case 0xFF9E:
    case 0xFF9F:
      return kMark;
    default:
      break;
  }
  // Invisible characters that NFKC case folding deletes anyway (soft hyphen,
  // ZWJ/ZWNJ, word joiner, BOM, variation selectors, Hangul fillers, bidi
  // controls): a word that contains one must equal the word without it.
  if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return kJoiner;
  const uint32_t mask = U_GET_GC_MASK(c);
  if (mask & U_GC_M_MASK) return kMark;
  if (mask & (U_GC_L_MASK | U_GC_N_MASK)) {
    if (InCjkScript(c)) return static_cast<uint8_t>(kCjk | (StableAlone(c) ? kStableAlone : 0));
    return kWord;
  }
  return kSep;
}

const uint8_t* BmpClassTable() {
  // Trivially destructible, so safe to use from other static destructors.
  static const std::array<uint8_t, 0x10000> table = [] {
    std::array<uint8_t, 0x10000> t{};
    for (uint32_t c = 0; c < 0x10000; ++c) {
      // Surrogates never come out of the UTF-8 decoder.
      t[c] = (c >= 0xD800 && c <= 0xDFFF) ? uint8_t{kSep} : ComputeClass(c);
    }
    return t;
  }();
  return table.data();
}

}  // namespace winnow::text
