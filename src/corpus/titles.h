// Headlines quoted in a text: each position whose next three words start
// a work's title (a bitmap probe, then the sorted title table) is compared
// with the whole title. A whole title of at least options.min_title_words
// words is a kTitle match, unless it lies inside a copy of the same work
// already in *out; other works with the same title count in `also`.
// Thread-compatible.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "corpus/index_impl.h"
#include "text/tokenizer.h"
#include "winnow/corpus.h"

namespace winnow::corpus {

// Appends to *out (which holds the text's copies). `hashes` are the tokens'
// hashes.
Status FindTitles(const IndexImpl& index, const MatchOptions& options, std::span<const text::Token> tokens,
                  std::span<const uint64_t> hashes, std::vector<CorpusMatch>* out);

}  // namespace winnow::corpus
