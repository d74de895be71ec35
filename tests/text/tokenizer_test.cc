// The tokenizer's rules (src/text/tokenizer.h), one group of tests per rule,
// then offsets, bad input, size, the hash and the ASCII fast path.
#include "text/tokenizer.h"

#include <gtest/gtest.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <string>
#include <thread>
#include <vector>

#include "text/byte_masks.h"
#include "text/char_class.h"
#include "text/tokenizer_test_util.h"

namespace winnow::text {
namespace {

using test::Hashes;
using test::Words;
using V = std::vector<std::string>;

TEST(TokenizerTest, Empty) {
  std::vector<Token> tokens = {{1, 2, 3}};
  Tokenize("", &tokens);
  EXPECT_TRUE(tokens.empty());
  EXPECT_EQ(Words(" \n\t.,;!?- \r\n"), V{});
}

TEST(TokenizerTest, Case) {
  EXPECT_EQ(Words("The COUNCIL voted"), (V{"the", "council", "voted"}));
  EXPECT_EQ(Hashes("THE COUNCIL VOTED"), Hashes("the council voted"));
  EXPECT_EQ(Words("ÉCONOMIE Économie économie"), (V{"économie", "économie", "économie"}));
}

TEST(TokenizerTest, Apostrophes) {
  for (const char* s : {"don't", "don’t", "DON'T", "don‘t", "donʼt", "don＇t", "Don’T"}) {
    EXPECT_EQ(Words(s), V{"dont"}) << s;
  }
  EXPECT_EQ(Words("the company’s plan"), (V{"the", "companys", "plan"}));
  EXPECT_EQ(Words("'tis the 'best' players' club"), (V{"tis", "the", "best", "players", "club"}));
  EXPECT_EQ(Words("rock''n ’’ x’ ’y"), (V{"rock", "n", "x", "y"}));
  EXPECT_EQ(Words("the 1990’s"), (V{"the", "1990s"}));
  // Invisible format characters join like apostrophes; a zero width space separates.
  EXPECT_EQ(Words("co\u00ADoperate a\u200Db a\u200Bb"), (V{"cooperate", "ab", "a", "b"}));
  EXPECT_EQ(Words("\u2764\uFE0F love \uFEFFit"), (V{"love", "it"}));
}

TEST(TokenizerTest, DashesEllipsesQuotes) {
  const V expected = {"well", "known", "wait", "what"};
  for (const char* s : {"well-known wait...what", "well—known wait…what", "well–known wait … what",
                        "well - known “wait” ‘what’", "«well» „known“ ‹wait› \"what\""}) {
    EXPECT_EQ(Words(s), expected) << s;
  }
}

TEST(TokenizerTest, WhitespaceOfEveryKind) {
  const V expected = {"a", "b", "c", "d", "e", "f", "g", "h"};
  EXPECT_EQ(Words("a\tb\u00A0c\u2003d\u3000e\r\nf\u2028g\u0085h"), expected);
  EXPECT_EQ(Words("a\n\nb\rc\fd\ve  f\n g\u2029h"), expected);
}

TEST(TokenizerTest, BulletsAndNumberedLists) {
  EXPECT_EQ(Words("- alpha\n* beta\n+ gamma\n  - delta"), (V{"alpha", "beta", "gamma", "delta"}));
  EXPECT_EQ(Words("1. The council voted"), (V{"the", "council", "voted"}));
  EXPECT_EQ(Words("1) first\n2) second\n10. tenth"), (V{"first", "second", "tenth"}));
  EXPECT_EQ(Words("2019 was"), (V{"2019", "was"}));
  EXPECT_EQ(Words("2019.\tx 3.5 y"), (V{"x", "3", "5", "y"}));  // at the text start: a marker
  EXPECT_EQ(Words("1.5 million\n1.\n1234567890. x"),
            (V{"1", "5", "million", "1", "1234567890", "x"}));
  // A sentence-ending number hard-wrapped to the start of a line stays a word.
  EXPECT_EQ(Words("the permit was issued in\n2011. The council"),
            (V{"the", "permit", "was", "issued", "in", "2011", "the", "council"}));
  EXPECT_EQ(Words("Intro:\n\n3. third\n4. fourth"), (V{"intro", "third", "fourth"}));
  EXPECT_EQ(Words("Steps:\n1. a\n2. b\n\nThen\n3. c"), (V{"steps", "a", "b", "then", "c"}));
  // A list whose first item shares the intro's line (as chat answers do).
  EXPECT_EQ(Words("Here: 1. a\n2. b\n3. c"), (V{"here", "1", "a", "b", "c"}));
  EXPECT_EQ(Words("the permit was issued in\n2011. The council\nrose by\n4120. x"),
            (V{"the", "permit", "was", "issued", "in", "2011", "the", "council", "rose", "by", "4120", "x"}));
  EXPECT_EQ(Words("1. a\n   1. b\n   2. c\n2. d"), (V{"a", "b", "c", "d"}));
  EXPECT_EQ(Words("1. rose in\n   2011. Then\n2. fell"), (V{"rose", "in", "2011", "then", "fell"}));
  EXPECT_EQ(Words("1. a\r\n2. b\r3. c"), (V{"a", "b", "c"}));
}

TEST(TokenizerTest, ThousandsCommasJoinDigits) {
  EXPECT_EQ(Words("1,905 tons, 72,000,000 dlrs"), (V{"1905", "tons", "72000000", "dlrs"}));
  EXPECT_EQ(Words("1905 tons"), (V{"1905", "tons"}));
  EXPECT_EQ(Words("in 1, 2 and 3,"), (V{"in", "1", "2", "and", "3"}));
  EXPECT_EQ(Words("a,1 b1,c 1.5,2"), (V{"a", "1", "b1", "c", "1", "52"}));
  std::vector<Token> t;
  Tokenize("x 12,345 y", &t);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[1].begin, 2u);
  EXPECT_EQ(t[1].end, 8u);
}

TEST(TokenizerTest, Blockquotes) {
  EXPECT_EQ(Words("> The council\n> voted\n>\n>> again"), (V{"the", "council", "voted", "again"}));
  EXPECT_EQ(Words("> 1. item\n> 2. next\n>- x"), (V{"item", "next", "x"}));
}

TEST(TokenizerTest, Emphasis) {
  EXPECT_EQ(Words("**Bold** words"), (V{"bold", "words"}));
  EXPECT_EQ(Words("_it_ *em* ~~gone~~ `code` __x__"), (V{"it", "em", "gone", "code", "x"}));
  EXPECT_EQ(Words("# Heading\n### Sub heading"), (V{"heading", "sub", "heading"}));
  EXPECT_EQ(Words("snake_case"), (V{"snake", "case"}));
}

TEST(TokenizerTest, HtmlTags) {
  EXPECT_EQ(Words("<p>The <b>council</b> voted</p>"), (V{"the", "council", "voted"}));
  EXPECT_EQ(Words("<!-- a note -->x<br/>y<!DOCTYPE html><a href=\"/z\">z</a>"), (V{"x", "y", "z"}));
  EXPECT_EQ(Words("a < b and c > d"), (V{"a", "b", "and", "c", "d"}));
  EXPECT_EQ(Words("<a <b>c"), (V{"a", "c"}));  // another '<' first: not a tag
  EXPECT_EQ(Words("x <p unclosed"), (V{"x", "p", "unclosed"}));
  EXPECT_EQ(Words("<div\nclass=\"x\">body</div>"), V{"body"});
  // Angle brackets that are not HTML (news wires' company names and tickers)
  // hold words.
  EXPECT_EQ(Words("<Genossenschaftliche\nZentralbank AG> and <FBC>, <MS>"),
            (V{"genossenschaftliche", "zentralbank", "ag", "and", "fbc", "ms"}));
  EXPECT_EQ(Words("<B>bold</B><SPAN CLASS=x>y</SPAN><!---->z"), (V{"bold", "y", "z"}));
  std::string long_tag = "<a " + std::string(1100, 'q') + ">end";
  EXPECT_EQ(Words(long_tag).size(), 3u);
  std::string just_fits = "<a" + std::string(1021, ' ') + ">end";  // 1024 bytes
  EXPECT_EQ(Words(just_fits), V{"end"});
}

TEST(TokenizerTest, HtmlEntities) {
  for (const char* s : {"don&#8217;t", "don&#x2019;t", "don&#X2019;t", "don&rsquo;t", "don&apos;t",
                        "don&lsquo;t", "DON&RSQUO;T", "don&#146;t", "don&#39;t"}) {
    EXPECT_EQ(Words(s), V{"dont"}) << s;
  }
  EXPECT_EQ(Words("AT&amp;T AT&T &lt;b&gt;"), (V{"at", "t", "at", "t", "b"}));
  EXPECT_EQ(Words("caf&#233; caf&eacute; &#x6771;&#20140;"), (V{"café", "caf", "東", "京"}));
  EXPECT_EQ(Words("a&nbsp;b&mdash;c&ndash;d&hellip;e &ldquo;f&rdquo; &quot;g&quot;"),
            (V{"a", "b", "c", "d", "e", "f", "g"}));
  EXPECT_EQ(Words("&#0;a&#x110000;b&#xD800;c&#65;&#66;"), (V{"a", "b", "cab"}));
  EXPECT_EQ(Words("&#123456789;x &;y &#;z & w"), (V{"123456789", "x", "y", "z", "w"}));
}

TEST(TokenizerTest, MarkdownLinks) {
  EXPECT_EQ(Words("[the report](https://x.com/a) said"), (V{"the", "report", "said"}));
  EXPECT_EQ(Words("[w](https://en.wikipedia.org/wiki/Foo_(bar)) next"), (V{"w", "next"}));
  EXPECT_EQ(Words("![alt text](img.png \"title\")"), (V{"alt", "text"}));
  EXPECT_EQ(Words("[a](b\nc) d"), (V{"a", "b", "c", "d"}));
  EXPECT_EQ(Words("[a](unclosed d"), (V{"a", "unclosed", "d"}));
  std::string long_target = "[a](" + std::string(2049, 'q') + ") z";
  EXPECT_EQ(Words(long_target).size(), 3u);
  std::string just_fits = "[a](" + std::string(2048, '/') + ") z";
  EXPECT_EQ(Words(just_fits), (V{"a", "z"}));
}

TEST(TokenizerTest, CjkCharactersAreTokens) {
  EXPECT_EQ(Words("東京は大きい"), (V{"東", "京", "は", "大", "き", "い"}));
  EXPECT_EQ(Words("東京Tower カタカナ"), (V{"東", "京", "tower", "カ", "タ", "カ", "ナ"}));
  EXPECT_EQ(Words("コーヒー"), (V{"コ", "ー", "ヒ", "ー"}));
  EXPECT_EQ(Words("한국어 문장입니다"), (V{"한국어", "문장입니다"}));
  EXPECT_EQ(Hashes("ｶﾞｲﾄﾞ"), Hashes("ガイド"));
  EXPECT_EQ(Hashes("か\u3099"), Hashes("が"));
  EXPECT_EQ(Words("中文，标点。"), (V{"中", "文", "标", "点"}));
  EXPECT_EQ(Words("\U00020000\U0002A6D6"), (V{"\U00020000", "\U0002A6D6"}));  // extension B
}

TEST(TokenizerTest, Nfkc) {
  EXPECT_EQ(Words("ＡＢＣ ﬁnance Straße"), (V{"abc", "finance", "strasse"}));
  EXPECT_EQ(Hashes("STRASSE"), Hashes("straße"));
  EXPECT_EQ(Hashes("ΟΔΟΣ"), Hashes("οδος"));
  EXPECT_EQ(Hashes("cafe\u0301"), Hashes("café"));
  EXPECT_EQ(Words("x² Ⅻ"), (V{"x2", "xii"}));
  EXPECT_EQ(Words("ＤＯＮ＇Ｔ"), V{"dont"});
}

TEST(TokenizerTest, CodePointOffsets) {
  using test::Spans;
  using S = std::vector<std::pair<uint32_t, uint32_t>>;
  EXPECT_EQ(Spans("naïve café"), (S{{0, 5}, {6, 10}}));
  EXPECT_EQ(Spans("東京 Tokyo"), (S{{0, 1}, {1, 2}, {3, 8}}));
  EXPECT_EQ(Spans("😀 don’t stop"), (S{{2, 7}, {8, 12}}));
  EXPECT_EQ(Spans("€ don&#8217;t x"), (S{{2, 13}, {14, 15}}));
  EXPECT_EQ(Spans("<b>Ωμέγα</b> ñ [ü](ü) ß"), (S{{3, 8}, {13, 14}, {16, 17}, {22, 23}}));
  EXPECT_EQ(Spans("ｶﾞ か\u3099x"), (S{{0, 2}, {3, 5}, {5, 6}}));
  EXPECT_EQ(Spans("ü\n1. ß"), (S{{0, 1}, {5, 6}}));
  EXPECT_EQ(Words("ü\n1. ß"), (V{"ü", "ss"}));
}

TEST(TokenizerTest, InvalidUtf8) {
  using test::Spans;
  using S = std::vector<std::pair<uint32_t, uint32_t>>;
  EXPECT_EQ(Words("ab\xFF"
                  "cd"),
            (V{"ab", "cd"}));
  EXPECT_EQ(Spans("ab\xFF"
                  "cd"),
            (S{{0, 2}, {3, 5}}));
  // One code point per maximal ill-formed subpart, as U+FFFD replacement counts them.
  EXPECT_EQ(Spans("x\xE2\x80y"), (S{{0, 1}, {2, 3}}));
  EXPECT_EQ(Spans("a\xC0\xAF"
                  "b"),
            (S{{0, 1}, {3, 4}}));
  EXPECT_EQ(Spans("a\xED\xA0\x80"
                  "b"),
            (S{{0, 1}, {4, 5}}));
  EXPECT_EQ(Spans("é\xF0\x9F\x98"
                  "b é"),
            (S{{0, 1}, {2, 3}, {4, 5}}));
  EXPECT_EQ(Words("end\xE2\x80"), V{"end"});
  EXPECT_EQ(Words("caf\xC3"), V{"caf"});
  EXPECT_EQ(Words(std::string("a\0b", 3)), (V{"a", "b"}));
  EXPECT_EQ(Spans("<b \xFF>x"), (S{{5, 6}}));  // an invalid byte inside a tag
}

TEST(TokenizerTest, OneMegabyte) {
  const std::string para = "The naïve council’s 3 votes — “yes” — were cast in 東京. ";
  std::vector<Token> one;
  Tokenize(para, &one);
  ASSERT_EQ(one.size(), 11u);
  const uint32_t para_cps = 55;
  std::string text;
  size_t copies = 0;
  while (text.size() < (1u << 20)) {
    text += para;
    ++copies;
  }
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  ASSERT_EQ(tokens.size(), copies * one.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& a = tokens[i];
    const Token& b = one[i % one.size()];
    const uint32_t shift = static_cast<uint32_t>(i / one.size()) * para_cps;
    ASSERT_EQ(a.hash, b.hash) << i;
    ASSERT_EQ(a.begin, b.begin + shift) << i;
    ASSERT_EQ(a.end, b.end + shift) << i;
  }
}

TEST(TokenizerTest, TokensMatchWords) {
  const std::string text = test::MixedSample();
  std::vector<Token> tokens;
  std::vector<std::string> words;
  Tokenize(text, &tokens);
  NormalizedWords(text, &words);
  ASSERT_EQ(tokens.size(), words.size());
  for (size_t i = 0; i < words.size(); ++i)
    EXPECT_EQ(tokens[i].hash, WordHash(words[i])) << words[i];
}

// Each token's span, cut out of the text by code points and tokenized
// alone, gives that token back (the offsets are exact).
TEST(TokenizerTest, SpansRetokenize) {
  const std::string text = test::MixedSample();
  std::vector<Token> tokens, alone;
  Tokenize(text, &tokens);
  ASSERT_GT(tokens.size(), 80u);
  for (const Token& t : tokens) {
    const std::string slice = test::CodePointSlice(text, t.begin, t.end);
    Tokenize(slice, &alone);
    ASSERT_EQ(alone.size(), 1u) << slice;
    EXPECT_EQ(alone[0].hash, t.hash) << slice;
    EXPECT_EQ(alone[0].begin, 0u);
  }
}

// The stored hash must never change: pinned values, and an independent
// implementation of the definition in tokenizer.h.
TEST(WordHashTest, StableAndAsDocumented) {
  for (const char* w :
       {"", "a", "the", "council", "12345678", "internationalization", "東", "café"}) {
    EXPECT_EQ(WordHash(w), test::ReferenceWordHash(w)) << w;
  }
  EXPECT_EQ(WordHash("the"), 0x0023D29B7EF05684ULL);
  EXPECT_EQ(WordHash("internationalization"), 0xEC9FD2575E993DA7ULL);
  EXPECT_EQ(WordHash("東"), 0x556933CB75E2A2E1ULL);
}

std::string IcuNormalize(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nf = icu::Normalizer2::getNFKCCasefoldInstance(err);
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  nf->normalizeUTF8(0, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink, nullptr,
                    err);
  EXPECT_TRUE(U_SUCCESS(err));
  return out;
}

// Every ASCII word, through the fast path (plain) and the assembled path
// (with an apostrophe), hashes as ICU's normalization of it would.
TEST(WordHashTest, AsciiFastPathEqualsIcu) {
  const std::string alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  uint64_t s = 7;
  std::vector<Token> tokens;
  std::vector<std::string> words;
  for (int i = 0; i < 3000; ++i) {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    std::string w;
    const size_t len = 1 + (s >> 33) % 27;
    for (size_t k = 0; k < len; ++k) w.push_back(alnum[(s >> (k % 50)) % alnum.size()]);
    const std::string expected = IcuNormalize(w);
    NormalizedWords(w + " ", &words);
    ASSERT_EQ(words, V{expected}) << w;
    Tokenize(w, &tokens);
    ASSERT_EQ(tokens.size(), 1u);
    ASSERT_EQ(tokens[0].hash, WordHash(expected)) << w;
    const std::string split = w.substr(0, len / 2 + 1) + "'" + w.substr(len / 2 + 1) + "x";
    Tokenize(split, &tokens);
    ASSERT_EQ(tokens.size(), 1u) << split;
    ASSERT_EQ(tokens[0].hash, WordHash(IcuNormalize(w + "x"))) << split;
  }
}

// Random bytes drawn from markup, UTF-8 pieces and invalid sequences: no
// crash (the sanitizer build checks memory), spans ordered and in range,
// both entry points agree.
TEST(TokenizerTest, RandomInputInvariants) {
  const std::vector<std::string> pieces = {
      "a", "Z", "7", " ", "\n", "\r", "\n\n", "1. ", "- ", "> ", "'", "’", "&", "&amp;", "&#8217;",
      "&#x", ";", "<", ">", "<b>", "](", ")", "]", "(", "é", "е", "東", "\u3099", "\u00AD", "\xE2\x80",
      "\xFF", "\xC3", "\xF0\x9F\x98\x80", "#", "**", "\t"};
  uint64_t s = 99;
  std::vector<Token> tokens;
  std::vector<std::string> words;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    const int len = static_cast<int>((s >> 40) % 60);
    for (int k = 0; k < len; ++k) {
      s = s * 6364136223846793005ULL + 1442695040888963407ULL;
      text += pieces[(s >> 33) % pieces.size()];
    }
    Tokenize(text, &tokens);
    NormalizedWords(text, &words);
    ASSERT_EQ(tokens.size(), words.size()) << text;
    uint32_t last = 0;
    for (size_t i = 0; i < tokens.size(); ++i) {
      ASSERT_LE(last, tokens[i].begin) << text;
      ASSERT_LT(tokens[i].begin, tokens[i].end) << text;
      ASSERT_LE(tokens[i].end, text.size()) << text;
      ASSERT_EQ(tokens[i].hash, WordHash(words[i])) << text;
      last = tokens[i].end;
    }
  }
}

