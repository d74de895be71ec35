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

// Up to `n` words of text ending at `end`, in text order.
void WordsBefore(std::string_view text, size_t end, int n, std::vector<std::string>* out) {
  out->clear();
  size_t i = end;
  while (n-- > 0) {
    while (i > 0 && !WordByte(static_cast<unsigned char>(text[i - 1]))) --i;
    if (i == 0) break;
    size_t stop = i;
    while (i > 0 && WordByte(static_cast<unsigned char>(text[i - 1]))) --i;
    out->push_back(LowerWord(text.substr(i, stop - i)));
  }
  std::reverse(out->begin(), out->end());
}

void WordsAfter(std::string_view text, size_t begin, int n, std::vector<std::string>* out) {
  out->clear();
  size_t i = begin;
  while (n-- > 0) {
    while (i < text.size() && !WordByte(static_cast<unsigned char>(text[i]))) ++i;
    if (i == text.size()) break;
    size_t start = i;
    while (i < text.size() && WordByte(static_cast<unsigned char>(text[i]))) ++i;
    out->push_back(LowerWord(text.substr(start, i - start)));
  }
}

bool WordMatches(const std::string& word, const std::string& want) {
  if (word.size() < want.size() || word.size() > want.size() + 2) return false;
  if (word.size() > want.size() && want.size() < 3) return false;
  return word.compare(0, want.size(), want) == 0;
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

bool ContextMatcher::Found(const std::vector<Phrase>& phrases, const std::vector<std::string>& words) {
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
