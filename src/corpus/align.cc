#include "corpus/align.h"

#include <algorithm>
#include <limits>

namespace winnow::corpus {
namespace {

constexpr int32_t kNegInf = std::numeric_limits<int32_t>::min() / 4;
enum : uint8_t { kFromDiag = 0, kFromUp = 1, kFromLeft = 2 };
constexpr int32_t kMatchScore = 1;

// Generic X-drop over accessor functions, so that the backward extension
// reads the sequences from their ends without copying them.
template <typename GetA, typename GetB>
Extension Extend(size_t n, size_t m, GetA get_a, GetB get_b, int band, int xdrop, AlignScratch* s,
                 std::vector<Op>* out, bool reverse_ops) {
  const size_t width = 2 * static_cast<size_t>(band) + 1;
  // Row i holds cells j in [i - band, i + band]; index d = j - i + band.
  std::vector<int32_t>& score = s->score;
  std::vector<uint8_t>& trace = s->trace;
  score.assign(2 * width, kNegInf);
  trace.clear();
  int32_t* prev = score.data();
  int32_t* cur = score.data() + width;
  // Row 0: only deletions from the start.
  trace.resize(width, kFromLeft);
  for (size_t d = static_cast<size_t>(band); d < width; ++d) {
    const size_t j = d - band;
    if (j <= m) prev[d] = -static_cast<int32_t>(j);
  }
  int32_t best = 0;
  size_t best_i = 0, best_j = 0;
  size_t rows = 1;
  for (size_t i = 1; i <= n; ++i) {
    trace.resize((i + 1) * width, kFromDiag);
    uint8_t* tr = trace.data() + i * width;
    int32_t row_max = kNegInf;
    for (size_t d = 0; d < width; ++d) {
      const int64_t j = static_cast<int64_t>(i) + static_cast<int64_t>(d) - band;
      cur[d] = kNegInf;
      if (j < 0 || j > static_cast<int64_t>(m)) continue;
      int32_t v = kNegInf;
      uint8_t from = kFromDiag;
      if (j >= 1 && prev[d] > kNegInf) {  // diagonal: (i-1, j-1) has the same d
        v = prev[d] + (get_a(i - 1) == get_b(static_cast<size_t>(j) - 1) ? kMatchScore : -1);
      }
      if (d + 1 < width && prev[d + 1] > kNegInf && prev[d + 1] - 1 > v) {  // up: (i-1, j)
        v = prev[d + 1] - 1;
        from = kFromUp;
      }
      if (d >= 1 && j >= 1 && cur[d - 1] > kNegInf && cur[d - 1] - 1 > v) {  // left: (i, j-1)
        v = cur[d - 1] - 1;
        from = kFromLeft;
      }
      if (v < best - xdrop) v = kNegInf;  // pruned
      cur[d] = v;
      tr[d] = from;
      if (v > row_max) row_max = v;
      // On a tie the region grows (past an edit to the equal word after
      // it); words that agree by chance are trimmed by the caller.
      if (v >= best && v > kNegInf && from == kFromDiag && j >= 1 &&
          get_a(i - 1) == get_b(static_cast<size_t>(j) - 1)) {
        best = v;
        best_i = i;
        best_j = static_cast<size_t>(j);
      }
    }
    rows = i + 1;
    std::swap(prev, cur);
    if (row_max == kNegInf) break;
  }
  (void)rows;
  // Trace back from the best cell.
  std::vector<Op>& ops = s->ops;
  ops.clear();
  size_t i = best_i, j = best_j;
  while (i > 0 || j > 0) {
    if (i == 0) {
      ops.push_back(Op::kDel);
      --j;
      continue;
    }
    const size_t d = j + band - i;
    const uint8_t from = trace[i * width + d];
    if (from == kFromDiag && j > 0) {
      ops.push_back(get_a(i - 1) == get_b(j - 1) ? Op::kMatch : Op::kSub);
      --i;
      --j;
    } else if (from == kFromUp) {
      ops.push_back(Op::kIns);
      --i;
    } else {
      ops.push_back(Op::kDel);
      --j;
    }
  }
  // ops is now end-to-start of the extension.
  if (reverse_ops) {
    out->insert(out->end(), ops.begin(), ops.end());
  } else {
    out->insert(out->end(), ops.rbegin(), ops.rend());
  }
  return {best_i, best_j};
}

}  // namespace

void AlignGlobal(std::span<const uint64_t> a, std::span<const uint64_t> b, AlignScratch* s, std::vector<Op>* ops) {
  const size_t n = a.size(), m = b.size();
  if (n == 0 || m == 0 || n * m > (size_t{4} << 20)) {
    const size_t common = std::min(n, m);
    for (size_t i = 0; i < common; ++i) ops->push_back(a[i] == b[i] ? Op::kMatch : Op::kSub);
    for (size_t i = common; i < n; ++i) ops->push_back(Op::kIns);
    for (size_t j = common; j < m; ++j) ops->push_back(Op::kDel);
    return;
  }
  const size_t cols = m + 1;
  std::vector<int32_t>& cost = s->score;
  std::vector<uint8_t>& trace = s->trace;
  cost.assign((n + 1) * cols, 0);
  trace.assign((n + 1) * cols, kFromDiag);
  for (size_t j = 1; j <= m; ++j) {
    cost[j] = static_cast<int32_t>(j);
    trace[j] = kFromLeft;
  }
  for (size_t i = 1; i <= n; ++i) {
    cost[i * cols] = static_cast<int32_t>(i);
    trace[i * cols] = kFromUp;
    for (size_t j = 1; j <= m; ++j) {
      int32_t v = cost[(i - 1) * cols + j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      uint8_t from = kFromDiag;
      if (cost[(i - 1) * cols + j] + 1 < v) {
        v = cost[(i - 1) * cols + j] + 1;
        from = kFromUp;
      }
      if (cost[i * cols + j - 1] + 1 < v) {
        v = cost[i * cols + j - 1] + 1;
        from = kFromLeft;
      }
      cost[i * cols + j] = v;
      trace[i * cols + j] = from;
    }
  }
  std::vector<Op>& rev = s->ops;
  rev.clear();
  size_t i = n, j = m;
  while (i > 0 || j > 0) {
    const uint8_t from = trace[i * cols + j];
    if (from == kFromDiag && i > 0 && j > 0) {
      rev.push_back(a[i - 1] == b[j - 1] ? Op::kMatch : Op::kSub);
      --i;
      --j;
    } else if (from == kFromUp || j == 0) {
      rev.push_back(Op::kIns);
      --i;
    } else {
      rev.push_back(Op::kDel);
      --j;
    }
  }
  ops->insert(ops->end(), rev.rbegin(), rev.rend());
}

Extension ExtendForward(std::span<const uint64_t> a, std::span<const uint64_t> b, int band, int xdrop,
                        AlignScratch* scratch, std::vector<Op>* ops) {
  return Extend(
      a.size(), b.size(), [&](size_t i) { return a[i]; }, [&](size_t j) { return b[j]; }, band, xdrop, scratch, ops,
      false);
}

Extension ExtendBackward(std::span<const uint64_t> a, std::span<const uint64_t> b, int band, int xdrop,
                         AlignScratch* scratch, std::vector<Op>* ops) {
  const size_t n = a.size(), m = b.size();
  return Extend(
      n, m, [&](size_t i) { return a[n - 1 - i]; }, [&](size_t j) { return b[m - 1 - j]; }, band, xdrop, scratch,
      ops, true);
}

}  // namespace winnow::corpus
