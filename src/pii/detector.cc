#include "pii/detector.h"

namespace winnow::pii {
namespace {

bool AsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

std::string Detector::Normalize(std::string_view type, std::string_view value) const {
  (void)type;
  return FoldAndCollapse(value);
}

std::string FoldAndCollapse(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

bool AsciiWordBounded(std::string_view text, size_t pos, size_t end) {
  if (pos > 0 && AsciiAlnum(text[pos - 1])) return false;
  if (end < text.size() && AsciiAlnum(text[end])) return false;
  return true;
}

bool NumberBounded(std::string_view t, size_t begin, size_t end) {
  if (!AsciiWordBounded(t, begin, end)) return false;
  if ((begin > 0 && t[begin - 1] == '_') || (end < t.size() && t[end] == '_')) return false;
  if (begin > 0 && t[begin - 1] == '#' && !(begin >= 2 && IsAsciiAlnum(t[begin - 2]))) return false;
  auto joiner = [](char c) { return c == '-' || c == '.' || c == '/'; };
  if (begin >= 2 && joiner(t[begin - 1]) && IsAsciiAlnum(t[begin - 2])) return false;
  if (end + 1 < t.size() && joiner(t[end]) && IsAsciiDigit(t[end + 1])) return false;
  return true;
}

std::string DigitsOf(std::string_view s) {
  std::string d;
  for (char c : s) {
    if (c >= '0' && c <= '9') d.push_back(c);
  }
  return d;
}

bool LuhnValid(std::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool twice = false;
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (d < 0 || d > 9) return false;
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

}  // namespace winnow::pii
