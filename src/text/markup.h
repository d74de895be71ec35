// Recognizers for the markup the tokenizer ignores (rule 5 of
// text/tokenizer.h): HTML tags and entities, markdown link targets, and the
// line structure that decides which digits are numbered-list markers.
//
// The recognizers are pure functions of the bytes; ListState is the per-text
// state of one scan (not shared, so not synchronized).
#pragma once

#include <cstddef>
#include <cstdint>

namespace winnow::text {

// REQUIRES: i < n and p[i] == '&'. If a character reference starts at i
// (`&name;` with an ASCII name of up to 32 letters and digits, `&#123;` or
// `&#x7B;`), returns its length in bytes and sets *cp to the character it
// stands for: the named ones listed in tokenizer.h (names compared
// ignoring case, so an upper-cased copy of escaped HTML still decodes),
// numeric ones by value (0x80-0x9F as Windows-1252, as browsers do), and
// U+FFFD (a separator) for any other name or an invalid number. Returns 0
// when no reference starts at i; *cp is then unspecified.
size_t MatchEntity(const uint8_t* p, size_t i, size_t n, uint32_t* cp);

// REQUIRES: i < n and p[i] == '<'. Returns the length of the HTML tag,
// comment or declaration starting at i, or 0 when there is none: `<!--` to
// `-->`, `<!` to `>`, or `<` and an optional `/` and an HTML element name
// (a, p, br, div, span, b, strong, li, h1, table, ... any case) followed by
// `>`, `/` or whitespace, up to the first `>`; all within 1024 bytes of the
// `<` and (except comments) with no other `<` before the `>`. Other angle
// brackets are text: news wires write "<Genossenschaftliche Zentralbank
// AG>" and tickers "<FBC>".
size_t MatchTag(const uint8_t* p, size_t i, size_t n);

// REQUIRES: i < n and p[i] == ']'. Returns the length of `](target)`
// starting at i, where target has at most 2048 bytes, no line break, and
// balanced parentheses (Wikipedia URLs contain them). Returns 0 otherwise.
size_t MatchLinkTarget(const uint8_t* p, size_t i, size_t n);

// The line structure of one text, for markdown list markers. A numbered
// marker (1-9 digits, `.` or `)`, then a space or tab) at the start of a
// line, after optional indentation and `>` quote markers, is markup when
// it has 1-3 digits (chat answers start lists after any line: "Steps:\n2.
// b"), and otherwise only when it could start a CommonMark list item: its
// number is 1, or the line follows a blank line (or starts the text), or a
// numbered item was already seen at the same indentation since the last
// unindented paragraph that follows a blank line. So "rose in\n2011. The"
// (prose hard-wrapped before a year that ends a sentence) keeps its "2011",
// while "1. A\n2. B" drops both numbers. Bullets need no state: `-`, `*` and `+` are separators.
class ListState {
 public:
  // REQUIRES: i == 0 or p[i-1] ends a line break. Consumes the ASCII
  // indentation and quote markers of the line starting at i and, if one
  // is there, its numbered marker's digits and `.`/`)`; returns the
  // position where scanning continues (i <= result <= n). Consumes only
  // ASCII bytes, so code-point offsets advance by the bytes consumed.
  size_t StartLine(const uint8_t* p, size_t i, size_t n);

 private:
  bool prev_blank_ = true;     // the previous line was blank, or none
  uint64_t list_columns_ = 0;  // bit c: a numbered item was seen at indentation c
};

}  // namespace winnow::text
