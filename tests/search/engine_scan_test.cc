// The engine's inner parts: segmentation walked from any position against a
// whole-field split, the folded copy and code-point offsets on random text
// mixing every kind of character; the ASCII fast paths of phrases against
// their non-ASCII fallbacks; regexes whose match starts Hyperscan cannot
// track; word patterns; matchers on several threads.
#include <gtest/gtest.h>
#include <unicode/utf8.h>

#include <random>
#include <string>
#include <thread>
#include <vector>

#include "search/engine.h"
#include "search/engine_offsets.h"
#include "search/engine_segment.h"
#include "search/engine_test_util.h"
#include "search/engine_text.h"
#include "search/engine_words.h"

namespace winnow::search {
namespace {

using engine_test::Find;
using engine_test::MustCompile;
using engine_test::TextDoc;
namespace in = internal;

// Random text from pieces of every class: ASCII letters, digits and
// separators, accented and upper-case letters, marks, CJK and kana, a
// combining kana mark, apostrophes, letters folding to ASCII (KELVIN SIGN,
// LONG S), emoji, NBSP, and ill-formed bytes.
std::string RandomText(std::mt19937* rng, size_t pieces) {
  static const char* kPieces[] = {
      "a",      "b",      "Z",      "7",      " ",        " ",    ",",    ".",      "-", "_",
      "'",      "é",      "É",      "\u0301", "中",       "国",   "か",   "\u3099", "’", "\u212A",
      "\u017F", "😀",      "\u00A0", "\xFF",   "\xE2\x82", "\xC3", "\x80", "Ж",      "ж", "ß",
      "ẞ",      "\u0345", "ｶ",      "\uFF9E", "1",        "x",    "Y",    "\t",
  };
  std::string out;
  for (size_t i = 0; i < pieces; ++i) out += kPieces[(*rng)() % (sizeof(kPieces) / sizeof(kPieces[0]))];
  return out;
}

// Byte offsets where code points start (forward decoding), and the end.
std::vector<size_t> Boundaries(std::string_view t) {
  std::vector<size_t> out;
  for (size_t i = 0; i < t.size();) {
    out.push_back(i);
    in::NextCp(t, &i);
  }
  out.push_back(t.size());
  return out;
}

TEST(EngineScanTest, WalkersAgreeWithTheSplit) {
  std::mt19937 rng(7);
  for (int iter = 0; iter < 3000; ++iter) {
    const std::string t = RandomText(&rng, 1 + rng() % 24);
    std::vector<uint32_t> starts, ends;
    in::SplitWords(t, &starts, &ends);
    ASSERT_EQ(starts.size(), ends.size());
    const std::vector<size_t> bounds = Boundaries(t);
    size_t w = 0;  // the word holding or after the boundary
    for (size_t k = 0; k + 1 < bounds.size(); ++k) {
      const size_t p = bounds[k];
      while (w < ends.size() && ends[w] <= p) ++w;
      const uint8_t cls = in::ClassAt(t, p);
      const bool inside = w < starts.size() && starts[w] <= p;
      ASSERT_EQ(cls != in::kSep, inside) << "text " << testing::PrintToString(t) << " at " << p;
      if (!inside) continue;
      EXPECT_EQ(in::IsWordStart(t, p, cls), starts[w] == p) << testing::PrintToString(t) << " at " << p;
      EXPECT_EQ(in::WordStartContaining(t, p), starts[w]) << testing::PrintToString(t) << " at " << p;
    }
    for (size_t i = 0; i < starts.size(); ++i) {
      EXPECT_EQ(in::WordEndFrom(t, starts[i]), ends[i]) << testing::PrintToString(t);
      size_t a = 0, b = 0;
      const bool next = in::NextWord(t, ends[i], &a, &b);
      ASSERT_EQ(next, i + 1 < starts.size()) << testing::PrintToString(t);
      if (next) {
        EXPECT_EQ(a, starts[i + 1]);
        EXPECT_EQ(b, ends[i + 1]);
      }
      const bool prev = in::PrevWord(t, starts[i], &a, &b);
      ASSERT_EQ(prev, i > 0) << testing::PrintToString(t);
      if (prev) {
        EXPECT_EQ(a, starts[i - 1]);
        EXPECT_EQ(b, ends[i - 1]);
      }
    }
  }
}

TEST(EngineScanTest, FoldedCopyMapsBack) {
  std::mt19937 rng(11);
  in::FoldedText folded;
  for (int iter = 0; iter < 2000; ++iter) {
    const std::string t = RandomText(&rng, 1 + rng() % 30);
    folded.Build(t);
    const std::string_view f = folded.bytes();
    size_t i = 0, j = 0;
    while (i < t.size()) {
      ASSERT_EQ(folded.ToOriginal(j), i) << testing::PrintToString(t);
      const size_t at = i;
      const uint32_t c = in::NextCp(t, &i);
      std::string expect;
      if (c == in::kBadCp) {
        expect.assign(i - at, '\xFF');
      } else if (c < 0x80) {
        expect.push_back(static_cast<char>(c));  // ASCII keeps its case: the scan ignores it
      } else {
        in::AppendUtf8(in::Fold(c), &expect);
      }
      ASSERT_EQ(f.substr(j, expect.size()), expect) << testing::PrintToString(t);
      j += expect.size();
    }
    EXPECT_EQ(j, f.size());
    EXPECT_EQ(folded.ToOriginal(j), t.size());
  }
}

TEST(EngineScanTest, CodePointOffsets) {
  std::mt19937 rng(13);
  in::CpIndex cps;
  for (int iter = 0; iter < 2000; ++iter) {
    const std::string t = RandomText(&rng, 1 + rng() % 200);
    const std::vector<size_t> bounds = Boundaries(t);
    cps.Reset(t);
    for (size_t k = 0; k < bounds.size(); ++k) EXPECT_EQ(cps.At(bounds[k]), k) << testing::PrintToString(t);
    // In any order, and each alone.
    for (size_t k = bounds.size(); k-- > 0;) EXPECT_EQ(cps.At(bounds[k]), k) << testing::PrintToString(t);
    const size_t k = rng() % bounds.size();
    cps.Reset(t);
    EXPECT_EQ(cps.At(bounds[k]), k) << testing::PrintToString(t);
  }
  const std::string text = std::string(100, 'x') + "é" + std::string(31, 'y') + "\xA9";
  cps.Reset(text);
  EXPECT_EQ(cps.At(64), 64u);
  EXPECT_EQ(cps.At(102), 101u);  // the stray byte later on counts for itself
  EXPECT_EQ(cps.At(text.size()), 133u);
}

TEST(EngineScanTest, FoldFilter) {
  in::FoldFilter ascii, cyrillic;
  ascii.Build({'a', 'k', 's'});
  cyrillic.Build({0x0436});  // ж
  bool all_ascii = true;
  EXPECT_FALSE(ascii.Matches("CAFÉ “quotes” — 中文 😀 ЖЖ", &all_ascii));  // nothing folds into a, k or s
  EXPECT_FALSE(all_ascii);
  EXPECT_FALSE(ascii.Matches(std::string(70, 'x'), &all_ascii));
  EXPECT_TRUE(all_ascii);
  EXPECT_TRUE(ascii.Matches("a\u212A", &all_ascii));  // KELVIN SIGN folds to k
  EXPECT_FALSE(all_ascii);
  EXPECT_TRUE(ascii.Matches(std::string(40, ' ') + "\u017F", &all_ascii));  // LONG S to s, after a SIMD block
  EXPECT_FALSE(cyrillic.Matches("ж ЗИМА", &all_ascii));
  EXPECT_TRUE(cyrillic.Matches("ЖУК", &all_ascii));
  EXPECT_FALSE(cyrillic.Matches("ab\xFF\xD0", &all_ascii));  // ill-formed: a separator
  EXPECT_FALSE(all_ascii);
}

TEST(EngineScanTest, GlobAndLevenshtein) {
  EXPECT_TRUE(in::GlobMatch(U"a*b?c", U"axxbyc"));
  EXPECT_TRUE(in::GlobMatch(U"*", U""));
  EXPECT_FALSE(in::GlobMatch(U"?", U""));
  EXPECT_TRUE(in::GlobMatch(U"*a*a*", U"banana"));
  EXPECT_FALSE(in::GlobMatch(U"*x*", U"banana"));
  std::vector<int> row;
  EXPECT_EQ(in::BoundedLevenshtein(U"kitten", U"sitting", 3, &row), 3);
  EXPECT_EQ(in::BoundedLevenshtein(U"kitten", U"sitting", 2, &row), 3);  // over the bound: k + 1
  EXPECT_EQ(in::BoundedLevenshtein(U"", U"ab", 2, &row), 2);
  EXPECT_EQ(in::BoundedLevenshtein(U"abc", U"abc", 0, &row), 0);
}

TEST(EngineScanTest, PhraseFastPathsFallBackOnNonAscii) {
  // Separators of every kind between ASCII words.
  EXPECT_EQ(Find("new york", "new\u00A0york, new—York, new’york, new 😀 york"),
            "[0,8)=new\u00A0york [10,18)=new—York [20,28)=new’york [30,40)=new 😀 york");
  // A mark continues the word; a CJK character ends it.
  EXPECT_EQ(Find("new york", "new\u0301 york; new york\u0301"), "-");
  EXPECT_EQ(Find("big apple", "中big apple; ébig apple; big apple中"), "[1,10)=big apple [24,33)=big apple");
  // Letters that fold to ASCII in the neighbouring words.
  EXPECT_EQ(Find("ask kelvin", "a\u017Fk \u212Aelvin"), "[0,10)=a\u017Fk \u212Aelvin");
  EXPECT_EQ(Find("big apple", "BIG, APPLE; bigg apple; big apples"), "[0,10)=BIG, APPLE");
  // A control character or digit next to a word.
  EXPECT_EQ(Find("big 0",
                 "big\x10"
                 "0 big 0x"),
            "[0,5)=big\x10"
            "0");
  // Wildcard, stem and fuzzy words around a literal anchor.
  EXPECT_EQ(Find("th* big~ ap%ple", "the bigger appel; this big apple"), "[18,32)=this big apple");
}

TEST(EngineScanTest, RegexWithoutTrackableStarts) {
  // \w with Unicode classes under repetition: Hyperscan cannot report the
  // match starts, so they are found by anchored runs.
  EXPECT_EQ(Find("/\\w+@\\w+\\.com/", "mail bob@example.com or ÉVA@x.com"),
            "[5,20)=bob@example.com [24,33)=ÉVA@x.com");
  EXPECT_EQ(Find("/\\w{2,}ing/", "sing going bring"), "[5,10)=going [11,16)=bring");
  auto set = MustCompile({"/\\w+ing/ w/1 fast", "report OR /\\w+ed/"});
  EXPECT_EQ(Find(set, TextDoc("running fast, reported")), "[0,7)=running [8,12)=fast");
  EXPECT_EQ(Find(set, TextDoc("running fast, reported"), 1), "[14,22)=reported");
  // A start anchor cannot be run from later starts: an error naming the term.
  std::vector<Term> terms(1);
  terms[0].name = "anchored";
  terms[0].query = ParseQuery("/(?:^|y)\\w+x/").value();
  auto bad = TermSet::Compile(std::move(terms));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("term 'anchored'"), std::string::npos) << bad.status().message();
  EXPECT_NE(bad.status().message().find("start anchor"), std::string::npos) << bad.status().message();
}

TEST(EngineScanTest, WordsAndRegexesInFoldedFields) {
  // A field that needs folding is scanned twice (folded for words, as is
  // for regexes); both must report, once.
  auto set = MustCompile({"москва", "/моск\\w+/", "москва OR /ква/"});
  const Document d = TextDoc("МОСКВА и москва");
  EXPECT_EQ(Find(set, d, 0), "[0,6)=МОСКВА [9,15)=москва");
  EXPECT_EQ(Find(set, d, 1), "[0,6)=МОСКВА [9,15)=москва");
  EXPECT_EQ(Find(set, d, 2), "[0,6)=МОСКВА [3,6)=КВА [9,15)=москва [12,15)=ква");
}

TEST(EngineScanTest, FoldedScanOnlyWhereFoldingReachesAFragment) {
  // Upper-case É reaches the fragment "café"; in "latte" it reaches none.
  EXPECT_EQ(Find("café latte", "CAFÉ LATTE, Café Latte"), "[0,10)=CAFÉ LATTE [12,22)=Café Latte");
  EXPECT_EQ(Find("latte", "CAFÉ LATTE"), "[5,10)=LATTE");
  auto set = MustCompile({"ж", "k"});
  EXPECT_EQ(Find(set, TextDoc("Ж \u212A k ж"), 0), "[0,1)=Ж [6,7)=ж");
  EXPECT_EQ(Find(set, TextDoc("Ж \u212A k ж"), 1), "[2,3)=\u212A [4,5)=k");
}

TEST(EngineScanTest, StemPrefixHoldsForInflections) {
  in::WordScratch scratch;
  for (const char* w : {"apply", "dying", "sky", "running", "relational", "possibility", "hoping", "cries"}) {
    std::vector<in::CompiledWord> cw;
    in::CompileWord({WordPattern::Kind::kStem, w, 1}, &scratch, &cw);
    ASSERT_EQ(cw.size(), 1u);
    ASSERT_EQ(cw[0].fragments.size(), 1u);
    // The word itself matches, and starts with the fragment.
    EXPECT_TRUE(in::MatchWord(cw[0], w, &scratch)) << w;
    EXPECT_EQ(std::string(w).rfind(cw[0].fragments[0].bytes, 0), 0u) << w << " " << cw[0].fragments[0].bytes;
  }
}

TEST(EngineScanTest, MatchersOnThreadsAgree) {
  auto set = MustCompile({"apple", "new york", "appl*", "/\\d+/", "apple w/3 pear", "москва"});
  std::vector<std::string> texts;
  std::mt19937 rng(3);
  for (int i = 0; i < 200; ++i) {
    texts.push_back(RandomText(&rng, 20) + " apple 42 New York pear МОСКВА applesauce " +
                    RandomText(&rng, 10));
  }
  auto run = [&](std::vector<std::vector<TermHit>>* out) {
    TermMatcher m(set);
    for (const std::string& t : texts) {
      std::vector<TermHit> hits;
      ASSERT_TRUE(m.Match(TextDoc(t), &hits).ok());
      out->push_back(std::move(hits));
    }
  };
  std::vector<std::vector<TermHit>> single, a, b;
  run(&single);
  std::thread ta([&] { run(&a); });
  std::thread tb([&] { run(&b); });
  ta.join();
  tb.join();
  ASSERT_EQ(single.size(), texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    ASSERT_EQ(a[i].size(), single[i].size());
    ASSERT_EQ(b[i].size(), single[i].size());
    for (size_t k = 0; k < single[i].size(); ++k) {
      EXPECT_EQ(a[i][k].spans, single[i][k].spans);
      EXPECT_EQ(b[i][k].spans, single[i][k].spans);
    }
  }
}

}  // namespace
}  // namespace winnow::search
