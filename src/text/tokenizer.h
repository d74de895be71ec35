// The word tokenizer and normalizer shared by the reference-corpus index and
// the chat-log matcher (regurgitation detection). A copy of an article in
// ALL CAPS, with curly instead of straight quotes, reflowed into bullets or
// a numbered list, wrapped in **bold** or `> ` quotes, or in HTML gives the
// same token sequence as the original.
//
// Rules (the specification; the index on disk depends on them):
//
// 1. Word characters are Unicode letters (L*), combining marks (M*) and
//    numbers (N*); everything else (whitespace, punctuation, symbols,
//    controls) separates words. Input is UTF-8; each ill-formed sequence
//    (maximal subpart, as ICU's U8_NEXT, Python's errors="replace" and
//    browsers decode it) is a separator counting as one code point, as if
//    replaced by U+FFFD.
// 2. Apostrophes (U+0027, U+2019, U+2018, U+02BC, U+FF07) between two word
//    characters are dropped and the word goes on: "don't", "don’t" and
//    "DON'T" give "dont", "company’s" gives "companys". Elsewhere an
//    apostrophe is a separator. Invisible default-ignorable characters
//    (soft hyphen, ZWJ, ZWNJ, word joiner, BOM, variation selectors, bidi
//    controls; not U+200B zero width space, a separator) behave the same
//    way: "co\u00ADoperate" gives "cooperate". So does a comma between two
//    ASCII digits (thousands): "1,905" gives "1905", as "1905" does.
// 3. Each Han, Hiragana or Katakana character (Script or Script_Extensions,
//    so U+30FC ー counts) is a token by itself, together with any combining
//    marks after it (halfwidth ﾞ ﾟ count as marks, so ｶﾞ equals ガ). Hangul
//    and all other scripts follow the word rule; scripts written without
//    spaces (Thai, Lao, Khmer, Myanmar) give one token per run.
// 4. A word is normalized with NFKC case folding (ICU's NFKC_Casefold):
//    "ＡＢＣ" → "abc", "ﬁ" → "fi", "ß" → "ss". Words of ASCII letters and
//    digits take a fast path (ASCII lower-casing) with identical bytes.
// 5. Markup makes no tokens, and the offsets of later words stay exact:
//    - HTML tags, comments and declarations: `<!--` to `-->`, `<!` to `>`,
//      and `<` or `</` with an HTML element name (a, p, br, div, span, li,
//      h1, ...; any case) then `>`, `/` or whitespace, through the next `>`,
//      all within 1024 bytes and with no other `<` first (otherwise `<` is
//      a separator: "<Zentralbank AG>" and "<FBC>" in news wires are
//      words). A tag separates words. Character
//      references decode to the character they stand for: &amp; &lt; &gt;
//      &quot; &apos; &nbsp; &rsquo; &lsquo; &ldquo; &rdquo; &mdash; &ndash;
//      &hellip; (names matched ignoring case), &#8217; and &#x2019; (0x80-
//      0x9F as Windows-1252, as in browsers), so "don&#8217;t" gives "dont"
//      and "caf&#233;" gives "café". Any other `&name;` is a separator.
//    - Markdown list markers at the start of a line, after optional
//      indentation and `>` quote markers: `-`, `*`, `+` (separators anyway)
//      and 1-9 digits followed by `.` or `)`, each followed by a space or
//      tab. A numbered marker's digits make no token ("1. The council
//      voted" gives "the council voted") when it has 1-3 digits, or when it
//      can start a CommonMark list item: its number is 1, or it follows a
//      blank line or starts the text, or it continues a list at the same
//      indentation. Otherwise, as
//      in hard-wrapped prose ("rose in\n2011. The"), and whenever the
//      digits are not followed by `.`/`)` and a space ("2019 was"), the
//      digits are an ordinary word.
//    - Markdown link targets: `](` through the matching `)` (at most 2048
//      bytes, no line break) are skipped: "[the report](https://x.com/a)"
//      gives "the report".
//    - Emphasis (`*`, `_`, `~`), backticks, `#` headings and `>` quotes are
//      punctuation, hence separators: "**Bold** words", "_it_".
// 6. Whitespace and line breaks of every kind, dashes, ellipses and
//    quotation marks of every style are separators, so reflowing, joining
//    lines or converting quotes never changes the tokens.
//
// Offsets are Unicode code points of the original text (not bytes, not
// UTF-16 units); the text must have fewer than 2^32 code points.
//
// Thread safety: all functions are thread-safe (no shared mutable state;
// the character-class table and ICU's normalizer are immutable singletons
// built on first use).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::text {

struct Token {
  uint64_t hash;   // WordHash() of the normalized word
  uint32_t begin;  // code-point offset in the original text of the word's first character
  uint32_t end;    // code-point offset one past its last character
};

// Clears *out and appends the tokens of `text` in order. Never fails.
// REQUIRES: text has fewer than 2^32 code points (offsets are uint32).
// Allocates only to grow *out: reuse the vector across calls.
void Tokenize(std::string_view text, std::vector<Token>* out);

// Clears *out and appends the normalized words of `text`, with the same
// segmentation as Tokenize (out[i] hashes to tokens[i].hash). For tests,
// debugging and titles; allocates a string per word.
void NormalizedWords(std::string_view text, std::vector<std::string>* out);

// The stable 64-bit hash of a normalized word ("word hash v1"). Its value
// never changes between runs, builds or machines; on-disk indexes store it.
// Definition, for bytes s of length n:
//   h = 0x9E3779B97F4A7C15 ^ n
//   for each 8-byte block b of s, read little-endian, the last one padded
//   with zero bytes:  h = (h ^ b) * 0xA0761D6478BD642F;  h ^= h >> 29
//   result = fmix64(h)   (MurmurHash3's finalizer: h ^= h >> 33;
//   h *= 0xFF51AFD7ED558CCD; h ^= h >> 33; h *= 0xC4CEB9FE1A85EC53;
//   h ^= h >> 33), all arithmetic modulo 2^64.
// Every step is invertible, so two different words of 1 to 8 bytes without
// NUL bytes (every normalized word qualifies) never collide.
// Not a cryptographic hash.
uint64_t WordHash(std::string_view normalized_word);

}  // namespace winnow::text
