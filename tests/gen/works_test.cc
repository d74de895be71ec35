#include "gen/works.h"

#include <gtest/gtest.h>

#include <map>

#include "gen/copy_edit.h"
#include "gen/gen_decode.h"
#include "gen/lexicon.h"

namespace winnow::gen {
namespace {

TEST(WorksTest, ProfilesAreDeterministicAndPlausible) {
  WorkSet a(17, 3000), b(17, 3000);
  WorkProfile pa, pb;
  std::string ta, tb;
  size_t min_words = SIZE_MAX, max_words = 0;
  for (uint64_t i = 0; i < 300; ++i) {
    a.Profile(i, &pa);
    b.Profile(i, &pb);
    EXPECT_EQ(pa.id, WorkSet::Id(i));
    EXPECT_EQ(pa.title, pb.title);
    EXPECT_EQ(pa.url, pb.url);
    a.Text(pa, &ta);
    b.Text(pb, &tb);
    ASSERT_EQ(ta, tb);
    EXPECT_NE(pa.url.find(kPublishers[pa.publisher].domain), std::string::npos) << pa.url;
    std::vector<WorkToken> tokens;
    TokenizeWork(ta, &tokens);
    min_words = std::min(min_words, tokens.size());
    max_words = std::max(max_words, tokens.size());
  }
  EXPECT_GE(min_words, 200u);
  EXPECT_LE(max_words, 3200u);
  EXPECT_GE(max_words, 1500u);
}

TEST(WorksTest, SyndicatedCopiesShareTheirText) {
  WorkSet w(17, 3000);
  int groups = 0;
  WorkProfile p, q;
  std::string tp, tq;
  for (uint64_t i = 0; i < w.size(); ++i) {
    if (w.Root(i) == i) continue;
    ++groups;
    uint64_t root = w.Root(i);
    std::vector<uint64_t> sib = w.Siblings(i);
    EXPECT_NE(std::find(sib.begin(), sib.end(), root), sib.end());
    w.Profile(i, &p);
    w.Profile(root, &q);
    w.Text(p, &tp);
    w.Text(q, &tq);
    EXPECT_EQ(tp, tq);
    EXPECT_EQ(p.title, q.title);
    EXPECT_NE(p.publisher, q.publisher);
    EXPECT_NE(p.id, q.id);
  }
  EXPECT_GT(groups, 10);
}

TEST(WorksTest, AnotherSeedAnotherCorpus) {
  WorkSet a(1, 10), b(2, 10);
  WorkProfile pa, pb;
  a.Profile(0, &pa);
  b.Profile(0, &pb);
  std::string ta, tb;
  a.Text(pa, &ta);
  b.Text(pb, &tb);
  EXPECT_NE(ta, tb);
}

}  // namespace
}  // namespace winnow::gen

namespace winnow::gen {
namespace {

// Works share short phrases but no long run of words (beyond syndication).
TEST(WorksTest, DistinctTextsShareNoFortyWordRun) {
  WorkSet w(23, 300);
  WorkProfile p;
  std::string text;
  std::map<uint64_t, uint64_t> seen;  // hash of 40 normalized words -> root
  int shared = 0;
  for (uint64_t i = 0; i < w.size(); ++i) {
    if (w.Root(i) != i) continue;
    w.Profile(i, &p);
    w.Text(p, &text);
    for (uint64_t h : gen_test::ShingleHashes(gen_test::NormalizedWords(text), 40)) {
      auto [it, inserted] = seen.emplace(h, i);
      if (!inserted && it->second != i) ++shared;
    }
  }
  EXPECT_EQ(shared, 0);
}

}  // namespace
}  // namespace winnow::gen
