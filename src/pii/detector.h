// The contract between the de-identification engine and its detectors.
//
// A detector finds one or more kinds of personal data (Presidio's entity
// names: EMAIL_ADDRESS, PHONE_NUMBER, ...). It works in four steps:
//   1. candidates: the regexes it returns from Patterns() are compiled, with
//      every other detector's, into one Hyperscan database; one pass over the
//      text reports each candidate (leftmost start, longest end);
//   2. validation: Validate() checks a candidate (checksums, ranges, parsing)
//      and appends zero or more Findings with a base score;
//   3. context: the engine raises the score of a finding whose type has
//      context words (ContextWords()) in the few words before or after it,
//      and applies the detector's negative words the same way (lowering);
//   4. threshold: findings scoring below the type's threshold are dropped,
//      and overlapping findings are resolved (higher score, then longer).
// A detector that does not start from patterns (PERSON) also implements
// Scan(), which sees the whole text and the findings of the other detectors.
//
// Adding a detector is one file in src/pii/detectors/ that defines a class
// and a factory, plus the factory's line in detectors/registry.cc.
//
// Thread safety: detectors are immutable after construction; the engine
// calls Validate() and Scan() from many threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::pii {

// One candidate pattern. `regex` is in Hyperscan syntax; `flags` are
// HS_FLAG_* bits (the engine always adds HS_FLAG_SOM_LEFTMOST).
// `tag` is handed back to Validate() with each candidate.
struct Pattern {
  std::string regex;
  unsigned flags = 0;
  int tag = 0;
};

// A candidate: the bytes [begin, end) of the text matched pattern `tag`.
struct Candidate {
  uint32_t begin = 0;
  uint32_t end = 0;
  int tag = 0;
};

// A piece of personal data found in a text. Offsets are bytes of the text
// (UTF-8); the engine converts them to code points for output. `type`,
// `detector` and `subtype` point to static storage.
struct Finding {
  std::string_view type;      // Presidio entity name, "EMAIL_ADDRESS"
  std::string_view detector;  // the detector's name, "email"
  std::string_view subtype;   // optional kind: "visa", "ipv6", "aws", ...
  uint32_t begin = 0;
  uint32_t end = 0;
  float score = 0;            // 0..1
  bool context = false;       // set by the engine when context words raised the score
};

// What a detector may know about the text besides its bytes.
struct DetectContext {
  std::string_view text;
  // Region hint for phone numbers and the like ("US", "DE"; empty: none),
  // from the entry's locale when the source records one.
  std::string_view region;
  // Names (PERSON values, as written) already found earlier in the same
  // conversation; may be null.
  const std::vector<std::string>* known_names = nullptr;
};

// Words whose presence near a finding changes its score. Words are
// lower case; a phrase ("social security") matches consecutive words.
struct ContextWords {
  std::vector<std::string_view> raise;  // "ssn", "social security", ...
  std::vector<std::string_view> lower;  // "order", "invoice", ... (negative context)
  int words_before = 5;
  int words_after = 2;
  float raise_by = 0.35f;   // added to the score, capped at 1
  float raise_min = 0.4f;   // a finding with context scores at least this
  float lower_by = 0.3f;    // subtracted when a negative word is near
};

class Detector {
 public:
  virtual ~Detector() = default;

  // A short lower-case name ("email", "phone", "us_ssn").
  virtual std::string_view Name() const = 0;

  // The entity types this detector can report.
  virtual std::vector<std::string_view> Types() const = 0;

  // Candidate patterns; may be empty for a Scan()-only detector.
  virtual std::vector<Pattern> Patterns() const { return {}; }

  // Checks one candidate of this detector's patterns and appends findings
  // (usually one, spanning the candidate or a trimmed part of it).
  virtual void Validate(const DetectContext& ctx, const Candidate& c, std::vector<Finding>* out) const {
    (void)ctx; (void)c; (void)out;
  }

  // Called once per text after every candidate is validated, with the
  // findings so far (sorted by begin). Appends its own findings.
  virtual void Scan(const DetectContext& ctx, std::span<const Finding> found,
                    std::vector<Finding>* out) const {
    (void)ctx; (void)found; (void)out;
  }

  // Context words for `type`; empty lists mean no context step.
  virtual ContextWords Context(std::string_view type) const { (void)type; return {}; }

  // The default threshold for `type`.
  virtual float Threshold(std::string_view type) const { (void)type; return 0.5f; }

  // The value of a finding in the form that makes the same datum compare
  // equal however it was written (lower-case email, E.164 phone, digits of
  // a card), for pseudonyms. The default folds ASCII case and collapses
  // white space.
  virtual std::string Normalize(std::string_view type, std::string_view value) const;
};

// Every detector winnow ships, in a stable order (registry.cc).
std::vector<std::unique_ptr<Detector>> AllDetectors();

// Helpers shared by detectors (detector.cc).

// True when the byte before `pos` (if any) is not an ASCII letter or digit
// and the byte at `end` (if any) is not either.
bool AsciiWordBounded(std::string_view text, size_t pos, size_t end);

// `value` with ASCII letters lower-cased and runs of white space collapsed
// to one space, trimmed (Detector::Normalize's default).
std::string FoldAndCollapse(std::string_view value);

inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiAlnum(char c) {
  return IsAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// True when [begin, end) of `text` is a whole token, not the inside of a
// longer one: no letter, digit or '_' touches it; no digit is joined to it
// by '-', '.' or '/', nor a word before it (the tail of a path, slug or file
// name: "...-bank-72500105"); and it is no "#123456" issue or order
// reference ("acct#" and "dl#" are fine). For identifier numbers.
bool NumberBounded(std::string_view text, size_t begin, size_t end);

// Only the ASCII digits of `s`.
std::string DigitsOf(std::string_view s);

// Luhn checksum of a digit string.
bool LuhnValid(std::string_view digits);

}  // namespace winnow::pii
