#include "gen/copy_edit.h"

#include <gtest/gtest.h>

#include "gen/gen_decode.h"

namespace winnow::gen {
namespace {

constexpr std::string_view kText =
    "“We are confident,” said José Pérez, the chair.\n\nShares rose 4.2 percent, officials said. "
    "The company’s plan, which critics oppose, takes effect in May.\n\nNeither side would comment.";

TEST(CopyEditTest, Tokenize) {
  std::vector<WorkToken> t;
  TokenizeWork(kText, &t);
  ASSERT_EQ(t.size(), 28u);
  EXPECT_EQ(kText.substr(t[0].begin, t[0].end - t[0].begin), "“We");
  EXPECT_FALSE(t[0].paragraph_before);
  EXPECT_TRUE(t[8].paragraph_before);
  EXPECT_EQ(kText.substr(t[8].begin, t[8].end - t[8].begin), "Shares");
}

TEST(CopyEditTest, VerbatimIsTheSubstring) {
  std::vector<WorkToken> t;
  TokenizeWork(kText, &t);
  Rng rng(1);
  std::string out = "Here: ";
  CopyResult r = AppendCopy(kText, t, 3, 20, CopyStyle(), &rng, &out);
  EXPECT_EQ(out.substr(r.begin, r.end - r.begin), kText.substr(t[3].begin, t[20].end - t[3].begin));
  EXPECT_EQ(r.end, out.size());
}

TEST(CopyEditTest, EditsKeepEndsAndCountWords) {
  std::vector<WorkToken> t;
  TokenizeWork(kText, &t);
  std::vector<std::string> source =
      gen_test::NormalizedWords(kText.substr(t[0].begin, t.back().end - t[0].begin));
  Rng rng(3);
  for (int i = 0; i < 300; ++i) {
    CopyStyle s = ChooseCopyStyle(std::vector<double>{0, 0.1, 0.3}, &rng);
    if (s.markup == Markup::kNumbered) continue;  // numbers are words; covered by the truth test
    std::string out;
    CopyResult r = AppendCopy(kText, t, 0, t.size() - 1, s, &rng, &out);
    std::vector<std::string> words = gen_test::NormalizedWords(out.substr(r.begin, r.end - r.begin));
    ASSERT_EQ(words.size(), source.size() - r.deletions + r.insertions) << s.Name() << "\n" << out;
    EXPECT_EQ(words.front(), source.front());
    EXPECT_EQ(words.back(), source.back());
    if (s.edit_rate == 0) {
      EXPECT_EQ(words, source) << s.Name();
    }
  }
}

TEST(CopyEditTest, Styles) {
  std::vector<WorkToken> t;
  TokenizeWork(kText, &t);
  Rng rng(4);
  CopyStyle s;
  s.case_edit = CaseEdit::kUpper;
  s.quotes = QuoteEdit::kStraight;
  s.markup = Markup::kBlockquote;
  std::string out;
  CopyResult r = AppendCopy(kText, t, 0, 7, s, &rng, &out);
  EXPECT_EQ(out, "> \"WE ARE CONFIDENT,\" SAID JOSé PéREZ, THE CHAIR.");
  EXPECT_EQ(r.begin, 2u);
  EXPECT_EQ(s.Name(), "upper+straight_quotes+blockquote");
  out.clear();
  CopyStyle b;
  b.markup = Markup::kBullets;
  r = AppendCopy(kText, t, 8, 21, b, &rng, &out);
  EXPECT_EQ(out.substr(0, 2), "- ");
  EXPECT_NE(out.find("\n- The company’s"), std::string::npos) << out;
}

}  // namespace
}  // namespace winnow::gen
