// The tables of words and phrases that the PERSON detector's cues
// (person_cues.h) look up: the class of a word (CueWord) and what a folded
// word or phrase is (PhraseBit). Built once, on first use (thread-safe
// static initialization); const and thread-safe after.
#pragma once

#include <cstdint>
#include <string_view>

#include "pii/detectors/person_cues.h"
#include "pii/detectors/person_names.h"

namespace winnow::pii {

// Bits of an entry in CueTables::phrases: a cue's score (kCueMask), then
// which of the other lists hold the word or phrase.
enum PhraseBit : uint8_t {
  kCueMask = 7,  // 0: not a cue; else an index into kCueScores
  kAfterBit = 8,
  kSignOffBit = 16,
  kLabelBit = 32,
  kLocativeBit = 64,
  kFinalBit = 128,  // the last word of a cue or a label
};
constexpr float kCueScores[] = {0, 0.2f, 0.3f, 0.4f, 0.45f};  // by kCueMask code

struct Cue {
  std::string_view phrase;
  float score;
};

// Bits of an entry in CueTables::products: words that make a capitalized
// word next to them a software, product or company name, not a person.
enum ProductBit : uint8_t {
  kProductNoun = 1,  // after it: "Docker image", "Watson Developer Cloud API"
  kProductVerb = 2,  // before it: "install Terraform", "deploying Oscar"
};

struct CueTables {
  WordTable words;     // CueWord values of folded words
  WordTable phrases;   // PhraseBit values of folded words and phrases
  WordTable products;  // ProductBit values of folded words

  CueTables();
  static const CueTables& Get();

  uint8_t Phrase(std::string_view folded) const { return phrases.LookupFolded(folded); }
  float CueScore(std::string_view folded) const { return kCueScores[Phrase(folded) & kCueMask]; }
};

}  // namespace winnow::pii
