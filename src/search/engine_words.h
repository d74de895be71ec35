// One word pattern of a phrase, compiled: how a text word is compared with
// it (query.h: literal, wildcard, stem, fuzzy) and which literal fragment
// the candidate scan looks for.
//
// A fragment is a necessary condition: every text word the pattern matches
// contains it (folded), at the start of the word for kWordStart and
// kWholeWord, anywhere for kInside. The exact comparison (MatchWord) then
// decides, so the scan's own case and boundary rules never do.
//
// Thread safety: CompiledWord is immutable after CompileWord; a WordScratch
// (it owns a Snowball stemmer, which is not thread-safe) belongs to one
// thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "search/query.h"

struct sb_stemmer;

namespace winnow::search::internal {

// Where the fragment sits in any matching word.
enum class Anchor : uint8_t {
  kWholeWord,  // the fragment is the whole folded word (literal words)
  kWordStart,  // the word starts with it
  kInside,     // the word contains it
};

struct Fragment {
  std::string bytes;  // folded, UTF-8
  Anchor anchor = Anchor::kInside;
};

struct CompiledWord {
  WordPattern::Kind kind = WordPattern::Kind::kLiteral;
  std::u32string cps;   // folded: literal word, wildcard (with '*' '?'), fuzzy prefix
  std::u32string rest;  // kFuzzy: the folded rest without '%'
  int max_edits = 0;    // kFuzzy: number of '%'
  std::string stem;     // kStem: stem of the folded pattern
  std::string ascii;    // kLiteral of ASCII letters and digits: the word, lowercase
  // Fragments the scan looks for; a matching word contains at least one
  // (all but kFuzzy pieces have exactly one). Empty: no usable fragment.
  std::vector<Fragment> fragments;
  int score = 0;  // how selective the fragments are (higher: fewer candidates)
};

// Owns a Snowball English stemmer (UTF-8) and buffers.
class WordScratch {
 public:
  WordScratch();
  ~WordScratch();
  WordScratch(const WordScratch&) = delete;
  WordScratch& operator=(const WordScratch&) = delete;

  // Snowball English stem of a folded UTF-8 word.
  std::string_view Stem(std::string_view folded_word);

  std::u32string cps;
  std::string utf8;
  std::vector<int> row;

 private:
  sb_stemmer* stemmer_;
};

// Compiles one pattern word. A kLiteral text holding several words (the
// parser splits them; this is defensive) becomes several CompiledWords.
void CompileWord(const WordPattern& w, WordScratch* scratch, std::vector<CompiledWord>* out);

// True when the text word `word` (original bytes, exactly one word) matches.
bool MatchWord(const CompiledWord& pat, std::string_view word, WordScratch* scratch);

// Glob match of folded code points: '?' one code point, '*' any run.
bool GlobMatch(std::u32string_view pattern, std::u32string_view text);

// Levenshtein distance of a and b if at most k, else k + 1.
int BoundedLevenshtein(std::u32string_view a, std::u32string_view b, int k, std::vector<int>* row);

}  // namespace winnow::search::internal
