// The search engine (search/engine.h) against the semantics of query.h: one
// group per leaf kind and operator, then the word definition (CJK, case
// folding, ill-formed UTF-8), code-point spans, fields, metadata and errors.
#include "search/engine.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "search/engine_test_util.h"
#include "search/query.h"

namespace winnow::search {
namespace {

using engine_test::Find;
using engine_test::MustCompile;
using engine_test::TextDoc;

TEST(EngineTest, LiteralWords) {
  EXPECT_EQ(Find("apple", "An Apple, an APPLE."), "[3,8)=Apple [13,18)=APPLE");
  EXPECT_EQ(Find("apple", "pineapple apples applet"), "-");
  EXPECT_EQ(Find("apple", "apple"), "[0,5)=apple");
  EXPECT_EQ(Find("a", "a b a"), "[0,1)=a [4,5)=a");
  EXPECT_EQ(Find("2024", "in 2024, not 20245 or x2024"), "[3,7)=2024");
  EXPECT_EQ(Find("the", "The theme of the day"), "[0,3)=The [13,16)=the");
}

TEST(EngineTest, Phrases) {
  EXPECT_EQ(Find("new york", "New  York, new-york, new\n\tyork"),
            "[0,9)=New  York [11,19)=new-york [21,30)=new\n\tyork");
  EXPECT_EQ(Find("new york", "new jersey york; newyork; new yorker"), "-");
  EXPECT_EQ(Find("new york times", "the New York Times said"), "[4,18)=New York Times");
  EXPECT_EQ(Find("of the", "one of the, of  THE"), "[4,10)=of the [12,19)=of  THE");
  EXPECT_EQ(Find("a a", "a a a"), "[0,3)=a a [2,5)=a a");  // occurrences may overlap
  EXPECT_EQ(Find("nytimes.com", "see nytimes.com or NYTimes com"), "[4,15)=nytimes.com [19,30)=NYTimes com");
}

TEST(EngineTest, ApostrophesSeparate) {
  EXPECT_EQ(Find("don't", "I don't, I don’t, DON T, dont"), "[2,7)=don't [11,16)=don’t [18,23)=DON T");
  EXPECT_EQ(Find("company", "the company's plan"), "[4,11)=company");
}

TEST(EngineTest, Wildcards) {
  EXPECT_EQ(Find("appl*", "apple Apply appl app applesauce"),
            "[0,5)=apple [6,11)=Apply [12,16)=appl [21,31)=applesauce");
  EXPECT_EQ(Find("b?nana", "banana bonana bnana baanana"), "[0,6)=banana [7,13)=bonana");
  EXPECT_EQ(Find("*ing", "sing ring ing bingo"), "[0,4)=sing [5,9)=ring [10,13)=ing");
  EXPECT_EQ(Find("*ana*", "banana cabana anatomy nothing"), "[0,6)=banana [7,13)=cabana [14,21)=anatomy");
  EXPECT_EQ(Find("c?t", "cat cut coat ct"), "[0,3)=cat [4,7)=cut");
  EXPECT_EQ(Find("new yor*", "New Yorkers and new york"), "[0,11)=New Yorkers [16,24)=new york");
  EXPECT_EQ(Find("caf?", "café cafe caff"), "[0,4)=café [5,9)=cafe [10,14)=caff");
}

TEST(EngineTest, Stems) {
  EXPECT_EQ(Find("apply~", "apply applies Applied applying apple application"),
            "[0,5)=apply [6,13)=applies [14,21)=Applied [22,30)=applying");
  EXPECT_EQ(Find("dying~", "he died, they die, dying"), "[3,7)=died [14,17)=die [19,24)=dying");
  EXPECT_EQ(Find("run~", "runs running ran runner"), "[0,4)=runs [5,12)=running");
  EXPECT_EQ(Find("sky~", "skies sky skis"), "[0,5)=skies [6,9)=sky");
}

TEST(EngineTest, Fuzzy) {
  // Prefix "ba" exact, then "nana" within one edit.
  EXPECT_EQ(Find("ba%nana", "banana bananas banan bxnana banaxa bnana"),
            "[0,6)=banana [7,14)=bananas [15,20)=banan [28,34)=banaxa");
  EXPECT_EQ(Find("%apple", "apple aple apples appel xapple"),
            "[0,5)=apple [6,10)=aple [11,17)=apples [24,30)=xapple");
  EXPECT_EQ(Find("ba%%nana", "bana baxxnana banana"), "[0,4)=bana [5,13)=baxxnana [14,20)=banana");
  // Too short to give k + 1 pieces: every word is tried.
  EXPECT_EQ(Find("%%a", "a ab xyz b"), "[0,1)=a [2,4)=ab [9,10)=b");
}

TEST(EngineTest, Regex) {
  EXPECT_EQ(Find("/colou?r/", "Color, colour, colr"), "[0,5)=Color [7,13)=colour");
  EXPECT_EQ(Find("/a+/", "xaaay a"), "[1,4)=aaa [6,7)=a");  // overlapping matches merge
  EXPECT_EQ(Find("/\\d{3}-\\d{4}/", "call 555-1234 now"), "[5,13)=555-1234");
  EXPECT_EQ(Find("/new\\s+york/", "NEW   York"), "[0,10)=NEW   York");
  EXPECT_EQ(Find("/ll/", "hello"), "[2,4)=ll");  // inside words too
  // Unicode classes and caseless matching in UTF-8; spans in code points.
  EXPECT_EQ(Find("/\\w+ß/", "Éé straße"), "[3,8)=straß");
  EXPECT_EQ(Find("/москва/", "в МОСКВА и"), "[2,8)=МОСКВА");
}

TEST(EngineTest, Boolean) {
  auto set = MustCompile(
      {"apple AND pear", "apple OR pear", "NOT apple", "apple AND NOT pear", "(apple OR fig) AND pear"});
  const Document both = TextDoc("apple and pear");
  const Document apple = TextDoc("an apple");
  const Document none = TextDoc("nothing");
  EXPECT_EQ(Find(set, both, 0), "[0,5)=apple [10,14)=pear");
  EXPECT_EQ(Find(set, apple, 0), "-");
  EXPECT_EQ(Find(set, apple, 1), "[3,8)=apple");
  EXPECT_EQ(Find(set, none, 1), "-");
  EXPECT_EQ(Find(set, none, 2), "match");
  EXPECT_EQ(Find(set, apple, 2), "-");
  EXPECT_EQ(Find(set, apple, 3), "[3,8)=apple");
  EXPECT_EQ(Find(set, both, 3), "-");
  EXPECT_EQ(Find(set, both, 4), "[0,5)=apple [10,14)=pear");
  EXPECT_EQ(Find(set, TextDoc("fig pear"), 4), "[0,3)=fig [4,8)=pear");
}

TEST(EngineTest, TermsComeInOrderAndShareLeaves) {
  auto set = MustCompile({"pear", "apple", "apple OR pear", "apple w/1 pear"});
  TermMatcher m(set);
  std::vector<TermHit> hits;
  ASSERT_TRUE(m.Match(TextDoc("apple pear"), &hits).ok());
  ASSERT_EQ(hits.size(), 4u);
  for (uint32_t i = 0; i < 4; ++i) EXPECT_EQ(hits[i].term, i);
  EXPECT_EQ(hits[3].spans, (std::vector<Span>{{0, 0, 5}, {0, 6, 10}}));
  // The matcher is reusable: nothing carries over to the next document.
  ASSERT_TRUE(m.Match(TextDoc("pear"), &hits).ok());
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].term, 0u);
  EXPECT_EQ(hits[1].term, 2u);
  ASSERT_TRUE(m.Match(TextDoc(""), &hits).ok());
  EXPECT_TRUE(hits.empty());
}

