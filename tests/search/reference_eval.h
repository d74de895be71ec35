// A deliberately simple evaluator of search queries, written straight from
// the semantics in search/query.h, against which the Hyperscan engine
// (search/engine.h) is checked. It shares no code with the engine: text is
// decoded code point by code point (an ill-formed byte sequence, taken as
// ICU's U8_NEXT maximal subpart, is one separator code point), split into
// words with ICU character properties, folded with u_foldCase, and words are
// compared directly; wildcards are a recursive glob, stems come from
// libstemmer ("english", UTF-8), fuzzy words from a Levenshtein table, and
// regexes from ICU's RegexMatcher (case-insensitive). It is slow on purpose.
//
// Choices where query.h leaves room, which the engine must share:
//   - word positions are indices of words within their field; a regex span
//     covers the words it overlaps (first: the first word ending after its
//     start; last: the last word starting before its end, so a span inside
//     separators sits "between" two words);
//   - two spans overlap (distance 0) when their word ranges intersect;
//     pre/N needs x to end (in code points) at or before y starts;
//   - a w/N b pairs any x with any y, the same span included, so
//     `apple w/5 apple` matches one "apple";
//   - metadata that is empty (unknown) matches no metadata leaf, `model:*`
//     included; a date matches a bound only when it is at least as long.
// Regexes are only an approximation of Hyperscan's: ICU reports the first
// match from each start where Hyperscan reports every match end, so spans
// may differ and only the match flag of a query with a regex is compared.
// Even flags differ where the two regex dialects do: ICU folds case fully
// (/strasse/ matches "straße", /file/ matches "ﬁle"; Hyperscan folds simply)
// and its \w includes combining marks; the tests avoid such patterns. An
// ill-formed sequence is U+FFFD to the regex (one code point, matched by `.`).
//
// Thread safety: a ReferenceEvaluator holds caches and a stemmer; use one per
// thread. RefDocument is immutable after construction.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "search/engine.h"
#include "search/query.h"
#include "winnow/status.h"

namespace winnow::search::reference {

struct RefResult {
  bool matched = false;
  std::vector<Span> spans;  // sorted, without duplicates
};

// A document decoded and split into words once, for many queries. Copies
// everything it needs from the Document.
class RefDocument {
 public:
  struct Word {
    uint32_t start = 0, end = 0;  // code points of the field's text
    std::u32string folded;
  };
  struct Field {
    TextField kind = TextField::kText;
    std::vector<Word> words;
    std::u16string utf16;             // for ICU's regex matcher
    std::vector<uint32_t> u16_to_cp;  // code-point index of each UTF-16 unit, then the end
  };

  explicit RefDocument(const Document& doc);

  std::vector<Field> fields;
  std::string model, time, user, conversation, entry;
};

// Splits `text` into its words by the rules of query.h (for tests of those
// rules): each word as UTF-8, unfolded.
std::vector<std::string> SplitWords(std::string_view text);

class ReferenceEvaluator {
 public:
  ReferenceEvaluator();
  ~ReferenceEvaluator();
  ReferenceEvaluator(const ReferenceEvaluator&) = delete;
  ReferenceEvaluator& operator=(const ReferenceEvaluator&) = delete;

  // Evaluates `root` on `doc`. Fails with InvalidArgument when ICU rejects a
  // regex of the query.
  StatusOr<RefResult> Evaluate(const Node& root, const RefDocument& doc);
  StatusOr<RefResult> Evaluate(const Node& root, const Document& doc) { return Evaluate(root, RefDocument(doc)); }

  // Word-pattern tests, exposed for unit tests: `word` is one text word.
  bool WordMatches(const WordPattern& pattern, std::string_view word);

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace winnow::search::reference
