#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <sstream>

#include "corpus_test_util.h"
#include "winnow/corpus.h"

namespace winnow::corpus {
namespace {

std::vector<std::string> Words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string Join(const std::vector<std::string>& words, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    if (i > from) out += ' ';
    out += words[i];
  }
  return out;
}

// Code points of a UTF-8 prefix.
uint32_t CodePoints(const std::string& s) {
  uint32_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

class MatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 30; ++i) {
      works_.push_back({"w" + std::to_string(i), "Council Approves Budget Plan Number " + std::to_string(i),
                        Prose(100 + i, 600)});
    }
    // A syndicated copy of w3 under another id and publisher.
    works_.push_back({"wire-w3", works_[3].title, works_[3].text, "Wire Service"});
    WriteFile(dir_.path() + "/works.jsonl", WorksJsonl(works_));
    ASSERT_TRUE(BuildCorpus(dir_.path() + "/ix", {dir_.path() + "/works.jsonl"}, {}).ok());
    auto index = CorpusIndex::Open(dir_.path() + "/ix");
    ASSERT_TRUE(index.ok());
    index_ = std::move(*index);
  }

  std::vector<CorpusMatch> Match(const std::string& text, bool titles = false, MatchOptions o = {}) {
    Matcher m(*index_, o);
    std::vector<CorpusMatch> out;
    Status s = m.Match(text, titles, &out);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }

  TempDir dir_;
  std::vector<TestWork> works_;
  std::unique_ptr<CorpusIndex> index_;
};

TEST_F(MatcherTest, VerbatimCopyWithExactSpans) {
  auto w = Words(works_[7].text);
  const std::string passage = Join(w, 100, 160);
  const std::string prefix = "Voilà — here is the text you asked for: ";
  auto out = Match(prefix + passage + " Let me know if you need more.");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(index_->work(out[0].work).id, "w7");
  EXPECT_EQ(out[0].start, CodePoints(prefix));
  EXPECT_EQ(out[0].end, CodePoints(prefix + passage));
  const size_t at = works_[7].text.find(passage);
  EXPECT_EQ(out[0].work_start, CodePoints(works_[7].text.substr(0, at)));
  EXPECT_EQ(out[0].work_end, CodePoints(works_[7].text.substr(0, at + passage.size())));
  EXPECT_EQ(out[0].words, 60u);
  EXPECT_EQ(out[0].longest_run, 60u);
  EXPECT_DOUBLE_EQ(out[0].identity, 1.0);
  EXPECT_EQ(out[0].also, 0u);
}

TEST_F(MatcherTest, MarkupAndCaseDoNotHide) {
  auto w = Words(works_[11].text);
  std::string upper = Join(w, 200, 260);
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  EXPECT_EQ(Match(upper).size(), 1u);
  std::string bullets;
  for (size_t i = 200; i < 260; i += 10) bullets += "- **" + Join(w, i, i + 10) + "**\n";
  auto out = Match("Summary:\n" + bullets);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].words, 60u);
  std::string quoted;
  for (size_t i = 200; i < 260; i += 20) quoted += "> " + Join(w, i, i + 20) + "\n>\n";
  EXPECT_EQ(Match(quoted).size(), 1u);
}

TEST_F(MatcherTest, EditedCopyIsFoundWithItsIdentity) {
  auto w = Words(works_[5].text);
  std::vector<std::string> edited(w.begin() + 50, w.begin() + 250);  // 200 words
  for (size_t i = 5; i < edited.size() - 5; i += 20) edited[i] = "zzedit";              // 10 substitutions
  for (size_t i = 12; i < edited.size() - 5; i += 40) edited.insert(edited.begin() + i, "inserted");  // 5
  auto out = Match("Rewritten: " + Join(edited, 0, edited.size()) + "\nThat is all.");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(index_->work(out[0].work).id, "w5");
  EXPECT_EQ(out[0].work_words, 200u);
  EXPECT_EQ(out[0].words, 205u);
  EXPECT_NEAR(out[0].identity, 190.0 / 205, 0.01);
}

