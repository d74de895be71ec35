// WorkCache: the works a Matcher aligns against, decompressed and
// tokenized, kept for reuse (least recently used out). One per Matcher,
// not thread-safe. Pointers it returns stay valid until the next Load.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "corpus/index_impl.h"
#include "text/tokenizer.h"
#include "winnow/status.h"

namespace winnow::corpus {

struct CachedWork {
  uint32_t work = UINT32_MAX;
  uint64_t used = 0;
  std::vector<text::Token> tokens;
  std::vector<uint64_t> hashes;    // tokens[i].hash
  std::vector<uint64_t> shingles;  // word 5-gram hashes, sorted, unique; filled when first needed
};

class WorkCache {
 public:
  WorkCache(const IndexImpl& index, size_t capacity) : index_(index), cache_(capacity) {}

  // The work, decoded now or earlier. Corruption if its text block is
  // damaged.
  StatusOr<CachedWork*> Load(uint32_t work);

 private:
  const IndexImpl& index_;
  std::vector<CachedWork> cache_;
  std::string text_;
  uint64_t clock_ = 0;
};

}  // namespace winnow::corpus
