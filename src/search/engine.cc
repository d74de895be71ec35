// TermSet and TermMatcher: ownership and lifecycle. Compiling is in
// engine_compile.cc, scanning in engine_match.cc, verifying candidates in
// engine_verify.cc, evaluating the term trees in engine_eval.cc (overview in
// engine_internal.h).
#include "search/engine.h"

#include <hs/hs.h>

#include <utility>

#include "search/engine_internal.h"

namespace winnow::search {

TermSet::Impl::~Impl() {
  if (db_all != db_fragments && db_all != db_regex) hs_free_database(db_all);
  hs_free_database(db_fragments);
  hs_free_database(db_regex);
  for (hs_database_t* db : regex_anchored) hs_free_database(db);
}

TermSet::TermSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TermSet::~TermSet() = default;

size_t TermSet::size() const { return impl_->terms.size(); }
const Term& TermSet::term(size_t i) const { return impl_->terms[i]; }

TermMatcher::TermMatcher(std::shared_ptr<const TermSet> set)
    : impl_(std::make_unique<Impl>(std::move(set))) {}
TermMatcher::~TermMatcher() = default;

Status TermMatcher::Match(const Document& doc, std::vector<TermHit>* hits) { return impl_->Match(doc, hits); }

}  // namespace winnow::search
