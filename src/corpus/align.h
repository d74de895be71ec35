// Word alignment for seed-and-extend matching. Words are compared by their
// 64-bit hashes. Two procedures:
//  - AlignGlobal: an optimal (unit-cost edit distance) alignment of two
//    short word sequences, used to bridge the gap between two seeds;
//  - ExtendForward: an X-drop extension (as in BLAST) from a fixed start,
//    within a band around the main diagonal, scoring +1 for an equal word
//    and -1 for a substitution, insertion or deletion; it stops once the
//    score falls `xdrop` below the best seen and returns the best-scoring
//    prefix, which therefore ends on an equal word (or is empty).
// Both append edit operations; pure functions with caller-owned scratch,
// thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace winnow::corpus {

enum class Op : uint8_t {
  kMatch,  // equal words
  kSub,    // a query word aligned to a different work word
  kIns,    // a query word with no work word
  kDel,    // a work word with no query word
};

struct AlignScratch {
  std::vector<int32_t> score;
  std::vector<uint8_t> trace;
  std::vector<Op> ops;
};

// Appends to *ops an alignment of all of `a` (query) with all of `b` (work)
// with the fewest edits. Sequences whose product exceeds 4M cells are
// aligned naively (substitutions then indels) to bound time.
void AlignGlobal(std::span<const uint64_t> a, std::span<const uint64_t> b, AlignScratch* scratch,
                 std::vector<Op>* ops);

struct Extension {
  size_t a_len = 0, b_len = 0;  // words of a and b in the best prefix alignment
};

// Extends from the start of `a` and `b`; appends the best prefix's
// operations to *ops in order.
Extension ExtendForward(std::span<const uint64_t> a, std::span<const uint64_t> b, int band, int xdrop,
                        AlignScratch* scratch, std::vector<Op>* ops);

// The same, extending leftwards from the end of `a` and `b`; the operations
// appended are in left-to-right order.
Extension ExtendBackward(std::span<const uint64_t> a, std::span<const uint64_t> b, int band, int xdrop,
                         AlignScratch* scratch, std::vector<Op>* ops);

}  // namespace winnow::corpus
