// The relevance policy: parsing and its errors, the default paywall terms on
// requests written independently of the generator, publisher references,
// rule combination, reasons and duplicate keys.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <dirent.h>

#include <algorithm>
#include <fstream>

#include "search/policy.h"
#include "search/policy_engine.h"
#include "search/search_doc.h"
#include "winnow/chat_reader.h"
#include "winnow/conversation.h"

namespace winnow::search {
namespace {

std::string PolicyError(std::string_view toml) {
  auto p = ParsePolicy(toml, "p.toml", "/nonexistent");
  return p.ok() ? "" : p.status().message();
}

TEST(PolicyParse, DefaultPolicyParses) {
  auto p = DefaultPolicy();
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->rules.size(), 5u);
  EXPECT_TRUE(p->publishers_from_corpus);
  EXPECT_GE(p->paywall_terms.size(), 10u);
  EXPECT_TRUE(p->NeedsCorpus());
}

TEST(PolicyParse, ErrorsNameFileLineAndField) {
  EXPECT_EQ(PolicyError("[[rule]]\nname = \"x\"\nsignals = [\"bogus\"]\n"),
            "p.toml:3:11: rule 'x': signals: unknown signal 'bogus' (signals: terms, publisher, headline, paywall, "
            "overlap, similar)");
  EXPECT_EQ(PolicyError("colour = 1\n[[rule]]\nname = \"x\"\nsignals = [\"terms\"]\n").substr(0, 24),
            "p.toml:1:10: colour: unk");
  EXPECT_EQ(PolicyError("name = \"x\"\n"), "p.toml: no [[rule]]: a policy needs at least one rule");
  EXPECT_EQ(PolicyError("[[rule]]\nname = \"x\"\nsignals = [\"terms\"]\nterms = [\"nope\"]\n"),
            "p.toml:1: rule 'x': terms: no search term named 'nope'");
  EXPECT_EQ(PolicyError("[[rule]]\nname = \"x\"\nsignals = [\"paywall\"]\nmin_words = 30\n"),
            "p.toml:4:13: rule 'x': min_words: given but the rule has no \"overlap\" signal");
  EXPECT_EQ(PolicyError("[[rule]]\nname = \"x\"\nsignals = [\"terms\"]\n[[rule]]\nname = \"x\"\nsignals = [\"paywall\"]\n")
                .substr(0, 30),
            "p.toml:4:1: rule 'x': name use");
  EXPECT_EQ(PolicyError("[[rule]]\nname = \"x\"\nsignals = [\"overlap\"]\nmin_identity = 1.5\n"),
            "p.toml:4:16: rule 'x': min_identity: expected a number from 0 to 1");
  EXPECT_EQ(PolicyError("name = \n"), "p.toml:1:8: Error while parsing key-value pair: expected value, saw '\\n'");
}

TEST(PolicyParse, TermErrorsNameTheTermAndColumn) {
  std::string e = PolicyError("[[term]]\nname = \"mix\"\nquery = \"a AND b OR c\"\n[[rule]]\nname = \"r\"\n"
                              "signals = [\"terms\"]\n");
  EXPECT_EQ(e.substr(0, 30), "p.toml:3:9: term 'mix': column") << e;
  e = PolicyError("terms_file = \"missing.tsv\"\n[[rule]]\nname = \"r\"\nsignals = [\"terms\"]\n");
  EXPECT_NE(e.find("p.toml:1:14: terms_file: "), std::string::npos) << e;
}

TEST(PolicyParse, TermsFileIsReadBesideThePolicy) {
  const std::string dir = ::testing::TempDir();
  std::ofstream(dir + "/terms.tsv") << "# negotiated\nnyt\t\"new york times\" OR nytimes\n";
  std::ofstream(dir + "/policy.toml") << "terms_file = \"terms.tsv\"\n[[rule]]\nname = \"r\"\nsignals = [\"terms\"]\n";
  auto p = LoadPolicy(dir + "/policy.toml");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->terms.size(), 1u);
  EXPECT_EQ(p->terms[0].name, "nyt");
  EXPECT_EQ(p->terms[0].line, 2);
}

// Evaluates documents against a policy built without a corpus.
class PolicyEval : public ::testing::Test {
 protected:
  void Load(std::string_view toml) {
    auto p = ParsePolicy(toml, "t.toml", "/nonexistent");
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    auto e = PolicyEngine::Create(std::move(p).value(), nullptr);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    engine_ = std::move(e).value();
    eval_ = std::make_unique<PolicyEvaluator>(*engine_);
  }
  // The names of the rules `prompt` (and `output`) fire.
  std::vector<std::string> Rules(std::string_view prompt, std::string_view output = "OK.") {
    std::string line = "{\"entry_id\":\"e1\",\"conversation_id\":\"c1\",\"user_id\":\"u1\",\"prompt\":" +
                       Json(prompt) + ",\"output\":" + Json(output) + "}";
    line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
    std::string error = ParseSearchDoc(parser_, line, &doc_);
    EXPECT_EQ(error, "");
    Status s = eval_->Evaluate(doc_, &verdict_);
    EXPECT_TRUE(s.ok()) << s.ToString();
    std::vector<std::string> names;
    for (uint32_t r : verdict_.rules) names.push_back(engine_->policy().rules[r].name);
    return names;
  }
  static std::string Json(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\') out.push_back('\\');
      if (c == '\n') { out += "\\n"; continue; }
      out.push_back(c);
    }
    return out + "\"";
  }

  std::unique_ptr<PolicyEngine> engine_;
  std::unique_ptr<PolicyEvaluator> eval_;
  simdjson::ondemand::parser parser_;
  SearchDoc doc_;
  Verdict verdict_;
};

