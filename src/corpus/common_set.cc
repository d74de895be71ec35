#include "corpus/common_set.h"

#include <algorithm>
#include <bit>

namespace winnow::corpus {

CommonSet::CommonSet(std::span<const uint64_t> keys) {
  if (keys.empty()) return;
  const uint64_t capacity = std::bit_ceil(keys.size() * 2 + 2);
  table_.assign(capacity, kEmpty);
  mask_ = capacity - 1;
  const uint64_t words = std::min<uint64_t>(uint64_t{1} << 22, std::bit_ceil(keys.size() / 8 + 1));
  bitmap_.assign(words, 0);
  word_mask_ = words - 1;
  for (uint64_t key : keys) {
    if (key >= kCheckedBelow) continue;
    uint64_t i = key & mask_;
    while (table_[i] != kEmpty && table_[i] != key) i = (i + 1) & mask_;
    if (table_[i] == kEmpty) {
      table_[i] = key;
      ++size_;
    }
    bitmap_[(key >> 40) & word_mask_] |= FilterBits(key);
  }
}

void CommonSet::Exclude(std::vector<uint64_t>* kgrams) const {
  if (size_ == 0) return;
  constexpr size_t kAhead = 16;
  uint64_t* h = kgrams->data();
  const size_t n = kgrams->size();
  thread_local std::vector<uint32_t> hits;
  hits.clear();
  for (size_t i = 0; i < n; ++i) {
    if (i + kAhead < n && h[i + kAhead] < kCheckedBelow) __builtin_prefetch(&bitmap_[(h[i + kAhead] >> 40) & word_mask_]);
    if (h[i] < kCheckedBelow && MayContain(h[i])) {
      __builtin_prefetch(&table_[h[i] & mask_]);
      hits.push_back(static_cast<uint32_t>(i));
    }
  }
  for (uint32_t i : hits) {
    if (InTable(h[i])) h[i] = kExcluded;
  }
}

}  // namespace winnow::corpus
