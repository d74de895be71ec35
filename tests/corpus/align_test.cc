#include "corpus/align.h"

#include <gtest/gtest.h>

#include <string>

namespace winnow::corpus {
namespace {

std::string Ops(const std::vector<Op>& ops) {
  std::string s;
  for (Op op : ops) s += "MSID"[static_cast<int>(op)];
  return s;
}

TEST(AlignGlobalTest, FewestEdits) {
  AlignScratch scratch;
  std::vector<Op> ops;
  std::vector<uint64_t> a = {1, 2, 3, 4, 5}, b = {1, 2, 9, 4, 5};
  AlignGlobal(a, b, &scratch, &ops);
  EXPECT_EQ(Ops(ops), "MMSMM");
  ops.clear();
  std::vector<uint64_t> c = {1, 2, 4, 5};  // a deletion
  AlignGlobal(c, a, &scratch, &ops);
  EXPECT_EQ(Ops(ops), "MMDMM");
  ops.clear();
  AlignGlobal(a, c, &scratch, &ops);  // an insertion
  EXPECT_EQ(Ops(ops), "MMIMM");
  ops.clear();
  AlignGlobal(a, std::span<const uint64_t>(), &scratch, &ops);
  EXPECT_EQ(Ops(ops), "IIIII");
}

TEST(ExtendTest, StopsAtTheLastEqualWord) {
  AlignScratch scratch;
  std::vector<Op> ops;
  // 20 equal words, then unrelated text.
  std::vector<uint64_t> a, b;
  for (int i = 0; i < 20; ++i) { a.push_back(i); b.push_back(i); }
  for (int i = 0; i < 30; ++i) { a.push_back(1000 + i); b.push_back(2000 + i); }
  Extension e = ExtendForward(a, b, 16, 12, &scratch, &ops);
  EXPECT_EQ(e.a_len, 20u);
  EXPECT_EQ(e.b_len, 20u);
  EXPECT_EQ(Ops(ops), std::string(20, 'M'));
}

TEST(ExtendTest, PassesThroughEdits) {
  AlignScratch scratch;
  std::vector<Op> ops;
  std::vector<uint64_t> b;
  for (int i = 0; i < 60; ++i) b.push_back(i);
  std::vector<uint64_t> a = b;
  a[10] = 500;                   // substitution
  a.erase(a.begin() + 30);       // deletion
  a.insert(a.begin() + 45, 700); // insertion
  for (int i = 0; i < 30; ++i) { a.push_back(1000 + i); b.push_back(2000 + i); }
  Extension e = ExtendForward(a, b, 16, 12, &scratch, &ops);
  EXPECT_EQ(e.b_len, 60u);
  EXPECT_EQ(e.a_len, 60u);  // 60 - 1 deleted + 1 inserted
  int matches = 0;
  for (Op op : ops) matches += op == Op::kMatch;
  EXPECT_EQ(matches, 58);  // 60 minus the substituted and the deleted word
}

TEST(ExtendTest, BackwardOpsAreLeftToRight) {
  AlignScratch scratch;
  std::vector<Op> ops;
  std::vector<uint64_t> a = {100, 101, 1, 2, 3, 9, 5};
  std::vector<uint64_t> b = {200, 1, 2, 3, 4, 5};
  Extension e = ExtendBackward(a, b, 16, 12, &scratch, &ops);
  EXPECT_EQ(e.a_len, 5u);
  EXPECT_EQ(e.b_len, 5u);
  EXPECT_EQ(Ops(ops), "MMMSM");
}

TEST(ExtendTest, EmptyWhenNothingMatches) {
  AlignScratch scratch;
  std::vector<Op> ops;
  std::vector<uint64_t> a = {1, 2, 3}, b = {4, 5, 6};
  Extension e = ExtendForward(a, b, 16, 12, &scratch, &ops);
  EXPECT_EQ(e.a_len, 0u);
  EXPECT_EQ(e.b_len, 0u);
  EXPECT_TRUE(ops.empty());
}

}  // namespace
}  // namespace winnow::corpus
