// The words around a name that tell the PERSON detector (person.cc) what a
// capitalized word is: cues that announce a name ("my name is", "Dear",
// "меня зовут", a letter's sign-off), words that are never part of one
// ("The", "Hi"), and words that make a capitalized phrase a place or an
// organization ("Street", "University", "New ..."). Also the names of
// scripts without case, which only cues can find ("我叫王小明").
//
// The tables are built once, on first use; every function is thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "pii/detectors/person_names.h"

namespace winnow::pii {

enum class CueWord : uint8_t {
  kNone,
  kStop,       // a common word, capitalized at a sentence start ("The", "Hi")
  kHead,       // ends a place or organization name ("Street", "Inc")
  kPrefix,     // starts a place name ("New", "San", "Lake")
  kHonorific,  // "Mr", "Dr", "Frau", "Sra"
  kParticle,   // inside a name ("van", "de", "bin")
};

// The class of `word` (any case).
CueWord WordClass(std::string_view word);
// The same, given the word's fold (for a caller that looks it up elsewhere too).
CueWord WordClass(std::string_view word, const FoldedWord& folded);

// What the words just before text[begin] add to the score of a name that
// starts there: 0.45 for a cue that announces a name ("my name is",
// "Dear", a form's "Name:", a sign-off line above), 0.3 for a greeting or a
// relation ("Hi", "I'm", "my wife"), 0.2 for a verb of speech or contact
// ("said", "met"); 0 for none.
float CueBefore(std::string_view text, uint32_t begin);

// The same for the words just after a name that ends at `end` ("said").
float CueAfter(std::string_view text, uint32_t end);

// 0.3 when the name at [begin, end) is addressed after an interjection
// that starts its line or sentence: "Sure, Grace!", "Of course, Amir!";
// else 0.
float VocativeCue(std::string_view text, uint32_t begin, uint32_t end);

// A name in a script without spaces, found after a cue.
struct NameSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
  float score = 0;
};

// The name that starts at text[start], a word of a script without case
// (a cue came before it, "Dear 伊藤拓也," / "Hi राहुल यादव"): up to two
// words of a spaced script, or a run of up to four Han, kana or Hangul
// characters. Sets *out (score 0.3, 0.4 when the gazetteer knows its first
// word) and returns true, or returns false when nothing there looks like a
// name.
bool UncasedNameAt(std::string_view text, size_t start, const NameGazetteer& names, NameSpan* out);

// Chinese, Japanese and Korean names after cues ("我叫", "私の名前は",
// "제 이름은") or before honorific suffixes ("さん", "先生", "씨"), appended
// to *out.
void FindUncasedNames(std::string_view text, const NameGazetteer& names, std::vector<NameSpan>* out);

}  // namespace winnow::pii
