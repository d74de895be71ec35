#include "search/engine_words.h"

#include <libstemmer.h>

#include <algorithm>
#include <string_view>

#include "search/engine_segment.h"
#include "search/engine_text.h"

namespace winnow::search::internal {
namespace {

// Very common English words: a phrase is anchored on another word when it
// has one, since these hit almost every line.
constexpr std::string_view kCommonWords[] = {
    "a",     "about", "after", "all",   "also",  "an",   "and",  "any",  "are",   "as",   "at",   "be",
    "been",  "but",   "by",    "can",   "could", "do",   "for",  "from", "had",   "has",  "have", "he",
    "her",   "his",   "how",   "i",     "if",    "in",   "into", "is",   "it",    "its",  "just", "like",
    "more",  "most",  "my",    "new",   "no",    "not",  "now",  "of",   "on",    "one",  "only", "or",
    "other", "our",   "out",   "over",  "said",  "she",  "so",   "some", "than",  "that", "the",  "their",
    "them",  "then",  "there", "these", "they",  "this", "time", "to",   "two",   "up",   "us",   "was",
    "we",    "were",  "what",  "when",  "which", "who",  "will", "with", "would", "year", "you",  "your",
    "s",     "t",     "de",    "la",    "le",    "et",
};

bool IsCommonWord(std::string_view folded) {
  for (std::string_view w : kCommonWords) {
    if (w == folded) return true;
  }
  return false;
}

std::string Utf8Of(std::u32string_view cps) {
  std::string out;
  for (char32_t c : cps) AppendUtf8(c, &out);
  return out;
}

void AddLiteral(std::string_view text, std::vector<CompiledWord>* out) {
  std::vector<uint32_t> starts, ends;
  SplitWords(text, &starts, &ends);
  for (size_t i = 0; i < starts.size(); ++i) {
    CompiledWord& cw = out->emplace_back();
    cw.kind = WordPattern::Kind::kLiteral;
    FoldToCps(text.substr(starts[i], ends[i] - starts[i]), &cw.cps);
    Fragment f{Utf8Of(cw.cps), Anchor::kWholeWord};
    bool ascii = true;
    for (unsigned char b : f.bytes) ascii = ascii && IsAsciiAlnum(b);
    if (ascii) cw.ascii = f.bytes;
    cw.score = static_cast<int>(f.bytes.size()) + 1 - (IsCommonWord(f.bytes) ? 20 : 0);
    cw.fragments.push_back(std::move(f));
  }
}

// The stem S of a word and the stems of its inflections share their first
// |S| - 1 characters (checked over 1.5 million real and generated English
// words), except dying/lying/tying -> die/lie/tie, which share |S| - 2.
size_t StemPrefixLength(const std::u32string& stem) {
  if (stem == U"die" || stem == U"lie" || stem == U"tie") return 1;
  return stem.size() > 1 ? stem.size() - 1 : stem.size();
}

}  // namespace

WordScratch::WordScratch() : stemmer_(sb_stemmer_new("english", "UTF_8")) {}
WordScratch::~WordScratch() {
  if (stemmer_ != nullptr) sb_stemmer_delete(stemmer_);
}

std::string_view WordScratch::Stem(std::string_view folded_word) {
  if (stemmer_ == nullptr) return folded_word;
  const sb_symbol* s = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(folded_word.data()),
                                       static_cast<int>(folded_word.size()));
  if (s == nullptr) return folded_word;  // out of memory: compare unstemmed
  return {reinterpret_cast<const char*>(s), static_cast<size_t>(sb_stemmer_length(stemmer_))};
}

