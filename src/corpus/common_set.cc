#include "corpus/common_set.h"

#include <bit>

namespace winnow::corpus {

CommonSet::CommonSet(std::span<const uint64_t> keys) {
  if (keys.empty()) return;
  const uint64_t capacity = std::bit_ceil(keys.size() * 2 + 2);
  table_.assign(capacity, kEmpty);
  mask_ = capacity - 1;
  for (uint64_t key : keys) {
    if (key == kEmpty) continue;
    uint64_t i = key & mask_;
    while (table_[i] != kEmpty && table_[i] != key) i = (i + 1) & mask_;
    if (table_[i] == kEmpty) {
      table_[i] = key;
      ++size_;
    }
  }
}

}  // namespace winnow::corpus
