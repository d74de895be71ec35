// The Hyperscan engine against the reference evaluator (reference_eval.h).
// First the reference itself, on documents small enough to check by hand
// against search/query.h; then both on hand-made edge cases (case folding,
// marks, CJK, apostrophes, ill-formed UTF-8); then both on generated chat
// logs, per entry: the match flag, and the spans when the query has no
// regex (regex spans are an approximation in the reference).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "corpus/corpus_test_util.h"
#include "search/engine.h"
#include "search/query.h"
#include "search/reference_eval.h"
#include "winnow/chat_reader.h"
#include "winnow/gen.h"

namespace winnow::search {
namespace {

using reference::RefDocument;
using reference::ReferenceEvaluator;
using reference::RefResult;

Query MustParse(std::string_view text) {
  StatusOr<Query> q = ParseQuery(text);
  EXPECT_TRUE(q.ok()) << text << ": " << q.status().ToString();
  if (!q.ok()) return ParseQuery("zzzzunparsable").value();
  return std::move(q).value();
}

std::string SpansString(const std::vector<Span>& spans) {
  std::string out;
  for (const Span& s : spans) {
    if (!out.empty()) out += ' ';
    out += std::to_string(s.field) + ":" + std::to_string(s.start) + "-" + std::to_string(s.end);
  }
  return out.empty() ? "-" : out;
}

// The reference's answer as "spans" (or "no match", or "match, no spans").
std::string Ref(std::string_view query, const Document& doc) {
  ReferenceEvaluator eval;
  const Query q = MustParse(query);
  StatusOr<RefResult> r = eval.Evaluate(*q.root, doc);
  if (!r.ok()) return "error: " + r.status().message();
  if (!r->matched) return "no match";
  return r->spans.empty() ? "match, no spans" : SpansString(r->spans);
}

Document OneField(std::string_view text, TextField kind = TextField::kPrompt) {
  Document d;
  d.fields.push_back({kind, 0, text});
  return d;
}

bool HasRegex(const Node& n) {
  if (n.kind == Node::Kind::kRegex) return true;
  for (const auto& c : n.children) {
    if (HasRegex(*c)) return true;
  }
  return false;
}

TEST(ReferenceEvalTest, Words) {
  using V = std::vector<std::string>;
  EXPECT_EQ(reference::SplitWords("Don't stop—the Daily-Ledger's x1"),
            (V{"Don", "t", "stop", "the", "Daily", "Ledger", "s", "x1"}));
  EXPECT_EQ(reference::SplitWords("中国人 abc東京def ｶﾞ"), (V{"中", "国", "人", "abc", "東", "京", "def", "ｶ", "ﾞ"}));
  EXPECT_EQ(reference::SplitWords("pay\xffwall \xe2\x82 x"), (V{"pay", "wall", "x"}));
  EXPECT_EQ(reference::SplitWords("nai\u0308ve \u0301a 😊ok_go"), (V{"nai\u0308ve", "\u0301a", "ok", "go"}));
  EXPECT_EQ(reference::SplitWords("スーパー"), (V{"ス", "ー", "パ", "ー"}));
}

TEST(ReferenceEvalTest, WordPatterns) {
  ReferenceEvaluator eval;
  auto m = [&](WordPattern::Kind kind, const char* pattern, const char* word) {
    WordPattern p;
    p.kind = kind;
    p.text = pattern;
    return eval.WordMatches(p, word);
  };
  using K = WordPattern::Kind;
  EXPECT_TRUE(m(K::kLiteral, "Économie", "éCONOMIE"));
  EXPECT_FALSE(m(K::kLiteral, "economie", "économie"));  // accents count
  EXPECT_FALSE(m(K::kLiteral, "strasse", "straße"));     // simple folding: ß stays
  EXPECT_TRUE(m(K::kLiteral, "ΣΟΦΟΣ", "σοφος"));
  EXPECT_TRUE(m(K::kWildcard, "appl*", "APPLE"));
  EXPECT_TRUE(m(K::kWildcard, "appl*", "appl"));
  EXPECT_TRUE(m(K::kWildcard, "*pl*", "apple"));
  EXPECT_FALSE(m(K::kWildcard, "appl?", "appl"));
  EXPECT_TRUE(m(K::kWildcard, "b?pass", "bypass"));
  EXPECT_FALSE(m(K::kWildcard, "b?ypass", "bypass"));
  EXPECT_TRUE(m(K::kStem, "apply", "applied"));
  EXPECT_TRUE(m(K::kStem, "Reports", "reporting"));
  EXPECT_FALSE(m(K::kStem, "apply", "apple"));
  EXPECT_TRUE(m(K::kFuzzy, "ba%nana", "banana"));
  EXPECT_TRUE(m(K::kFuzzy, "ba%nana", "bananas"));
  EXPECT_TRUE(m(K::kFuzzy, "ba%nana", "BAnona"));
  EXPECT_FALSE(m(K::kFuzzy, "ba%nana", "bonana"));  // the prefix is exact
  EXPECT_FALSE(m(K::kFuzzy, "ba%nana", "banxxa"));
  EXPECT_TRUE(m(K::kFuzzy, "ba%%nana", "banxxa"));
  EXPECT_TRUE(m(K::kFuzzy, "%apple", "appl"));
  EXPECT_FALSE(m(K::kFuzzy, "%apple", "appel"));  // a transposition is two edits
  EXPECT_TRUE(m(K::kFuzzy, "%%apple", "appel"));
  EXPECT_TRUE(m(K::kFuzzy, "ab%", "abc"));
  EXPECT_TRUE(m(K::kFuzzy, "ab%", "ab"));
  EXPECT_FALSE(m(K::kFuzzy, "ab%", "a"));
}

TEST(ReferenceEvalTest, PhrasesAndBoolean) {
  //                           0         1         2         3         4
  //                           0123456789012345678901234567890123456789012345
  const Document d = OneField("The New  York-Times: new york, NEW YORKER times");
  EXPECT_EQ(Ref("new york", d), "0:4-13 0:21-29");
  EXPECT_EQ(Ref("york times", d), "0:9-19");
  EXPECT_EQ(Ref("\"new york\" times", d), "0:4-19");
  EXPECT_EQ(Ref("new yorke*", d), "0:31-41");
  EXPECT_EQ(Ref("york OR times", d), "0:9-13 0:14-19 0:25-29 0:42-47");
  EXPECT_EQ(Ref("york AND boston", d), "no match");
  EXPECT_EQ(Ref("york AND yorker", d), "0:9-13 0:25-29 0:35-41");
  EXPECT_EQ(Ref("NOT boston", d), "match, no spans");
  EXPECT_EQ(Ref("NOT york", d), "no match");
  EXPECT_EQ(Ref("yorker AND NOT boston", d), "0:35-41");
  EXPECT_EQ(Ref("yorker AND NOT times", d), "no match");
  EXPECT_EQ(Ref("/new\\s+york/", d), "0:4-13 0:21-29 0:31-39");
  EXPECT_EQ(Ref("/e/", d), "0:2-3 0:5-6 0:17-18 0:22-23 0:32-33 0:39-40 0:45-46");
  EXPECT_EQ(Ref("/(/", d), "error: regex /(/: U_REGEX_MISMATCHED_PAREN");
}

TEST(ReferenceEvalTest, Proximity) {
  // Words: a0 b1 c2 d3 a4 x5 x6 x7 b8
  const Document d = OneField("a b c d a x x x b");
  EXPECT_EQ(Ref("a w/1 b", d), "0:0-1 0:2-3");
  EXPECT_EQ(Ref("b w/1 a", d), "0:0-1 0:2-3");
  EXPECT_EQ(Ref("a w/2 b", d), "0:0-1 0:2-3");
  EXPECT_EQ(Ref("a w/3 b", d), "0:0-1 0:2-3 0:8-9");
  EXPECT_EQ(Ref("a w/4 b", d), "0:0-1 0:2-3 0:8-9 0:16-17");
  EXPECT_EQ(Ref("a pre/1 b", d), "0:0-1 0:2-3");
  EXPECT_EQ(Ref("b pre/3 a", d), "0:2-3 0:8-9");
  EXPECT_EQ(Ref("b pre/2 a", d), "no match");
  EXPECT_EQ(Ref("a not w/1 b", d), "0:8-9");
  EXPECT_EQ(Ref("a not w/4 b", d), "no match");
  EXPECT_EQ(Ref("a not w/4 zzz", d), "0:0-1 0:8-9");
  EXPECT_EQ(Ref("\"a b\" w/1 c", d), "0:0-3 0:4-5");
  EXPECT_EQ(Ref("\"a b c\" w/1 c", d), "0:0-5 0:4-5");  // overlap: distance 0
  EXPECT_EQ(Ref("\"a b c\" pre/5 c", d), "no match");
  EXPECT_EQ(Ref("x w/1 x", d), "0:10-11 0:12-13 0:14-15");  // a span pairs with itself
  EXPECT_EQ(Ref("(a w/1 b) w/2 d", d), "0:2-3 0:6-7");
  EXPECT_EQ(Ref("(c OR d) w/1 a", d), "0:6-7 0:8-9");
  // Two fields: proximity never pairs across them.
  Document two = OneField("a b");
  two.fields.push_back({TextField::kOutput, 0, "b a"});
  EXPECT_EQ(Ref("a w/1 b", two), "0:0-1 0:2-3 1:0-1 1:2-3");
  EXPECT_EQ(Ref("prompt:a w/5 output:b", two), "no match");
}

TEST(ReferenceEvalTest, FieldsAndMetadata) {
  Document d;
  d.fields.push_back({TextField::kPrompt, 0, "paywall here"});
  d.fields.push_back({TextField::kOutput, 0, "no paywall"});
  d.fields.push_back({TextField::kTools, 0, "tool paywall"});
  d.fields.push_back({TextField::kTools, 1, "second tool"});
  d.model = "gpt-4o-2024-08-06";
  d.time = "2024-03-05T12:00:00Z";
  d.user = "user-Abc";
  d.conversation = "conv-1";
  d.entry = "0123abcd";
  EXPECT_EQ(Ref("paywall", d), "0:0-7 1:3-10 2:5-12");
  EXPECT_EQ(Ref("prompt:paywall", d), "0:0-7");
  EXPECT_EQ(Ref("output:paywall OR tools:tool", d), "1:3-10 2:0-4 3:7-11");
  EXPECT_EQ(Ref("text:paywall", d), "no match");
  EXPECT_EQ(Ref("output:(paywall AND NOT here)", d), "1:3-10");
  EXPECT_EQ(Ref("tools:/tool/", d), "2:0-4 3:7-11");
  EXPECT_EQ(Ref("model:GPT-4O*", d), "match, no spans");
  EXPECT_EQ(Ref("model:gpt-4", d), "no match");
  EXPECT_EQ(Ref("model:gpt-?o-*-06", d), "match, no spans");
  EXPECT_EQ(Ref("user:USER-abc AND conversation:conv-? AND entry:0123*", d), "match, no spans");
  EXPECT_EQ(Ref("paywall AND model:gpt-4o*", d), "0:0-7 1:3-10 2:5-12");
  for (const char* yes : {"date:2024", "date:2024-03", "date:2024-03-05", "date:2024-01..2024-03", "date:..2024-03",
                          "date:2024-03..", "date:2023..2024", "date:2024-03-05..2024-03-05"}) {
    EXPECT_EQ(Ref(yes, d), "match, no spans") << yes;
  }
  for (const char* no : {"date:2023", "date:2024-04..", "date:..2024-02", "date:2024-03-06..", "user:x"}) {
    EXPECT_EQ(Ref(no, d), "no match") << no;
  }
  Document unknown = OneField("x");
  EXPECT_EQ(Ref("model:*", unknown), "no match");
  EXPECT_EQ(Ref("date:..2030", unknown), "no match");
}

// One query: name, text.
struct NamedQuery {
  const char* name;
  const char* query;
};

struct QueryStats {
  int engine_hits = 0, reference_hits = 0, flag_mismatches = 0, span_mismatches = 0;
};

// Runs every query over every document with the engine and the reference,
// records each disagreement (the first few per query in full), and prints a
// table of hits per query. Returns the stats per query.
std::vector<QueryStats> Compare(const std::vector<NamedQuery>& queries, const std::vector<Document>& docs,
                                const std::vector<std::string>& ids) {
  std::vector<Term> terms;
  for (const NamedQuery& q : queries) {
    Term t;
    t.name = q.name;
    t.query_text = q.query;
    t.query = MustParse(q.query);
    terms.push_back(std::move(t));
  }
  StatusOr<std::shared_ptr<const TermSet>> set = TermSet::Compile(std::move(terms));
  EXPECT_TRUE(set.ok()) << set.status().ToString();
  if (!set.ok()) return {};
  TermMatcher matcher(*set);
  ReferenceEvaluator eval;
  std::vector<QueryStats> stats(queries.size());
  std::vector<TermHit> hits;
  using Clock = std::chrono::steady_clock;
  Clock::duration engine_time{}, reference_time{};
  for (size_t d = 0; d < docs.size(); ++d) {
    const Clock::time_point t0 = Clock::now();
    const Status s = matcher.Match(docs[d], &hits);
    const Clock::time_point t1 = Clock::now();
    engine_time += t1 - t0;
    EXPECT_TRUE(s.ok()) << s.ToString();
    std::map<uint32_t, const TermHit*> by_term;
    for (const TermHit& h : hits) by_term[h.term] = &h;
    const RefDocument ref_doc(docs[d]);
    for (size_t i = 0; i < queries.size(); ++i) {
      const Node& root = *(*set)->term(i).query.root;
      const Clock::time_point r0 = Clock::now();
      StatusOr<RefResult> ref = eval.Evaluate(root, ref_doc);
      reference_time += Clock::now() - r0;
      if (!ref.ok()) {
        ADD_FAILURE() << queries[i].query << ": " << ref.status().ToString();
        continue;
      }
      const auto it = by_term.find(static_cast<uint32_t>(i));
      const bool engine_matched = it != by_term.end();
      const std::vector<Span> engine_spans = engine_matched ? it->second->spans : std::vector<Span>{};
      QueryStats& st = stats[i];
      st.engine_hits += engine_matched;
      st.reference_hits += ref->matched;
      const bool flag_differs = engine_matched != ref->matched;
      const bool spans_differ = !flag_differs && !HasRegex(root) && engine_spans != ref->spans;
      st.flag_mismatches += flag_differs;
      st.span_mismatches += spans_differ;
      if ((flag_differs || spans_differ) && st.flag_mismatches + st.span_mismatches <= 3) {
        std::string fields;
        for (const DocField& f : docs[d].fields) {
          const std::string_view t = f.text.substr(0, 300);
          fields += "\n    [" + std::string(TextFieldName(f.kind)) + "] " + std::string(t) +
                    (f.text.size() > 300 ? "..." : "");
        }
        ADD_FAILURE() << "query '" << queries[i].name << "' " << queries[i].query << " on entry " << ids[d]
                      << "\n  engine:    " << (engine_matched ? "match " : "no match ") << SpansString(engine_spans)
                      << "\n  reference: " << (ref->matched ? "match " : "no match ") << SpansString(ref->spans)
                      << "\n  fields:" << fields;
      }
    }
  }
  // The query last: its width in columns is not its size in bytes.
  std::printf("\n%-20s %7s %7s %6s %6s  %s\n", "term", "engine", "ref", "flag!=", "span!=", "query");
  for (size_t i = 0; i < queries.size(); ++i) {
    std::printf("%-20s %7d %7d %6d %6d  %s\n", queries[i].name, stats[i].engine_hits, stats[i].reference_hits,
                stats[i].flag_mismatches, stats[i].span_mismatches, queries[i].query);
  }
  const auto ms = [](Clock::duration t) { return std::chrono::duration_cast<std::chrono::milliseconds>(t).count(); };
  std::printf("(%zu documents; engine %lld ms, reference %lld ms without tokenizing)\n", docs.size(),
              static_cast<long long>(ms(engine_time)), static_cast<long long>(ms(reference_time)));
  return stats;
}

TEST(EngineVsReferenceTest, EdgeCases) {
  const std::vector<std::string> texts = {
      "Don't stop — the Daily-Ledger’s paywall! dailyledger.com/x?y=1",
      "ÉCONOMIE économie economie Straße STRASSE strasse İstanbul istanbul ΣΟΦΟΣ σοφος",
      "中国人民 東京タワー ｶﾞｲﾄﾞ スーパー 私の名前は田中です。我叫王伟，请帮我写一封求职信。",
      "pay\xffwall pay\xe2\x82wall 😊paywall😊 pay-wall PAYWALL paywalled paywalls",
      "naïve nai\u0308ve cafe\u0301 café",
      "SSN 123-45-6789 and 987-65-4321; call 555-0100 or (555) 010-0199",
      "subscribe subscribed subscribing subscription subscriptions subscriber",
      "bypass by-pass bipass bypasses BYPASSING",
      "a b a b a b c a c",
      "the\tarticle\nthe  article\r\nARTICLE articles artcle artikle",
      "co\u00ADoperate co\u200Doperate co\u200Boperate ＡＢＣ abc \u212Aelvin kelvin",
      "𝐀𝐁 𠀀𠀁 안녕하세요 세계 สวัสดีครับ 1,000,000 x² ǅemal Ǆemal",
      "the story is behind a paywall; the story, the paywall and the story again",
      "",
      "x",
  };
  std::vector<Document> docs;
  std::vector<std::string> ids;
  ids.reserve(texts.size() + 2);  // documents view the ids
  for (size_t i = 0; i < texts.size(); ++i) {
    Document d;
    d.fields.push_back({TextField::kPrompt, 0, texts[i]});
    d.fields.push_back({TextField::kOutput, 0, texts[(i + 1) % texts.size()]});
    d.model = i % 2 ? "gpt-4o-mini" : "GPT-3.5-turbo";
    d.time = i % 3 ? "2024-02-29T23:59:59Z" : "";
    d.entry = ids.emplace_back("edge" + std::to_string(i));
    docs.push_back(d);
  }
  // Tools: one field per tool text; proximity never pairs across them.
  Document tools;
  tools.fields.push_back({TextField::kTools, 0, "alpha beta"});
  tools.fields.push_back({TextField::kTools, 1, "gamma alpha"});
  tools.fields.push_back({TextField::kOutput, 0, "beta gamma"});
  tools.entry = ids.emplace_back("tools");
  docs.push_back(tools);
  // A plain record: one `text` field.
  Document plain;
  plain.fields.push_back({TextField::kText, 0, "plain paywall record; x"});
  plain.entry = ids.emplace_back("plain");
  docs.push_back(plain);
  const std::vector<NamedQuery> queries = {
      {"text-field", "text:paywall OR text:x"},
      {"dont", "don't"},
      {"daily-ledger", "daily ledger"},
      {"ledger-s", "ledger's"},
      {"domain", "dailyledger.com"},
      {"economie", "économie"},
      {"economie-wild", "?conomie"},
      {"strasse", "straße"},
      {"STRASSE", "STRASSE"},
      {"istanbul", "istanbul"},
      {"sofos", "σοφος"},
      {"cjk", "中国"},
      {"cjk-tokyo", "東京タワー"},
      {"kana-halfwidth", "ｶﾞｲﾄﾞ"},
      {"super", "スーパー"},
      {"name-ja", "私の名前"},
      {"name-zh", "我叫"},
      {"paywall", "paywall"},
      {"paywall*", "paywall*"},
      {"pay-wall", "pay wall"},
      {"paywall~", "paywall~"},
      {"pay%wall", "pay%wall"},
      {"naive", "naïve"},
      {"naive-decomposed", "nai\u0308ve"},
      {"cafe", "café"},
      {"ssn", "/\\d{3}-\\d{2}-\\d{4}/"},
      {"digits", "123 45 6789"},
      {"subscribe~", "subscribe~"},
      {"subscri*", "subscri*"},
      {"subscri%ption", "subscri%ption"},
      {"bypass", "b?pass"},
      {"bypass~", "bypass~"},
      {"ab-near", "a w/1 b"},
      {"ab-pre", "b pre/1 a"},
      {"ac-notnear", "a not w/1 c"},
      {"cc-near", "c w/2 c"},
      {"aba", "a b a"},
      {"article-near", "the w/1 article"},
      {"artcle", "art%cle"},
      {"art*cle", "art*cle"},
      {"model", "model:gpt-4o*"},
      {"model-case", "model:gpt-3.5*"},
      {"date", "date:2024-02"},
      {"date-open", "date:2024-02-29.."},
      {"prompt-x", "prompt:x"},
      {"output-x", "output:x"},
      {"not-x", "NOT x"},
      {"and-not", "paywall AND NOT model:gpt-4o*"},
      {"or", "straße OR σοφος OR 中国"},
      {"entry", "entry:edge1*"},
      {"soft-hyphen", "cooperate"},
      {"soft-hyphen-split", "co operate"},
      {"fullwidth", "abc"},
      {"fullwidth-exact", "ＡＢＣ"},
      {"kelvin", "kelvin"},
      {"math-bold", "𝐀𝐁"},
      {"han-ext-b", "𠀀"},
      {"hangul", "안녕하세요"},
      {"thai", "สวัสดีครับ"},
      {"thai-part", "สวัสดี*"},
      {"numbers", "1 000 000"},
      {"superscript", "x²"},
      {"titlecase", "ǆemal"},
      {"story-paywall", "story w/4 paywall"},
      {"story-pre", "paywall pre/3 story"},
      {"story-notnear", "story not w/2 paywall"},
      {"near-near", "(story w/4 paywall) w/1 the"},
      {"or-not", "paywall OR NOT story"},
      {"tools-near", "tools:alpha w/1 tools:gamma"},
      {"tools-gamma-alpha", "tools:(gamma w/1 alpha)"},
      {"cross-field", "beta w/1 gamma"},
      {"cross-phrase", "alpha beta gamma"},
      {"tools-or", "tools:(beta OR gamma)"},
      {"regex-han", "/\\p{Han}+/"},
      {"regex-cyr", "/σοφος/"},
      {"regex-near", "/pay\\s*wall/ w/2 the"},
      {"wild-q",
       "?"
       "tory"},
      {"wild-mid", "p*l"},
      {"fuzzy-end", "pay%"},
      {"fuzzy-2", "st%%ry"},
      {"stem-cjk", "国~"},
      {"meta-q", "model:gpt-?o-mini"},
      {"date-feb", "date:2024-02-29..2024-02-29"},
      {"date-year-open", "date:..2024"},
  };
  const std::vector<QueryStats> stats = Compare(queries, docs, ids);
  ASSERT_EQ(stats.size(), queries.size());
}

// Entries of generated chat logs: one Document per entry.
class EngineVsReferenceGeneratedTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new corpus::TempDir();
    ReadFormat(GenFormat::kOpenAi, ChatFormat::kOpenAiMessages, 2000, "openai");
    // ChatGPT exports carry browsing steps, so the tools field has text.
    ReadFormat(GenFormat::kChatGpt, ChatFormat::kChatGpt, 400, "chatgpt");
  }
  static void TearDownTestSuite() {
    delete dir_;
    entries_.clear();
  }

