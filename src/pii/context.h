// The context step of detection: words near a finding that raise its score
// ("ssn" before nine digits) or lower it ("order" before a number).
//
// Words are runs of ASCII letters and digits and of non-ASCII bytes; ASCII
// is compared case-insensitively. A context word also matches the word with
// a plural or past ending (s, es, d, ed: "phone" matches "phones"), so those
// need no list of their own. A phrase matches consecutive words. The window
// stays within the finding's sentence: it stops at a full stop, question or
// exclamation mark followed by white space and a capital letter, and at a
// blank line ("passport no. 123" keeps its cue; "... failed. Call 555"
// does not see "failed").
//
// Thread safety: a ContextMatcher is immutable; Apply() uses the caller's
// ContextWindow as working memory.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pii/detector.h"

namespace winnow::pii {

// The words around one finding (reused between calls): views of the text,
// compared without ASCII case, so the window costs no allocation.
struct ContextWindow {
  std::vector<std::string_view> before;  // in text order
  std::vector<std::string_view> after;
};

// Splits `text` into lower-cased words (see above), appending to *out.
void ContextWordsOf(std::string_view text, std::vector<std::string>* out);

class ContextMatcher {
 public:
  ContextMatcher() = default;
  explicit ContextMatcher(const ContextWords& words);

  // Raises or lowers f->score by the words within the window around
  // [f->begin, f->end) of `text`; sets f->context when raised.
  void Apply(std::string_view text, ContextWindow* window, Finding* f) const;

  bool empty() const { return raise_.empty() && lower_.empty(); }

 private:
  using Phrase = std::vector<std::string>;
  static bool Found(const std::vector<Phrase>& phrases, const std::vector<std::string_view>& words);
  std::vector<Phrase> raise_, lower_;
  ContextWords settings_;
};

}  // namespace winnow::pii