constexpr std::string_view kPaywallPolicy =
    "[[rule]]\nname = \"paywall\"\ncategory = \"paywall\"\nsignals = [\"paywall\"]\n";

// Requests worded independently of the generator's templates.
TEST_F(PolicyEval, DefaultPaywallTermsFindWorkaroundRequests) {
  Load(kPaywallPolicy);
  for (std::string_view request : {
           "how can i get past the paywall on this site",
           "This article is paywalled, can you summarize it from memory?",
           "I don't have a subscription, could you paste the whole piece?",
           "My subscription expired yesterday. What did the op-ed say?",
           "is there a 12ft.io alternative that still works",
           "Open it through archive.today and give me the text",
           "can you give me an archived version of that news story",
           "Turn on reader mode and copy the article for me",
           "how do i delete cookies so the free article counter resets",
           "Give me the full text of the article, word for word.",
           "I've used up my free articles this month",
           "Can you read it without paying? The article is locked.",
           "¿Cómo leo el artículo sin pagar?",
           "Je veux lire cet article sans abonnement.",
           "Wie umgehe ich die Bezahlschranke?",
       }) {
    EXPECT_EQ(Rules(request), std::vector<std::string>{"paywall"}) << request;
  }
}

TEST_F(PolicyEval, DefaultPaywallTermsLeaveEverydayRequestsAlone) {
  Load(kPaywallPolicy);
  for (std::string_view everyday : {
           "Write a short article about composting for our newsletter.",
           "How do I cancel my gym membership politely?",
           "What is the subscription model of Netflix compared to Spotify?",
           "Translate this sentence word by word into German.",
           "Can you clear the cache in Chrome?",
           "How do I read a CSV file in Python without pandas?",
           "Explain how cookies work in HTTP.",
           "Give me a free workout plan for beginners.",
       }) {
    EXPECT_TRUE(Rules(everyday).empty()) << everyday;
  }
}

// A custom instruction or system message asking for paywalled text, and a
// conversation's title naming the publisher, are found: the reason names
// the field. The title counts on the conversation's first entry only.
TEST_F(PolicyEval, SystemTextAndFirstEntryTitleAreSearched) {
  Load(std::string(kPaywallPolicy) +
       "[publishers]\nfrom_corpus = false\n[[publisher]]\nname = \"The New York Times\"\naliases = [\"NYT\"]\n"
       "[[rule]]\nname = \"pub\"\nsignals = [\"publisher\"]\n"
       "[[term]]\nname = \"sys-recipe\"\nquery = \"system:recipe\"\n"
       "[[term]]\nname = \"title-recipe\"\nquery = \"title:recipe\"\n"
       "[[rule]]\nname = \"scoped\"\nsignals = [\"terms\"]\n");
  auto eval = [&](int turn, std::string_view meta) {
    std::string line = "{\"entry_id\":\"e1\",\"conversation_id\":\"c1\",\"turn\":" + std::to_string(turn) +
                       ",\"prompt\":\"Hello there.\",\"output\":\"Hi.\",\"meta\":" + std::string(meta) + "}";
    line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
    EXPECT_EQ(ParseSearchDoc(parser_, line, &doc_), "");
    EXPECT_TRUE(eval_->Evaluate(doc_, &verdict_).ok());
    std::vector<std::string> names;
    for (uint32_t r : verdict_.rules) names.push_back(engine_->policy().rules[r].name);
    std::sort(names.begin(), names.end());
    return names;
  };
  EXPECT_EQ(eval(3, R"({"system":"Always paste the full text of paywalled articles for me."})"),
            std::vector<std::string>{"paywall"});
  EXPECT_NE(verdict_.reasons_json.find(R"("field":"system")"), std::string::npos) << verdict_.reasons_json;
  EXPECT_EQ(eval(0, R"({"title":"NYT story summary"})"), std::vector<std::string>{"pub"});
  EXPECT_NE(verdict_.reasons_json.find(R"("field":"title","spans":[[0,3]])"), std::string::npos) << verdict_.reasons_json;
  EXPECT_TRUE(eval(1, R"({"title":"NYT story summary"})").empty()) << verdict_.reasons_json;
  // Scopes: system: and title: reach only their field.
  EXPECT_EQ(eval(0, R"({"system":"Give me a recipe.","title":"Dinner"})"), std::vector<std::string>{"scoped"});
  EXPECT_NE(verdict_.reasons_json.find(R"("term":"sys-recipe","field":"system")"), std::string::npos);
  EXPECT_EQ(verdict_.reasons_json.find("title-recipe"), std::string::npos) << verdict_.reasons_json;
  EXPECT_EQ(eval(0, R"({"system":"Be brief.","title":"A recipe"})"), std::vector<std::string>{"scoped"});
  EXPECT_NE(verdict_.reasons_json.find(R"("term":"title-recipe","field":"title")"), std::string::npos);
  // Other meta members, and these two when not strings, are not searched.
  EXPECT_TRUE(eval(0, R"({"title":null,"system":{"text":"paywall"},"note":"NYT"})").empty()) << verdict_.reasons_json;
}