  static void ReadFormat(GenFormat format, ChatFormat chat_format, uint64_t conversations, const std::string& sub) {
    GenOptions o;
    o.seed = 20240605;
    o.conversations = conversations;
    o.works = 300;
    o.format = format;
    o.out_dir = dir_->path() + "/" + sub;
    StatusOr<GenStats> stats = Generate(o, nullptr);
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    const char* file = format == GenFormat::kOpenAi ? "/conversations.jsonl" : "/conversations.json";
    ReaderOptions ro;
    ro.format = chat_format;
    StatusOr<std::unique_ptr<ChatFileReader>> reader = ChatFileReader::Open(o.out_dir + file, ro);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    BadRecord bad;
    while (true) {
      StatusOr<ChatFileReader::Outcome> next = (*reader)->Next(&bad);
      ASSERT_TRUE(next.ok()) << next.status().ToString();
      if (*next == ChatFileReader::Outcome::kEnd) break;
      ASSERT_EQ(*next, ChatFileReader::Outcome::kConversation) << bad.reason;
      for (const Entry& e : (*reader)->entries()) entries_.push_back(e);
    }
  }

  static Document ToDocument(const Entry& e) {
    Document d;
    d.fields.push_back({TextField::kPrompt, 0, e.prompt});
    d.fields.push_back({TextField::kOutput, 0, e.output});
    for (size_t i = 0; i < e.tools.size(); ++i) {
      d.fields.push_back({TextField::kTools, static_cast<uint32_t>(i), e.tools[i].text});
    }
    d.model = e.model;
    d.time = e.time;
    d.user = e.user_id;
    d.conversation = e.conversation_id;
    d.entry = e.entry_id;
    return d;
  }

