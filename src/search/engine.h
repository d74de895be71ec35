// The search engine: a whole term set compiled into one Hyperscan database,
// run once over each field of a document; boolean and proximity logic is
// evaluated on the match positions (semantics in search/query.h).
//
// Thread safety: a TermSet is immutable after Compile and shared by threads;
// each thread uses its own TermMatcher (it owns the Hyperscan scratch).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "search/query.h"
#include "winnow/status.h"

namespace winnow::search {

// One text field of a document.
struct DocField {
  TextField kind = TextField::kText;  // not kAny
  uint32_t index = 0;                 // kTools: position in the entry's tools list
  // UTF-8. Ill-formed bytes separate words; regex leaves, which Hyperscan
  // runs in UTF-8 mode, need valid UTF-8 to give defined results (every
  // JSON line and vault entry is valid: the parsers reject anything else).
  std::string_view text;
};

// What a query sees of one entry (or one plain `{"id","text"}` record).
struct Document {
  std::vector<DocField> fields;
  std::string_view model, time, user, conversation, entry;  // time: RFC 3339
};

struct Span {
  uint32_t field = 0;         // index into Document::fields
  uint32_t start = 0, end = 0;  // code points of that field's text, [start, end)
  bool operator==(const Span&) const = default;
  auto operator<=>(const Span&) const = default;
};

// A term that matched a document, with its spans sorted and without
// duplicates (a term made only of metadata or NOT has none).
struct TermHit {
  uint32_t term = 0;  // index into the TermSet
  std::vector<Span> spans;
};

class TermSet {
 public:
  // Compiles the terms into one database. Fails with InvalidArgument naming
  // the term (and its line) when Hyperscan rejects a regex.
  static StatusOr<std::shared_ptr<const TermSet>> Compile(std::vector<Term> terms);
  ~TermSet();

  size_t size() const;
  const Term& term(size_t i) const;

  class Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit TermSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class TermMatcher {
 public:
  explicit TermMatcher(std::shared_ptr<const TermSet> set);
  ~TermMatcher();
  TermMatcher(const TermMatcher&) = delete;
  TermMatcher& operator=(const TermMatcher&) = delete;

  // Clears *hits and appends, in term order, every term that matches `doc`.
  Status Match(const Document& doc, std::vector<TermHit>* hits);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace winnow::search