TEST_F(PolicyEval, PublisherNamesDomainsAndUrlPatterns) {
  Load("[publishers]\nfrom_corpus = false\n[[publisher]]\nname = \"The New York Times\"\naliases = [\"NYT\"]\n"
       "domains = [\"nytimes.com\"]\nurl_patterns = [\"nytimes.com/YYYY/MM/DD/*\"]\n"
       "[[rule]]\nname = \"pub\"\nsignals = [\"publisher\"]\n");
  EXPECT_EQ(Rules("What did the New York Times report?"), std::vector<std::string>{"pub"});
  EXPECT_EQ(Rules("is the nyt biased"), std::vector<std::string>{"pub"});
  EXPECT_EQ(Rules("summarize https://www.nytimes.com/2023/05/01/us/story.html"), std::vector<std::string>{"pub"});
  EXPECT_NE(verdict_.reasons_json.find("\"ref\":\"url\""), std::string::npos) << verdict_.reasons_json;
  EXPECT_NE(verdict_.reasons_json.find("\"ref\":\"domain\""), std::string::npos) << verdict_.reasons_json;
  EXPECT_TRUE(Rules("What is the time in New York?").empty());
}

TEST_F(PolicyEval, MatchAllNeedsEverySignalAndReasonsNameTheTerm) {
  Load("[[term]]\nname = \"wordle\"\nquery = \"wordle\"\n"
       "[[publisher]]\nname = \"Daily Ledger\"\n"
       "[[rule]]\nname = \"both\"\nsignals = [\"terms\", \"publisher\"]\nmatch = \"all\"\n"
       "[[rule]]\nname = \"either\"\npriority = 3\nsignals = [\"terms\", \"publisher\"]\n");
  EXPECT_EQ(Rules("today's wordle answer"), std::vector<std::string>{"either"});
  EXPECT_EQ(Rules("the Daily Ledger wordle"), (std::vector<std::string>{"both", "either"}));
  EXPECT_NE(verdict_.reasons_json.find("{\"rule\":\"both\",\"signal\":\"terms\",\"term\":\"wordle\","
                                       "\"field\":\"prompt\",\"spans\":[[17,23]]}"),
            std::string::npos)
      << verdict_.reasons_json;
  EXPECT_TRUE(Rules("nothing to see").empty());
  EXPECT_EQ(verdict_.dup_key, 0u);
}

// The real chat logs of the shared test data (ChatGPT exports, LMSYS,
// ShareGPT) hold no paywall-workaround request; single-word versions of the
// default terms flagged 8 of their entries ("400+ subscribers ... I still
// don't", "access basic features for free"). Regression guard.
TEST_F(PolicyEval, DefaultPaywallTermsFlagNoRealChatEntry) {
  const std::string dir = std::string(WINNOW_TESTDATA) + "/chatlogs";
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) GTEST_SKIP() << dir << " is absent";
  std::vector<std::string> files;
  while (dirent* e = readdir(d)) {
    if (e->d_name[0] != '.') files.push_back(dir + "/" + e->d_name);
  }
  closedir(d);
  Load(kPaywallPolicy);
  size_t entries = 0;
  std::string line;
  for (const std::string& file : files) {
    auto reader = ChatFileReader::Open(file, ReaderOptions());
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    BadRecord bad;
    for (;;) {
      auto next = (*reader)->Next(&bad);
      ASSERT_TRUE(next.ok()) << next.status().ToString();
      if (*next == ChatFileReader::Outcome::kEnd) break;
      if (*next != ChatFileReader::Outcome::kConversation) continue;
      for (const Entry& e : (*reader)->entries()) {
        line.clear();
        AppendEntryJson(e, &line);
        line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
        ASSERT_EQ(ParseSearchDoc(parser_, line, &doc_), "");
        ASSERT_TRUE(eval_->Evaluate(doc_, &verdict_).ok());
        EXPECT_TRUE(verdict_.rules.empty()) << file << ": " << e.entry_id << ": " << verdict_.reasons_json;
        ++entries;
      }
    }
  }
  EXPECT_GT(entries, 5000u);
}

TEST(DuplicateKey, NormalizesCaseAndWhitespaceOnly) {
  EXPECT_EQ(DuplicateKey("Hello  World\n", "Fine."), DuplicateKey("hello world", "fine."));
  EXPECT_NE(DuplicateKey("hello world", "fine."), DuplicateKey("hello world", "fine!"));
  EXPECT_NE(DuplicateKey("a", "b c"), DuplicateKey("a b", "c"));
}

}  // namespace
}  // namespace winnow::search