  static corpus::TempDir* dir_;
  static std::vector<Entry> entries_;
};

corpus::TempDir* EngineVsReferenceGeneratedTest::dir_ = nullptr;
std::vector<Entry> EngineVsReferenceGeneratedTest::entries_;

TEST_F(EngineVsReferenceGeneratedTest, EngineAgreesWithReference) {
  ASSERT_GT(entries_.size(), 5000u);
  std::vector<Document> docs;
  std::vector<std::string> ids;
  size_t with_tools = 0;
  for (const Entry& e : entries_) {
    docs.push_back(ToDocument(e));
    ids.push_back(e.entry_id);
    with_tools += !e.tools.empty();
  }
  ASSERT_GT(with_tools, 0u);
  const std::vector<NamedQuery> queries = {
      // words and phrases
      {"paywall", "paywall"},
      {"subscription", "subscription"},
      {"article", "article"},
      {"daily-ledger-quoted", "\"Daily Ledger\""},
      {"daily-ledger", "the daily ledger"},
      {"harbor", "harbor city times"},
      {"domain", "dailyledger.com"},
      {"full-text", "\"the full text\""},
      {"dont", "don't"},
      {"free-article-limit", "free article limit"},
      {"archive", "archive.ph OR 12ft.io"},
      // wildcards
      {"subscri*", "subscri*"},
      {"b?pass", "b?pass"},
      {"b?ypass", "b?ypass"},
      {"paywall*", "paywall*"},
      {"*wall", "*wall"},
      {"art*cle", "art*cle"},
      {"c?py", "c?py"},
      {"pay* phrase", "the pay*"},
      // stems
      {"report~", "report~"},
      {"subscribe~", "subscribe~"},
      {"paying~", "paying~"},
      {"read~ phrase", "read~ the"},
      // fuzzy
      {"arti%cle", "arti%cle"},
      {"payw%al", "payw%al"},
      {"%%ledger", "%%ledger"},
      {"subscri%ption", "subscri%ption"},
      // regexes
      {"ssn", "/\\d{3}-\\d{2}-\\d{4}/"},
      {"organise", "/organi[sz]e/"},
      {"email", "/[a-z0-9._]+@[a-z0-9.-]+\\.[a-z]+/"},
      {"pay-wall-re", "/pay ?wall/"},
      {"url", "/https?:\\/\\/[a-z0-9.]+/"},
      {"ledger-re", "/ledger/"},
      // boolean
      {"and", "paywall AND article"},
      {"or", "paywall OR subscription OR subscribing"},
      {"not", "NOT paywall"},
      {"and-not", "article AND NOT paywall"},
      {"groups", "(paywall OR subscription) AND (article OR story)"},
      {"and-not-group", "paywall AND NOT (ledger OR courier)"},
      {"not-common", "NOT (the OR a)"},
      // proximity
      {"near", "paywall w/5 bypass"},
      {"pre", "free pre/2 article"},
      {"near-or", "article w/10 (ledger OR tribune OR herald)"},
      {"not-near", "subscription not w/5 article"},
      {"near-stem", "\"daily ledger\" w/20 paywall~"},
      {"near-nested", "(full w/1 (text OR article)) w/5 (copy OR give OR paste)"},
      {"pre-wild", "story pre/5 paywall*"},
      {"near-self", "article w/3 article"},
      {"near-regex", "/\\d{3}-\\d{2}-\\d{4}/ w/10 (ssn OR security)"},
      {"adjacent", "social pre/1 security"},
      {"near-1", "full w/1 story"},
      // fields
      {"prompt", "prompt:paywall"},
      {"output", "output:article"},
      {"tools", "tools:search"},
      {"tools-regex", "tools:/advertisement/"},
      {"fields-and", "prompt:(paywall OR subscription) AND output:article"},
      {"fields-near", "prompt:story w/3 output:story"},
      {"text", "text:paywall"},
      {"field-phrase", "output:\"here is\""},
      // metadata
      {"model", "model:gpt-4o*"},
      {"model-case", "model:GPT-3.5*"},
      {"date-range", "date:2024-01..2024-06"},
      {"date-year", "date:2023"},
      {"date-open", "date:..2023-06 AND paywall"},
      {"model-not-date", "model:gpt-4-0613 AND NOT date:2024"},
      {"user", "user:user-a*"},
      {"conversation", "conversation:conv-a*"},
      {"entry", "entry:0*"},
      // other languages
      {"de", "paywall w/5 umgehen"},
      {"es", "\"muro de pago\""},
      {"fr", "contourner"},
      {"zh", "我叫"},
      {"ja", "私の名前"},
      {"ru", "Меня зовут"},
      {"accents", "currículum OR cómo"},
  };
  const std::vector<QueryStats> stats = Compare(queries, docs, ids);
  ASSERT_EQ(stats.size(), queries.size());
  int with_hits = 0, hit_all = 0;
  for (const QueryStats& s : stats) {
    with_hits += s.reference_hits > 0;
    hit_all += s.reference_hits == static_cast<int>(docs.size());
  }
  EXPECT_GE(with_hits, 40);
  EXPECT_LT(hit_all, static_cast<int>(stats.size()));
}

}  // namespace
}  // namespace winnow::search