TEST(EngineTest, ProximityAtTheBoundary) {
  // Words: a=0 x=1 x=2 x=3 b=4, so a and b are 4 words apart.
  const Document d = TextDoc("a x x x b");
  EXPECT_EQ(Find(MustCompile({"a w/4 b"}), d), "[0,1)=a [8,9)=b");
  EXPECT_EQ(Find(MustCompile({"a w/3 b"}), d), "-");
  EXPECT_EQ(Find(MustCompile({"b w/4 a"}), d), "[0,1)=a [8,9)=b");  // any order
  EXPECT_EQ(Find(MustCompile({"a pre/4 b"}), d), "[0,1)=a [8,9)=b");
  EXPECT_EQ(Find(MustCompile({"b pre/4 a"}), d), "-");
  EXPECT_EQ(Find(MustCompile({"a not w/3 b"}), d), "[0,1)=a");
  EXPECT_EQ(Find(MustCompile({"a not w/4 b"}), d), "-");
  EXPECT_EQ(Find(MustCompile({"a not w/4 zzz"}), d), "[0,1)=a");
  // Adjacent words are 1 apart; a span and itself 0.
  EXPECT_EQ(Find(MustCompile({"a w/1 x"}), d), "[0,1)=a [2,3)=x");
  EXPECT_EQ(Find(MustCompile({"a w/1 b"}), d), "-");
  EXPECT_EQ(Find(MustCompile({"x w/1 x"}), d), "[2,3)=x [4,5)=x [6,7)=x");
  EXPECT_EQ(Find(MustCompile({"a not w/1 a"}), d), "-");
  // pre/N: x ends before y starts, at most N words apart.
  EXPECT_EQ(Find(MustCompile({"x pre/1 x"}), d), "[2,3)=x [4,5)=x [6,7)=x");
  EXPECT_EQ(Find(MustCompile({"x pre/1 b"}), d), "[6,7)=x [8,9)=b");
  EXPECT_EQ(Find(MustCompile({"x pre/2 b"}), d), "[4,5)=x [6,7)=x [8,9)=b");
  // Phrases: distance from the last word of the earlier to the first of the later.
  const Document p = TextDoc("new york is a big city hall");
  EXPECT_EQ(Find(MustCompile({"new york w/4 city hall"}), p), "[0,8)=new york [18,27)=city hall");
  EXPECT_EQ(Find(MustCompile({"new york w/3 city hall"}), p), "-");
  // Only the spans that pair are kept.
  EXPECT_EQ(Find(MustCompile({"a w/1 b"}), TextDoc("a b x x a")), "[0,1)=a [2,3)=b");
  // Nested: the spans of the inner pair are the outer's x.
  EXPECT_EQ(Find(MustCompile({"(a w/1 b) w/2 c"}), TextDoc("a b q c")), "[2,3)=b [6,7)=c");
  EXPECT_EQ(Find(MustCompile({"(a w/1 b) pre/1 c"}), TextDoc("a b q c")), "-");
}