TEST_F(MatcherTest, ThresholdsDecide) {
  auto w = Words(works_[9].text);
  EXPECT_TRUE(Match(Join(w, 300, 335)).empty());  // 35 words: below 40
  MatchOptions lower;
  lower.min_verbatim_words = 30;
  EXPECT_EQ(Match(Join(w, 300, 335), false, lower).size(), 1u);
  // Three exact runs of 30 words joined by three changed words each: no
  // 40-word run, 96 words at identity 90/96.
  std::vector<std::string> edited;
  for (int block = 0; block < 3; ++block) {
    edited.insert(edited.end(), w.begin() + 300 + block * 33, w.begin() + 330 + block * 33);
    if (block < 2) edited.insert(edited.end(), {"zzone", "zztwo", "zzthree"});
  }
  const std::string text = Join(edited, 0, edited.size());
  auto out = Match(text);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].longest_run, 30u);
  EXPECT_EQ(out[0].words, 96u);
  EXPECT_NEAR(out[0].identity, 90.0 / 96, 1e-9);
  MatchOptions strict;
  strict.min_identity = 0.95;
  strict.similar = false;
  EXPECT_TRUE(Match(text, false, strict).empty());
  MatchOptions longer;
  longer.min_near_words = 100;
  longer.similar = false;
  EXPECT_TRUE(Match(text, false, longer).empty());
  // Not a copy under those thresholds, it is still a loose rewrite.
  longer.similar = true;
  out = Match(text, false, longer);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, CorpusMatch::Kind::kSimilar);
  EXPECT_EQ(index_->work(out[0].work).id, "w9");
}

TEST_F(MatcherTest, UnrelatedTextIsNotFlagged) {
  EXPECT_TRUE(Match(Prose(5000, 2000)).empty());
  EXPECT_TRUE(Match("").empty());
  EXPECT_TRUE(Match("short").empty());
}

TEST_F(MatcherTest, SyndicatedCopyIsCountedOnce) {
  auto w = Words(works_[3].text);
  auto out = Match(Join(w, 10, 110));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(index_->work(out[0].work).id, "w3");  // the first of equals
  EXPECT_EQ(out[0].also, 1u);
}

TEST_F(MatcherTest, TwoPassagesOfTwoWorks) {
  auto a = Words(works_[1].text), b = Words(works_[2].text);
  auto out = Match(Join(a, 0, 50) + "\n\nAnd another one:\n\n" + Join(b, 400, 480));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(index_->work(out[0].work).id, "w1");
  EXPECT_EQ(index_->work(out[1].work).id, "w2");
  EXPECT_LT(out[0].end, out[1].start);
}

// A loose rewrite: the work's sentences in reverse order, so no run is
// longer than a sentence (15 words) and nothing is a copy, yet most of the
// text's 5-grams are the work's.
TEST_F(MatcherTest, LooseRewriteIsSimilarNotCopied) {
  auto w = Words(works_[20].text);
  std::string text;
  for (int sentence = 9; sentence >= 0; --sentence) text += Join(w, sentence * 15, sentence * 15 + 15) + " ";
  auto out = Match(text);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, CorpusMatch::Kind::kSimilar);
  EXPECT_EQ(index_->work(out[0].work).id, "w20");
  EXPECT_GT(out[0].similarity, 0.6);
  EXPECT_LT(out[0].similarity, 0.85);
  EXPECT_EQ(out[0].words, 150u);
  MatchOptions off;
  off.similar = false;
  EXPECT_TRUE(Match(text, false, off).empty());
  MatchOptions strict;
  strict.min_similarity = 0.9;
  EXPECT_TRUE(Match(text, false, strict).empty());
  // A copy of a work is a copy, not also "similar" to it.
  out = Match(Join(w, 0, 150));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, CorpusMatch::Kind::kCopy);
}

TEST_F(MatcherTest, HeadlinesInPrompts) {
  const std::string prompt = "Can you give me the full article 'Council Approves Budget Plan Number 12' please?";
  auto out = Match(prompt, /*titles=*/true);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, CorpusMatch::Kind::kTitle);
  EXPECT_EQ(index_->work(out[0].work).id, "w12");
  EXPECT_EQ(out[0].start, prompt.find("Council"));
  EXPECT_EQ(out[0].end, prompt.find("' please"));
  EXPECT_TRUE(Match(prompt, /*titles=*/false).empty());
  // The syndicated headline is counted, not repeated.
  out = Match("Find 'Council Approves Budget Plan Number 3'", true);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].also, 1u);
  MatchOptions strict;
  strict.min_title_words = 7;
  EXPECT_TRUE(Match(prompt, true, strict).empty());
}

}  // namespace
}  // namespace winnow::corpus
