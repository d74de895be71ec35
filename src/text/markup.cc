#include "text/markup.h"

#include <algorithm>
#include <string_view>

namespace winnow::text {
namespace {

constexpr size_t kMaxTagBytes = 1024;
constexpr size_t kMaxLinkTargetBytes = 2048;
constexpr size_t kMaxEntityName = 32;
constexpr size_t kMaxEntityDigits = 8;
// Numbers of up to this many digits are list markers at any line start:
// chat answers continue lists after any line, and a hard wrap just before a
// small sentence-ending number is rare (either way one word differs).
constexpr size_t kAlwaysMarkerDigits = 3;
constexpr uint32_t kReplacement = 0xFFFD;

struct NamedEntity {
  std::string_view name;
  uint32_t cp;
};
// clang-format off
constexpr NamedEntity kNamedEntities[] = {
    {"amp", '&'},       {"lt", '<'},         {"gt", '>'},         {"quot", '"'},
    {"apos", '\''},     {"nbsp", 0x00A0},    {"rsquo", 0x2019},   {"lsquo", 0x2018},
    {"ldquo", 0x201C},  {"rdquo", 0x201D},   {"mdash", 0x2014},   {"ndash", 0x2013},
    {"hellip", 0x2026},
};

// HTML maps numeric references to 0x80-0x9F through Windows-1252, so the
// "don&#146;t" of old web pages is an apostrophe.
constexpr uint16_t kCp1252[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
// clang-format on

bool IsDigit(uint8_t c) { return c >= '0' && c <= '9'; }
bool IsAlpha(uint8_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
int HexValue(uint8_t c) {
  if (IsDigit(c)) return c - '0';
  uint8_t l = c | 0x20;
  return (l >= 'a' && l <= 'f') ? l - 'a' + 10 : -1;
}

bool EqualsIgnoreCase(const uint8_t* s, size_t len, std::string_view lower) {
  if (len != lower.size()) return false;
  for (size_t k = 0; k < len; ++k) {
    if ((s[k] | 0x20) != static_cast<uint8_t>(lower[k])) return false;
  }
  return true;
}

size_t MatchNumericEntity(const uint8_t* p, size_t i, size_t n, uint32_t* cp) {
  size_t q = i + 2;  // after "&#"
  const bool hex = q < n && (p[q] | 0x20) == 'x';
  if (hex) ++q;
  const size_t start = q;
  uint32_t v = 0;
  while (q < n && q - start < kMaxEntityDigits) {
    int d = hex ? HexValue(p[q]) : (IsDigit(p[q]) ? p[q] - '0' : -1);
    if (d < 0) break;
    v = v * (hex ? 16 : 10) + static_cast<uint32_t>(d);
    ++q;
  }
  if (q == start || q >= n || p[q] != ';') return 0;
  if (v >= 0x80 && v <= 0x9F) v = kCp1252[v - 0x80];
  if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) v = kReplacement;
  *cp = v;
  return q + 1 - i;
}

}  // namespace

size_t MatchEntity(const uint8_t* p, size_t i, size_t n, uint32_t* cp) {
  if (i + 1 >= n) return 0;
  if (p[i + 1] == '#') return MatchNumericEntity(p, i, n, cp);
  if (!IsAlpha(p[i + 1])) return 0;
  size_t q = i + 1;
  while (q < n && q - (i + 1) < kMaxEntityName && (IsAlpha(p[q]) || IsDigit(p[q]))) ++q;
  if (q >= n || p[q] != ';') return 0;
  const uint8_t* name = p + i + 1;
  const size_t len = q - (i + 1);
  *cp = kReplacement;
  for (const NamedEntity& e : kNamedEntities) {
    if (EqualsIgnoreCase(name, len, e.name)) {
      *cp = e.cp;
      break;
    }
  }
  return q + 1 - i;
}

namespace {

// HTML element names (lower case). Only these make a tag, so that the angle
// brackets news wires put around company names and tickers ("<Genossen-
// schaftliche Zentralbank AG>", "<FBC>") stay words.
constexpr std::string_view kElements[] = {
    "a", "abbr", "address", "article", "aside", "audio", "b", "bdi", "bdo", "big", "blockquote", "body", "br",
    "button", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl",
    "dt", "em", "embed", "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "head", "header", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "label", "legend", "li", "link",
    "main", "mark", "meta", "nav", "noscript", "ol", "option", "p", "picture", "pre", "q", "s", "samp", "script",
    "section", "small", "source", "span", "strike", "strong", "style", "sub", "summary", "sup", "table", "tbody",
    "td", "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr", "tt", "u", "ul", "var", "video",
    "wbr"};

bool IsElementName(const uint8_t* p, size_t len) {
  if (len == 0 || len > 10) return false;
  char lower[10];
  for (size_t k = 0; k < len; ++k) lower[k] = static_cast<char>(p[k] >= 'A' && p[k] <= 'Z' ? p[k] + 32 : p[k]);
  const std::string_view name(lower, len);
  for (std::string_view e : kElements) {
    if (e == name) return true;
  }
  return false;
}

}  // namespace

size_t MatchTag(const uint8_t* p, size_t i, size_t n) {
  if (i + 1 >= n) return 0;
  const size_t limit = std::min(n, i + kMaxTagBytes);
  size_t q = i + 1;
  if (p[q] == '!') {
    // A comment runs to "-->", a declaration (<!DOCTYPE html>) to '>'.
    const bool comment = q + 2 < n && p[q + 1] == '-' && p[q + 2] == '-';
    for (q += 1; q < limit; ++q) {
      if (comment ? (p[q] == '>' && p[q - 1] == '-' && p[q - 2] == '-' && q >= i + 6) : p[q] == '>') return q + 1 - i;
    }
    return 0;
  }
  if (p[q] == '/') ++q;
  const size_t name = q;
  while (q < n && (IsAlpha(p[q]) || IsDigit(p[q]))) ++q;
  if (!IsElementName(p + name, q - name)) return 0;
  if (q >= n || !(p[q] == '>' || p[q] == '/' || p[q] == ' ' || p[q] == '\t' || p[q] == '\n' || p[q] == '\r')) {
    return 0;
  }
  for (; q < limit; ++q) {
    if (p[q] == '>') return q + 1 - i;
    if (p[q] == '<') return 0;
  }
  return 0;
}

size_t MatchLinkTarget(const uint8_t* p, size_t i, size_t n) {
  if (i + 1 >= n || p[i + 1] != '(') return 0;
  const size_t limit = std::min(n, i + 2 + kMaxLinkTargetBytes + 1);
  int depth = 1;
  for (size_t q = i + 2; q < limit; ++q) {
    switch (p[q]) {
      case '\n':
      case '\r':
        return 0;
      case '(':
        ++depth;
        break;
      case ')':
        if (--depth == 0) return q + 1 - i;
        break;
      default:
        break;
    }
  }
  return 0;
}

size_t ListState::StartLine(const uint8_t* p, size_t i, size_t n) {
  size_t q = i;
  unsigned column = 0;
  for (; q < n; ++q) {
    const uint8_t c = p[q];
    if (c == ' ') {
      ++column;
    } else if (c == '\t') {
      column = (column / 4 + 1) * 4;
    } else if (c == '>') {
      // A quote marker; its one optional space is part of it.
      column = 0;
      if (q + 1 < n && p[q + 1] == ' ') ++q;
    } else {
      break;
    }
  }
  if (q >= n || p[q] == '\n' || p[q] == '\r' || p[q] == '\v' || p[q] == '\f') {
    prev_blank_ = true;
    return q;
  }
  const uint64_t column_bit = uint64_t{1} << std::min(column, 63u);
  const bool after_blank = prev_blank_;
  prev_blank_ = false;
  const uint8_t c = p[q];
  auto space_at = [&](size_t k) { return k < n && (p[k] == ' ' || p[k] == '\t'); };
  if (IsDigit(c)) {
    size_t d = q;
    uint64_t value = 0;
    while (d < n && d - q < 10 && IsDigit(p[d])) value = value * 10 + (p[d++] - '0');
    const size_t digits = d - q;
    if (digits <= 9 && d < n && (p[d] == '.' || p[d] == ')') && space_at(d + 1)) {
      if (digits <= kAlwaysMarkerDigits || value == 1 || after_blank || (list_columns_ & column_bit)) {
        list_columns_ |= column_bit;
        return d + 1;
      }
      return q;
    }
  }
  // An unindented paragraph after a blank line ends every open list.
  if (column == 0 && after_blank) list_columns_ = 0;
  return q;
}

}  // namespace winnow::text