TEST(EngineTest, ProximityWithRegexAndCjk) {
  EXPECT_EQ(Find(MustCompile({"/\\d+/ w/2 dollars"}), TextDoc("paid 300 in dollars")),
            "[5,8)=300 [12,19)=dollars");
  // CJK: each character is a word, so 中 and 国 in 中国人 are 1 apart.
  EXPECT_EQ(Find(MustCompile({"中 w/2 人"}), TextDoc("中国人")), "[0,1)=中 [2,3)=人");
  EXPECT_EQ(Find(MustCompile({"中 w/1 人"}), TextDoc("中国人")), "-");
}

TEST(EngineTest, ProximityNeedsTheSameFieldInstance) {
  Document d;
  d.fields.push_back({TextField::kTools, 0, "alpha"});
  d.fields.push_back({TextField::kTools, 1, "beta"});
  d.fields.push_back({TextField::kOutput, 0, "alpha beta"});
  auto set = MustCompile({"alpha w/5 beta"});
  EXPECT_EQ(Find(set, d), "2:[0,5)=alpha 2:[6,10)=beta");
}

TEST(EngineTest, Cjk) {
  EXPECT_EQ(Find("中国", "我爱中国人民"), "[2,4)=中国");
  EXPECT_EQ(Find("中国", "中 国"), "[0,3)=中 国");  // separators between words are allowed
  EXPECT_EQ(Find("国", "中国"), "[1,2)=国");
  EXPECT_EQ(Find("東京タワー", "東京タワーに行く"), "[0,5)=東京タワー");
  EXPECT_EQ(Find("abc", "中abc国"), "[1,4)=abc");               // a CJK character ends a word
  EXPECT_EQ(Find("か\u3099", "か\u3099き"), "[0,2)=か\u3099");  // marks stay with their character
  EXPECT_EQ(Find("か", "か\u3099き"), "-");
  EXPECT_EQ(Find("日本", "日本語"), "[0,2)=日本");
}

