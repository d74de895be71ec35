#include "corpus/common_set.h"

#include <algorithm>
#include <bit>

namespace winnow::corpus {

CommonSet::CommonSet(std::span<const uint64_t> keys) {
  if (keys.empty()) return;
  const uint64_t capacity = std::bit_ceil(keys.size() * 2 + 2);
  table_.assign(capacity, kEmpty);
  mask_ = capacity - 1;
  const uint64_t words = std::max<uint64_t>(2, std::bit_ceil(keys.size() / 8 + 1));
  bitmap_.assign(words, 0);
  word_shift_ = 64 - std::countr_zero(words);
  for (uint64_t key : keys) {
    if (key == kEmpty) continue;
    uint64_t i = key & mask_;
    while (table_[i] != kEmpty && table_[i] != key) i = (i + 1) & mask_;
    if (table_[i] == kEmpty) {
      table_[i] = key;
      ++size_;
    }
    bitmap_[key >> word_shift_] |= FilterBits(key);
  }
}

}  // namespace winnow::corpus
