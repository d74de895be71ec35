// Loose rewrites: a text of at least options.min_similar_words words, not
// mostly a copy already, whose MinHash sketch (sketch.h) shares at least
// two bins with a work's is checked exactly against up to 8 such works
// (most bins first): the share of its distinct word 5-grams the work holds.
// The best work at or above options.min_similarity is a kSimilar match
// (others above it count in `also`); when more than three works qualify,
// the text is common phrasing and nothing is reported. Works the text
// already copies are skipped. Thread-compatible.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "corpus/index_impl.h"
#include "corpus/work_cache.h"
#include "text/tokenizer.h"
#include "winnow/corpus.h"

namespace winnow::corpus {

// Appends to *out (which holds the text's copies and titles).
Status FindSimilar(const IndexImpl& index, const MatchOptions& options, std::span<const text::Token> tokens,
                   std::span<const uint64_t> hashes, WorkCache* cache, std::vector<CorpusMatch>* out,
                   MatcherStats* stats);

}  // namespace winnow::corpus