TEST(EngineTest, CaseFoldingBeyondAscii) {
  EXPECT_EQ(Find("москва", "В МОСКВЕ, Москва и МОСКВА"), "[10,16)=Москва [19,25)=МОСКВА");
  EXPECT_EQ(Find("ΣΟΦΟΣ", "σοφος σοφός ΣΟΦΟΣ σοφοσ"), "[0,5)=σοφος [12,17)=ΣΟΦΟΣ [18,23)=σοφοσ");
  EXPECT_EQ(Find("Économie", "économie ÉCONOMIE economie"), "[0,8)=économie [9,17)=ÉCONOMIE");
  // Characters whose folding is ASCII: KELVIN SIGN folds to k, LONG S to s.
  EXPECT_EQ(Find("kelvin", "\u212Aelvin"), "[0,6)=\u212Aelvin");
  EXPECT_EQ(Find("ask", "a\u017F\u212A"), "[0,3)=a\u017F\u212A");
  EXPECT_EQ(Find("ask", "ASK a\u017Fk"), "[0,3)=ASK [4,7)=a\u017Fk");
  // Simple folding only: ß is not ss.
  EXPECT_EQ(Find("strasse", "Straße"), "-");
  EXPECT_EQ(Find("straße", "STRAẞE straße"), "[0,6)=STRAẞE [7,13)=straße");
  // No normalization: a decomposed é is e + a mark (one word), not é.
  EXPECT_EQ(Find("cafe\u0301", "CAFE\u0301 café"), "[0,5)=CAFE\u0301");
  EXPECT_EQ(Find("cafe", "cafe\u0301"), "-");
  EXPECT_EQ(Find("appl*", "APPLÉ"), "[0,5)=APPLÉ");
}

TEST(EngineTest, IllFormedUtf8SeparatesAndCountsOneCodePoint) {
  EXPECT_EQ(Find("cd",
                 "ab\xFF"
                 "cd"),
            "[3,5)=cd");
  EXPECT_EQ(Find("ab cd",
                 "ab\xFF"
                 "cd"),
            "[0,5)=ab\xFF"
            "cd");
  // A truncated 3-byte sequence is one ill-formed code point.
  EXPECT_EQ(Find("cd",
                 "ab\xE2\x82"
                 "cd é cd"),
            "[3,5)=cd [8,10)=cd");
  EXPECT_EQ(Find("é", "\xC3\xA9\xA9 é"), "[0,1)=é [3,4)=é");  // a stray continuation byte
  EXPECT_EQ(Find("x", "\xF0\x9F\x98x"), "[1,2)=x");
  EXPECT_EQ(Find("x", "\xE9x\xE9"), "[1,2)=x");
}

TEST(EngineTest, SpansAreCodePointsOfMultibyteText) {
  EXPECT_EQ(Find("apple", "café 🍎 apple"), "[7,12)=apple");
  EXPECT_EQ(Find("naïve", "“naïve”"), "[1,6)=naïve");
  EXPECT_EQ(Find("/a.b/", "é a😀b"), "[2,5)=a😀b");
}

TEST(EngineTest, Marks) {
  // A mark after a separator starts a word; after a letter it continues one.
  EXPECT_EQ(Find("x", "x\u0301"), "-");
  EXPECT_EQ(Find("x\u0301", "ax\u0301 x\u0301"), "[4,6)=x\u0301");
  EXPECT_EQ(Find("\u0301x", " \u0301x"), "[1,3)=\u0301x");
}

TEST(EngineTest, Fields) {
  Document d;
  d.fields.push_back({TextField::kPrompt, 0, "tell me about apples"});
  d.fields.push_back({TextField::kOutput, 0, "apples are red"});
  d.fields.push_back({TextField::kTools, 0, "search: apples"});
  auto set = MustCompile(
      {"apples", "prompt:apples", "output:(red OR apples)", "tools:/app\\w+/", "text:apples", "prompt:red"});
  EXPECT_EQ(Find(set, d, 0), "0:[14,20)=apples 1:[0,6)=apples 2:[8,14)=apples");
  EXPECT_EQ(Find(set, d, 1), "0:[14,20)=apples");
  EXPECT_EQ(Find(set, d, 2), "1:[0,6)=apples 1:[11,14)=red");
  EXPECT_EQ(Find(set, d, 3), "2:[8,14)=apples");
  EXPECT_EQ(Find(set, d, 4), "-");
  EXPECT_EQ(Find(set, d, 5), "-");
}

TEST(EngineTest, Metadata) {
  Document d = TextDoc("hello");
  d.model = "gpt-4o-mini";
  d.time = "2024-03-15T10:00:00Z";
  d.user = "u123";
  d.conversation = "c9";
  d.entry = "c9/3";
  auto set =
      MustCompile({"model:gpt-4*", "model:GPT-4O-MINI", "model:claude*", "model:gpt-4?-mini", "date:2024-03",
                   "date:2024-01..2024-02", "date:2024-01..2024-06", "date:..2024-03-15", "date:2024-03-16..",
                   "user:u123 AND conversation:c9", "entry:c9*", "hello AND model:gpt*", "date:2024"});
  EXPECT_EQ(Find(set, d, 0), "match");
  EXPECT_EQ(Find(set, d, 1), "match");
  EXPECT_EQ(Find(set, d, 2), "-");
  EXPECT_EQ(Find(set, d, 3), "match");
  EXPECT_EQ(Find(set, d, 4), "match");
  EXPECT_EQ(Find(set, d, 5), "-");
  EXPECT_EQ(Find(set, d, 6), "match");
  EXPECT_EQ(Find(set, d, 7), "match");
  EXPECT_EQ(Find(set, d, 8), "-");
  EXPECT_EQ(Find(set, d, 9), "match");
  EXPECT_EQ(Find(set, d, 10), "match");
  EXPECT_EQ(Find(set, d, 11), "[0,5)=hello");
  EXPECT_EQ(Find(set, d, 12), "match");
  Document no_time = TextDoc("hello");
  EXPECT_EQ(Find(set, no_time, 7), "-");
}

