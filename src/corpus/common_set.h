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
  CommonSet() = default;
  // `keys`: any order, duplicates allowed.
  explicit CommonSet(std::span<const uint64_t> keys);

  bool Contains(uint64_t hash) const {
    if (mask_ == 0) return false;
    const uint64_t bits = FilterBits(hash);
    if ((bitmap_[hash >> word_shift_] & bits) != bits) return false;
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
  // The filter word of a hash is chosen by its top bits, the two bits in it
  // by bits 0-5 and 6-11 (the table uses the low bits too, but a k-gram
  // hash is mixed: the filter and the table are independent enough).
  static uint64_t FilterBits(uint64_t hash) {
    return (uint64_t{1} << (hash & 63)) | (uint64_t{1} << ((hash >> 6) & 63));
  }
  std::vector<uint64_t> bitmap_;
  int word_shift_ = 63;
  size_t size_ = 0;
};

}  // namespace winnow::corpus
