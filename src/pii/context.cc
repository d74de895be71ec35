#include "pii/context.h"

#include <algorithm>

namespace winnow::pii {
namespace {

bool WordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string LowerWord(std::string_view w) {
  std::string s(w);
  for (char& c : s) c = Lower(c);
  return s;
}

// A sentence ends between `a` and `b` (text[a] is the byte after the last
// word of one sentence, text[b] the first byte of the next word): a full
// stop, question or exclamation mark and white space, then a capital
// letter or a non-ASCII byte; or a blank line. "no. 123" does not end one.
bool SentenceBreak(std::string_view text, size_t a, size_t b) {
  const std::string_view gap = text.substr(a, b - a);
  if (gap.find("\n\n") != std::string_view::npos || gap.find("\n\r\n") != std::string_view::npos) return true;
  if (gap.size() < 2 || (gap[0] != '.' && gap[0] != '?' && gap[0] != '!')) return false;
  if (gap[1] != ' ' && gap[1] != '\n' && gap[1] != '\t' && gap[1] != '\r') return false;
  if (b >= text.size()) return false;
  const unsigned char next = static_cast<unsigned char>(text[b]);
  if (!((next >= 'A' && next <= 'Z') || next >= 0x80)) return false;
  // An abbreviation's full stop ("passport no. D123", "Dr. Smith") is not
  // the end of a sentence.
  size_t w = a;
  while (w > 0 && WordByte(static_cast<unsigned char>(text[w - 1]))) --w;
  if (a - w > 6) return true;
  std::string word;
  for (char c : text.substr(w, a - w)) word.push_back(Lower(c));
  static constexpr std::string_view kAbbreviations[] = {
      "no", "nr", "nos", "num", "tel", "ph", "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "apt",
      "acct", "ref", "inc", "co", "vs", "approx", "dept", "ext", "fig", "vol", "mob", "fax", "id"};
  for (std::string_view abbr : kAbbreviations) {
    if (word == abbr) return false;
  }
  return true;
}

// Up to `n` words of the sentence ending at `end`, in text order.
void WordsBefore(std::string_view text, size_t end, int n, std::vector<std::string_view>* out) {
  out->clear();
  size_t i = end;
  while (n-- > 0) {
    const size_t gap_end = i;  // the finding, or the word collected last, starts here
    while (i > 0 && !WordByte(static_cast<unsigned char>(text[i - 1]))) --i;
    if (i == 0 || SentenceBreak(text, i, gap_end)) break;
    const size_t stop = i;
    while (i > 0 && WordByte(static_cast<unsigned char>(text[i - 1]))) --i;
    out->push_back(text.substr(i, stop - i));
  }
  std::reverse(out->begin(), out->end());
}

// Up to `n` words after `begin`, within the sentence.
void WordsAfter(std::string_view text, size_t begin, int n, std::vector<std::string_view>* out) {
  out->clear();
  size_t i = begin;
  while (n-- > 0) {
    size_t gap = i;
    while (i < text.size() && !WordByte(static_cast<unsigned char>(text[i]))) ++i;
    if (i == text.size() || SentenceBreak(text, gap, i)) break;
    size_t start = i;
    while (i < text.size() && WordByte(static_cast<unsigned char>(text[i]))) ++i;
    out->push_back(text.substr(start, i - start));
  }
}

// `want` is lower case already. A word matches `want` itself or `want`
// with a plural or past ending: s, es, d, ed.
bool WordMatches(std::string_view word, const std::string& want) {
  if (word.size() < want.size()) return false;
  for (size_t i = 0; i < want.size(); ++i) {
    if (Lower(word[i]) != want[i]) return false;
  }
  std::string_view rest = word.substr(want.size());
  if (rest.empty()) return true;
  if (rest.size() > 2) return false;
  std::string tail;
  for (char c : rest) tail.push_back(Lower(c));
  return tail == "s" || tail == "es" || tail == "d" || tail == "ed";
}

}  // namespace

void ContextWordsOf(std::string_view text, std::vector<std::string>* out) {
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !WordByte(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && WordByte(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) out->push_back(LowerWord(text.substr(start, i - start)));
  }
}

ContextMatcher::ContextMatcher(const ContextWords& words) : settings_(words) {
  for (std::string_view w : words.raise) {
    Phrase p;
    ContextWordsOf(w, &p);
    if (!p.empty()) raise_.push_back(std::move(p));
  }
  for (std::string_view w : words.lower) {
    Phrase p;
    ContextWordsOf(w, &p);
    if (!p.empty()) lower_.push_back(std::move(p));
  }
}

bool ContextMatcher::Found(const std::vector<Phrase>& phrases, const std::vector<std::string_view>& words) {
  for (const Phrase& p : phrases) {
    if (p.size() > words.size()) continue;
    for (size_t i = 0; i + p.size() <= words.size(); ++i) {
      size_t k = 0;
      while (k < p.size() && WordMatches(words[i + k], p[k])) ++k;
      if (k == p.size()) return true;
    }
  }
  return false;
}

void ContextMatcher::Apply(std::string_view text, ContextWindow* window, Finding* f) const {
  if (empty()) return;
  WordsBefore(text, f->begin, settings_.words_before, &window->before);
  WordsAfter(text, f->end, settings_.words_after, &window->after);
  if (!raise_.empty() && (Found(raise_, window->before) || Found(raise_, window->after))) {
    f->score = std::max(std::min(1.0f, f->score + settings_.raise_by), settings_.raise_min);
    f->context = true;
  }
  if (!lower_.empty() && (Found(lower_, window->before) || Found(lower_, window->after))) {
    f->score = std::max(0.0f, f->score - settings_.lower_by);
  }
}

}  // namespace winnow::pii
