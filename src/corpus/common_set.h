// CommonSet: the k-gram hashes a corpus index excludes from winnowing
// (phrases found in many works: boilerplate, bylines, formulae). Built once
// from a list; a blocked Bloom filter of about 8 bits per key (two bits in
// one 64-bit word, small enough for the L2 cache) turns away almost every
// k-gram that is not in the set, and an open-addressing table answers for
// the rest. Immutable after construction; thread-safe to read.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "corpus/kgram.h"

namespace winnow::corpus {

class CommonSet {
 public:
  // Only k-grams hashing below this are ever excluded. Winnowing keeps
  // window minima, and a k-gram in the top three quarters of the hash range
  // is the least of its 18-k-gram window with probability under 0.04%: not
  // worth a lookup per word. Build and match apply the same rule, so the
  // winnowing guarantee is unchanged; such a common k-gram that does become
  // a minimum is only marked common in the table.
  static constexpr uint64_t kCheckedBelow = uint64_t{1} << 62;

  CommonSet() = default;
  // `keys`: any order, duplicates allowed; keys at or above kCheckedBelow
  // are left out.
  explicit CommonSet(std::span<const uint64_t> keys);

  bool Contains(uint64_t hash) const {
    if (mask_ == 0 || hash >= kCheckedBelow) return false;
    return MayContain(hash) && InTable(hash);
  }
  size_t size() const { return size_; }

  // Overwrites every k-gram in the set with kExcluded. Probes the filter
  // a few k-grams ahead and the table only for the filter's hits, with
  // prefetches, so that the misses of a long text overlap.
  void Exclude(std::vector<uint64_t>* kgrams) const;

 private:
  bool MayContain(uint64_t hash) const {
    const uint64_t bits = FilterBits(hash);
    return (bitmap_[(hash >> 40) & word_mask_] & bits) == bits;
  }
  bool InTable(uint64_t hash) const {
    for (uint64_t i = hash & mask_;; i = (i + 1) & mask_) {
      if (table_[i] == hash) return true;
      if (table_[i] == kEmpty) return false;
    }
  }

  // kExcluded never enters the set (it is not a fingerprint), so it marks an
  // empty slot.
  static constexpr uint64_t kEmpty = kExcluded;
  std::vector<uint64_t> table_;
  uint64_t mask_ = 0;
  // The filter word of a hash is chosen by bits 40-61, the two bits in it
  // by bits 0-5 and 6-11 (the table uses the low bits too, but a k-gram
  // hash is mixed: the filter and the table are independent enough).
  static uint64_t FilterBits(uint64_t hash) {
    return (uint64_t{1} << (hash & 63)) | (uint64_t{1} << ((hash >> 6) & 63));
  }
  std::vector<uint64_t> bitmap_;
  uint64_t word_mask_ = 0;
  size_t size_ = 0;
};

}  // namespace winnow::corpus