TEST(EngineTest, BadRegexNamesTheTerm) {
  std::vector<Term> terms;
  for (const char* q : {"apple", "x OR /a(b/"}) {
    Term& t = terms.emplace_back();
    t.name = std::string("term") + std::to_string(terms.size());
    t.line = static_cast<int>(terms.size()) + 10;
    StatusOr<Query> parsed = ParseQuery(q);
    ASSERT_TRUE(parsed.ok());
    t.query = std::move(parsed).value();
  }
  auto set = TermSet::Compile(std::move(terms));
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(set.status().message().find("line 12: term 'term2': column 6: regular expression /a(b/"),
            std::string::npos)
      << set.status().message();
  std::vector<Term> empty_match(1);
  empty_match[0].name = "opt";
  empty_match[0].query = ParseQuery("/a*/").value();
  auto set2 = TermSet::Compile(std::move(empty_match));
  ASSERT_FALSE(set2.ok());
  EXPECT_NE(set2.status().message().find("term 'opt'"), std::string::npos) << set2.status().message();
}

// Trees the parser does not produce, built by hand.
TEST(EngineTest, HandBuiltTrees) {
  auto phrase = [](std::vector<std::pair<WordPattern::Kind, std::string>> words) {
    auto n = std::make_unique<Node>();
    n->kind = Node::Kind::kPhrase;
    for (auto& [k, w] : words) n->words.push_back({k, w, 1});
    return n;
  };
  auto field = [](TextField f, std::unique_ptr<Node> child) {
    auto n = std::make_unique<Node>();
    n->kind = Node::Kind::kField;
    n->field = f;
    n->children.push_back(std::move(child));
    return n;
  };
  std::vector<Term> terms(3);
  // A literal word pattern holding several words is the phrase of them.
  terms[0].query.root = phrase({{WordPattern::Kind::kLiteral, "New York"}});
  // The innermost field scope wins.
  terms[1].query.root =
      field(TextField::kPrompt, field(TextField::kOutput, phrase({{WordPattern::Kind::kLiteral, "york"}})));
  // A wildcard without * or ? is a literal.
  terms[2].query.root = phrase({{WordPattern::Kind::kWildcard, "york"}});
  for (size_t i = 0; i < terms.size(); ++i) terms[i].name = "h" + std::to_string(i);
  auto set = TermSet::Compile(std::move(terms));
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  Document d;
  d.fields.push_back({TextField::kPrompt, 0, "new york"});
  d.fields.push_back({TextField::kOutput, 0, "york"});
  EXPECT_EQ(Find(set.value(), d, 0), "0:[0,8)=new york");
  EXPECT_EQ(Find(set.value(), d, 1), "1:[0,4)=york");
  EXPECT_EQ(Find(set.value(), d, 2), "0:[4,8)=york 1:[0,4)=york");
}

TEST(EngineTest, ManyTermsOneScan) {
  std::vector<std::string> queries;
  std::string text;
  for (int i = 0; i < 300; ++i) {
    queries.push_back("word" + std::to_string(i) + " x" + std::to_string(i));
    if (i % 3 == 0) text += "Word" + std::to_string(i) + ", X" + std::to_string(i) + "; ";
  }
  auto set = MustCompile(queries);
  ASSERT_TRUE(set);
  TermMatcher m(set);
  std::vector<TermHit> hits;
  ASSERT_TRUE(m.Match(TextDoc(text), &hits).ok());
  ASSERT_EQ(hits.size(), 100u);
  for (size_t i = 0; i < hits.size(); ++i) {
    EXPECT_EQ(hits[i].term, 3 * i);
    EXPECT_EQ(hits[i].spans.size(), 1u);
  }
}

}  // namespace
}  // namespace winnow::search
