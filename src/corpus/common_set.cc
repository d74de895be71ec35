#include "corpus/common_set.h"

#include <algorithm>
#include <bit>

namespace winnow::corpus {

CommonSet::CommonSet(std::span<const uint64_t> keys) {
  if (keys.empty()) return;
  const uint64_t capacity = std::bit_ceil(keys.size() * 2 + 2);
  table_.assign(capacity, kEmpty);
  mask_ = capacity - 1;
  // The bitmap uses the top bits, the table the low bits: independent.
  const uint64_t bits = std::max<uint64_t>(64, std::bit_ceil(keys.size() * 16));
  bitmap_.assign(bits / 64, 0);
  bits_shift_ = 64 - std::countr_zero(bits);
  for (uint64_t key : keys) {
    if (key == kEmpty) continue;
    uint64_t i = key & mask_;
    while (table_[i] != kEmpty && table_[i] != key) i = (i + 1) & mask_;
    if (table_[i] == kEmpty) {
      table_[i] = key;
      ++size_;
    }
    const uint64_t bit = key >> bits_shift_;
    bitmap_[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
}

}  // namespace winnow::corpus