void CompileWord(const WordPattern& w, WordScratch* scratch, std::vector<CompiledWord>* out) {
  using Kind = WordPattern::Kind;
  if (w.kind == Kind::kLiteral ||
      (w.kind == Kind::kWildcard && w.text.find_first_of("*?") == std::string::npos) ||
      (w.kind == Kind::kFuzzy && w.text.find('%') == std::string::npos)) {
    AddLiteral(w.text, out);
    return;
  }
  CompiledWord& cw = out->emplace_back();
  cw.kind = w.kind;
  FoldToCps(w.text, &cw.cps);
  if (w.kind == Kind::kWildcard) {
    // The longest run of fixed characters.
    size_t best = 0, best_len = 0;
    for (size_t i = 0; i < cw.cps.size();) {
      if (cw.cps[i] == U'*' || cw.cps[i] == U'?') {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < cw.cps.size() && cw.cps[j] != U'*' && cw.cps[j] != U'?') ++j;
      const size_t len = Utf8Of(std::u32string_view(cw.cps).substr(i, j - i)).size();
      if (len > best_len) best = i, best_len = len;
      i = j;
    }
    if (best_len == 0) return;
    size_t end = best;
    while (end < cw.cps.size() && cw.cps[end] != U'*' && cw.cps[end] != U'?') ++end;
    Fragment f{Utf8Of(std::u32string_view(cw.cps).substr(best, end - best)),
               best == 0 ? Anchor::kWordStart : Anchor::kInside};
    cw.score = static_cast<int>(f.bytes.size()) - (best == 0 ? 0 : 1);
    cw.fragments.push_back(std::move(f));
  } else if (w.kind == Kind::kStem) {
    std::string folded;
    FoldToUtf8(w.text, &folded);
    cw.stem = std::string(scratch->Stem(folded));
    std::u32string stem_cps;
    FoldToCps(cw.stem, &stem_cps);
    if (stem_cps.empty()) return;
    Fragment f{Utf8Of(std::u32string_view(stem_cps).substr(0, StemPrefixLength(stem_cps))),
               Anchor::kWordStart};
    cw.score = static_cast<int>(f.bytes.size());
    cw.fragments.push_back(std::move(f));
  } else {  // kFuzzy
    const size_t first = cw.cps.find(U'%');
    std::u32string prefix = cw.cps.substr(0, first);
    for (size_t i = first; i < cw.cps.size(); ++i) {
      if (cw.cps[i] == U'%') {
        ++cw.max_edits;
      } else {
        cw.rest.push_back(cw.cps[i]);
      }
    }
    cw.cps = std::move(prefix);
    if (!cw.cps.empty()) {
      Fragment f{Utf8Of(cw.cps), Anchor::kWordStart};
      cw.score = static_cast<int>(f.bytes.size());
      cw.fragments.push_back(std::move(f));
      return;
    }
    // A word within k edits of the rest holds one of k + 1 pieces of it.
    const size_t pieces = static_cast<size_t>(cw.max_edits) + 1;
    if (cw.rest.size() < pieces) return;
    int min_bytes = 1 << 30;
    for (size_t p = 0; p < pieces; ++p) {
      const size_t from = cw.rest.size() * p / pieces, to = cw.rest.size() * (p + 1) / pieces;
      Fragment f{Utf8Of(std::u32string_view(cw.rest).substr(from, to - from)), Anchor::kInside};
      min_bytes = std::min(min_bytes, static_cast<int>(f.bytes.size()));
      cw.fragments.push_back(std::move(f));
    }
    cw.score = min_bytes - static_cast<int>(pieces);
  }
}

bool MatchWord(const CompiledWord& pat, std::string_view word, WordScratch* scratch) {
  using Kind = WordPattern::Kind;
  switch (pat.kind) {
    case Kind::kLiteral: {
      size_t i = 0, k = 0;
      while (i < word.size()) {
        if (k == pat.cps.size() || Fold(NextCp(word, &i)) != pat.cps[k]) return false;
        ++k;
      }
      return k == pat.cps.size();
    }
    case Kind::kWildcard:
      FoldToCps(word, &scratch->cps);
      return GlobMatch(pat.cps, scratch->cps);
    case Kind::kStem:
      FoldToUtf8(word, &scratch->utf8);
      return scratch->Stem(scratch->utf8) == pat.stem;
    case Kind::kFuzzy: {
      FoldToCps(word, &scratch->cps);
      const std::u32string_view w = scratch->cps;
      if (w.substr(0, pat.cps.size()) != pat.cps) return false;
      return BoundedLevenshtein(w.substr(pat.cps.size()), pat.rest, pat.max_edits, &scratch->row) <=
             pat.max_edits;
    }
  }
  return false;
}

bool GlobMatch(std::u32string_view pattern, std::u32string_view text) {
  constexpr size_t kNone = ~size_t{0};
  size_t p = 0, t = 0, star = kNone, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == U'*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && (pattern[p] == U'?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (star != kNone) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == U'*') ++p;
  return p == pattern.size();
}

int BoundedLevenshtein(std::u32string_view a, std::u32string_view b, int k, std::vector<int>* row) {
  const auto n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (n - m > k || m - n > k) return k + 1;
  row->resize(static_cast<size_t>(m) + 1);
  std::vector<int>& d = *row;
  for (int j = 0; j <= m; ++j) d[j] = j;
  for (int i = 1; i <= n; ++i) {
    int diag = d[0];
    d[0] = i;
    int best = d[0];
    for (int j = 1; j <= m; ++j) {
      const int up = d[j];
      d[j] = std::min({up + 1, d[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
      best = std::min(best, d[j]);
    }
    if (best > k) return k + 1;
  }
  return std::min(d[m], k + 1);
}

}  // namespace winnow::search::internal
