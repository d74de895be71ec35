// CommonSet: the k-gram hashes a corpus index excludes from winnowing
// (phrases found in many works: boilerplate, bylines, formulae). Built once
// from a list; a bitmap of about 16 bits per key (small enough for the L2
// cache) turns away almost every k-gram that is not in the set, and an
// open-addressing table answers for the rest. Immutable after construction; thread-safe to read.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "corpus/kgram.h"

namespace winnow::corpus {

class CommonSet {
 public:
  CommonSet() = default;
  // `keys`: any order, duplicates allowed.
  explicit CommonSet(std::span<const uint64_t> keys);

  bool Contains(uint64_t hash) const {
    if (mask_ == 0) return false;
    const uint64_t bit = hash >> bits_shift_;
    if (!((bitmap_[bit >> 6] >> (bit & 63)) & 1)) return false;
    for (uint64_t i = hash & mask_;; i = (i + 1) & mask_) {
      if (table_[i] == hash) return true;
      if (table_[i] == kEmpty) return false;
    }
  }
  size_t size() const { return size_; }

  // Overwrites every k-gram in the set with kExcluded.
  void Exclude(std::vector<uint64_t>* kgrams) const {
    if (size_ == 0) return;
    for (uint64_t& h : *kgrams) {
      if (Contains(h)) h = kExcluded;
    }
  }

 private:
  // kExcluded never enters the set (it is not a fingerprint), so it marks an
  // empty slot.
  static constexpr uint64_t kEmpty = kExcluded;
  std::vector<uint64_t> table_;
  uint64_t mask_ = 0;
  std::vector<uint64_t> bitmap_;  // bit (hash >> bits_shift_) is set for every key
  int bits_shift_ = 63;
  size_t size_ = 0;
};

}  // namespace winnow::corpus