// The vectorized byte classification agrees with the byte table.
TEST(TokenizerTest, ByteMasksMatchTable) {
  uint8_t bytes[256];
  for (int c = 0; c < 256; ++c) bytes[c] = static_cast<uint8_t>(c);
  for (int block = 0; block < 4; ++block) {
    const internal::ByteMasks m = internal::Classify64(bytes + 64 * block);
    for (int k = 0; k < 64; ++k) {
      const uint8_t kind = KindOfByte(bytes[64 * block + k]);
      EXPECT_EQ((m.alnum >> k) & 1, kind == kByteAlnum) << 64 * block + k;
      EXPECT_EQ((m.special >> k) & 1, kind != kByteAlnum && kind != kByteSep) << 64 * block + k;
    }
  }
}

TEST(TokenizerTest, ConcurrentCallsAgree) {
  const std::string text = test::MixedSample();
  std::vector<Token> expected;
  std::vector<std::vector<Token>> got(4);
  std::vector<std::thread> threads;
  for (auto& g : got) threads.emplace_back([&text, &g] { Tokenize(text, &g); });
  for (auto& t : threads) t.join();
  Tokenize(text, &expected);
  for (const auto& g : got) {
    ASSERT_EQ(g.size(), expected.size());
    for (size_t i = 0; i < g.size(); ++i) EXPECT_EQ(g[i].hash, expected[i].hash);
  }
}

}  // namespace
}  // namespace winnow::text
