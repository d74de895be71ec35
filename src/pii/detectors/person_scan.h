// The state of one PersonDetector::Scan() call (person.cc): the tokens read
// from the text (person.cc) and how runs of them are scored into findings
// (person_score.cc).
//
// A PersonScan lives for one call on one thread. Its buffers belong to a
// per-thread PersonScratch that is cleared, not freed, between calls, so a
// scan allocates only when a text is larger than any before it on that
// thread.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pii/detector.h"
#include "pii/detectors/person_cues.h"
#include "pii/detectors/person_names.h"

namespace winnow::pii {

enum class PersonKind : uint8_t { kWord, kInitial, kParticle, kHonorific, kStop, kHead, kPrefix };

struct PersonToken {
  uint32_t begin = 0;
  uint32_t end = 0;       // without a trailing "." or possessive "'s"
  uint32_t next = 0;      // where the gap to the next token starts (after the ".")
  PersonKind kind = PersonKind::kWord;
  uint8_t flags = 0;      // NameFlag bits; 0: not in the gazetteer
  bool uncased = false;   // a script without case (Arabic, Hebrew, ...)
  bool seen = false;      // matches a name found earlier (text or conversation)
  bool product = false;   // named as software or a product in this text (MarkProducts)
};

// What PersonScan::AddToken needs to know of a capitalized word as
// written: its class, and its NameFlag bits when that is kNone or
// kParticle (from the gazetteer, else GuessNameFlags). A pure function of the word, cached per
// thread (chat repeats its capitalized words).
struct PersonWordInfo {
  CueWord cls = CueWord::kNone;
  uint8_t flags = 0;
};

PersonWordInfo ClassifyPersonWord(std::string_view word);

// The buffers of the scans of one thread.
struct PersonScratch {
  using WordCache = ShortWordCache<PersonWordInfo, 2048>;
  std::unique_ptr<WordCache> words = std::make_unique<WordCache>();  // ClassifyPersonWord
  std::vector<PersonToken> tokens;
  std::vector<std::pair<size_t, size_t>> rejected;  // segments for the second pass
  WordTable seen{16};                               // folded words of names found
  WordTable email_parts{16};                        // folded parts of emails' local parts
  WordTable products{16};                           // folded words named as products
  std::vector<Finding> mine;
  std::vector<uint32_t> uncased_starts;             // runs of words of scripts without case
  std::vector<NameSpan> spans;
  std::string fold;

  // This thread's scratch, emptied.
  static PersonScratch& Get();
};

class PersonScan {
 public:
  PersonScan(const DetectContext& ctx, std::span<const Finding> found);

  // Appends the PERSON findings of the text to *out.
  void Run(std::vector<Finding>* out);

 private:
  using Token = PersonToken;
  using Kind = PersonKind;

  // person.cc: reading the text.
  void Collect();
  void AddToken(const NameWord& w);
  void LowerCaseAfterCue(size_t at);
  void AddSeen(std::string_view name);
  void AddEmailParts(std::string_view email);
  bool Seen(const Token& t);
  bool ProductContext(const Token& t) const;
  void MarkProducts();

  // person_score.cc: scoring runs of tokens.
  void Evaluate(size_t first, size_t last, bool second_pass);
  float Score(size_t first, size_t last, bool honorific);
  bool Overlaps(uint32_t b, uint32_t e) const;
  bool HouseNumberAfter(uint32_t e) const;
  bool InSurnameList(const Token& t) const;
  void Emit(uint32_t b, uint32_t e, float score);

  std::string_view text_;
  std::span<const Finding> found_;
  const NameGazetteer& names_;
  PersonScratch& scratch_;
  std::vector<Token>& tokens_;
  std::vector<std::pair<size_t, size_t>>& rejected_;
  WordTable& seen_;
  WordTable& email_parts_;
  WordTable& products_;
  std::vector<Finding>& mine_;
  std::vector<uint32_t>& uncased_starts_;
  std::string& fold_;
  bool any_cjk_ = false;
  size_t uncased_end_ = 0;
  bool any_upper_ = false;   // a capitalized word was seen
  bool lower_mode_ = false;  // the text has no capitals: read every word
};

// Only a space (or ". " after an initial or honorific) between a and b.
bool JoinedTokens(std::string_view text, const PersonToken& a, const PersonToken& b);

}  // namespace winnow::pii
