#include "produce/cover_report.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "search/hit_report_text.h"

namespace winnow::produce {
namespace {

// A production with a figure in every member, each distinct so a test can
// find it in the rendering.
ProductionStats Sample() {
  ProductionStats s;
  s.production_id = "PROD0002";
  s.matter_id = "nyt-v-oai";
  s.level = "entry";
  s.scan_id = "S0003";
  s.policy_name = "negotiated-2025";
  s.policy_sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  s.prefix = "OAI-NYT-";
  s.first_bates = "OAI-NYT-0000101";
  s.last_bates = "OAI-NYT-1234667";
  s.documents = 1234567;
  s.entries = 2345678;
  s.relevant_entries = 1234500;
  s.conversations = 876543;
  s.withheld = 4321;
  s.redactions = 98765;
  s.text_bytes = 7654321098;
  s.documents_by_rule = {{"copied passage", 1000001}, {"paywall request", 234566}, {"headline", 77}};
  s.documents_by_month = {{"2024-01", 600000}, {"2024-02", 634560}, {"unknown", 7}};
  s.documents_by_model = {{"gpt-4o", 1200000}, {"unknown", 34567}};
  s.withheld_by_reason = {{"duplicate", 4000}, {"rule not selected", 321}};
  s.redactions_by_type = {{"PERSON", 90000}, {"EMAIL", 8765}};
  s.winnow_version = "0.5.0";
  return s;
}

// Every member compared, so a round trip that drops one fails.
void ExpectSameStats(const ProductionStats& a, const ProductionStats& b) {
  EXPECT_EQ(a.production_id, b.production_id);
  EXPECT_EQ(a.matter_id, b.matter_id);
  EXPECT_EQ(a.level, b.level);
  EXPECT_EQ(a.all, b.all);
  EXPECT_EQ(a.scan_id, b.scan_id);
  EXPECT_EQ(a.policy_name, b.policy_name);
  EXPECT_EQ(a.policy_sha256, b.policy_sha256);
  EXPECT_EQ(a.prefix, b.prefix);
  EXPECT_EQ(a.first_bates, b.first_bates);
  EXPECT_EQ(a.last_bates, b.last_bates);
  EXPECT_EQ(a.documents, b.documents);
  EXPECT_EQ(a.entries, b.entries);
  EXPECT_EQ(a.relevant_entries, b.relevant_entries);
  EXPECT_EQ(a.conversations, b.conversations);
  EXPECT_EQ(a.withheld, b.withheld);
  EXPECT_EQ(a.redactions, b.redactions);
  EXPECT_EQ(a.text_bytes, b.text_bytes);
  EXPECT_EQ(a.documents_by_rule, b.documents_by_rule);
  EXPECT_EQ(a.documents_by_month, b.documents_by_month);
  EXPECT_EQ(a.documents_by_model, b.documents_by_model);
  EXPECT_EQ(a.withheld_by_reason, b.withheld_by_reason);
  EXPECT_EQ(a.redactions_by_type, b.redactions_by_type);
  EXPECT_EQ(a.winnow_version, b.winnow_version);
}

std::string StatsJson(const ProductionStats& s) {
  std::string out;
  JsonWriter w(&out);
  AppendStatsJson(s, &w);
  return out;
}

// The JSON object with member `key`'s value replaced by `value` (raw JSON),
// or removed when `value` is empty.
std::string WithMember(const std::string& json, std::string_view key, std::string_view value) {
  simdjson::dom::parser parser;
  simdjson::dom::object obj = parser.parse(json).get_object().value();
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  for (auto kv : obj) {
    if (kv.key == key && value.empty()) continue;
    w.Key(kv.key);
    w.Raw(kv.key == key ? std::string(value) : simdjson::minify(kv.value));
  }
  w.EndObject();
  return out;
}

std::vector<std::string> TopLevelKeys(const std::string& json) {
  simdjson::dom::parser parser;
  std::vector<std::string> keys;
  simdjson::dom::object obj = parser.parse(json).get_object().value();
  for (auto kv : obj) keys.emplace_back(kv.key);
  return keys;
}

// ---------------------------------------------------------------------------
// HTML

TEST(CoverHtml, HoldsEveryFigure) {
  const std::string html = RenderCoverHtml(Sample());
  for (const char* s : {"PROD0002", "nyt-v-oai", "<code>entry</code>", "S0003", "negotiated-2025",
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "OAI-NYT-0000101",
                        "OAI-NYT-1234667", "1,234,567 documents", "2,345,678", "1,234,500", "876,543", "4,321",
                        "98,765", "7,654,321,098", "0.5.0"}) {
    EXPECT_NE(html.find(s), std::string::npos) << s;
  }
  // Each table row: name, grouped count.
  const ProductionStats s = Sample();
  for (const auto* map : {&s.documents_by_rule, &s.documents_by_month, &s.documents_by_model, &s.withheld_by_reason,
                          &s.redactions_by_type}) {
    for (const auto& [name, n] : *map) {
      std::string row = "<tr><td>" + name + "</td><td class=\"n\">" + search::report_text::Grouped(n) + "</td>";
      EXPECT_NE(html.find(row), std::string::npos) << row;
    }
  }
  EXPECT_NE(html.find("<td>copied passage</td><td class=\"n\">1,000,001</td><td class=\"n\">81%</td>"),
            std::string::npos);
  // The level's sentence, the encryption note and how to verify.
  EXPECT_NE(html.find(DescribeLevel("entry", false)), std::string::npos);
  EXPECT_NE(html.find("age file"), std::string::npos);
  EXPECT_NE(html.find("winnow verify PROD0002 --signer KEY.pub"), std::string::npos);
  EXPECT_EQ(html.find("--all"), std::string::npos);
}

TEST(CoverHtml, AllWithoutScanAndNoDocuments) {
  ProductionStats s;
  s.production_id = "PROD0001";
  s.level = "conversation";
  s.all = true;
  const std::string html = RenderCoverHtml(s);
  EXPECT_NE(html.find("Every entry of the vault (<code>--all</code>)"), std::string::npos);
  EXPECT_NE(html.find("None: no document was produced"), std::string::npos);
  EXPECT_EQ(html.find("Policy SHA-256"), std::string::npos);
  EXPECT_EQ(html.find("<th>Scan</th>"), std::string::npos);
  EXPECT_NE(html.find("The whole conversation of each entry"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"none\">None.</p>"), std::string::npos);
}

TEST(CoverHtml, EscapesEveryString) {
  ProductionStats s = Sample();
  s.matter_id = "m'1";
  s.documents_by_rule = {{"<script>\"&", 3}};
  s.documents_by_model = {{std::string("mod\x01\x1b[31mel"), 3}};
  s.production_id = "P<1>";
  const std::string html = RenderCoverHtml(s);
  EXPECT_NE(html.find("<td>&lt;script&gt;&quot;&amp;</td>"), std::string::npos);
  EXPECT_NE(html.find("m&#39;1"), std::string::npos);
  EXPECT_NE(html.find("<td>mod[31mel</td>"), std::string::npos);
  EXPECT_NE(html.find("winnow verify P&lt;1&gt; --signer"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("P<1>"), std::string::npos);
  EXPECT_EQ(html.find('\x1b'), std::string::npos);
}

TEST(CoverHtml, SelfContained) {
  const std::string html = RenderCoverHtml(Sample());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n", 0), 0u);
  EXPECT_EQ(html.substr(html.size() - 8), "</html>\n");
  for (const char* s : {"<script", "src=", "href=", "http:", "https:", "url(", "@import", "<link", "<img"}) {
    EXPECT_EQ(html.find(s), std::string::npos) << s;
  }
}

TEST(CoverHtml, SameStatsSameBytes) {
  ProductionStats a = Sample(), b = Sample();
  const std::string first = RenderCoverHtml(a);
  EXPECT_EQ(first, RenderCoverHtml(a));
  EXPECT_EQ(first, RenderCoverHtml(b));
  EXPECT_EQ(RenderCoverText(a), RenderCoverText(b));
  EXPECT_EQ(StatsJson(a), StatsJson(b));
  b.documents_by_model["gpt-4o"] += 1;
  EXPECT_NE(first, RenderCoverHtml(b));
}

// The stats, and so everything rendered from them, carry no chat text: the
// members are ids, names, counts and Bates numbers only.
TEST(CoverJson, MembersHoldNoChatText) {
  const std::vector<std::string> expected = {
      "production_id", "matter_id", "level", "all", "scan_id", "policy_name", "policy_sha256", "prefix",
      "first_bates", "last_bates", "documents", "entries", "relevant_entries", "conversations", "withheld",
      "redactions", "text_bytes", "documents_by_rule", "documents_by_month", "documents_by_model",
      "withheld_by_reason", "redactions_by_type", "winnow_version"};
  EXPECT_EQ(TopLevelKeys(StatsJson(Sample())), expected);
}

TEST(CoverLevel, EachLevelSaysWhatItHoldsAndLeavesOut) {
  EXPECT_NE(DescribeLevel("metadata", false).find("No chat text"), std::string::npos);
  EXPECT_NE(DescribeLevel("span", false).find("marker that gives its length"), std::string::npos);
  EXPECT_NE(DescribeLevel("entry", false).find("prompt and output of each relevant entry"), std::string::npos);
  EXPECT_NE(DescribeLevel("entry", true).find("prompt and output of each entry"), std::string::npos);
  EXPECT_NE(DescribeLevel("context:3", false).find("up to 3 entries before it and 3 after it"), std::string::npos);
  EXPECT_NE(DescribeLevel("context:1", false).find("up to 1 entry before it"), std::string::npos);
  EXPECT_NE(DescribeLevel("conversation", false).find("whole conversation"), std::string::npos);
  for (const char* bad : {"context:", "context:x", "context:-1", "Entry", ""}) {
    EXPECT_EQ(DescribeLevel(bad, false), "A level this version of winnow does not describe.") << bad;
  }
}

// ---------------------------------------------------------------------------
// JSON

TEST(CoverJson, RoundTrip) {
  ProductionStats full = Sample();
  full.all = true;
  full.text_bytes = UINT64_MAX;
  full.documents_by_rule["r\u00e9gle \"quoted\" \\ \n"] = 5;
  ProductionStats empty;
  for (const ProductionStats& s : {full, empty}) {
    const std::string json = StatsJson(s);
    StatusOr<ProductionStats> back = ParseStatsJson(json);
    ASSERT_TRUE(back.ok()) << back.status().message();
    ExpectSameStats(s, *back);
    EXPECT_EQ(StatsJson(*back), json);
  }
}

TEST(CoverJson, FixedOrderAndSortedKeys) {
  ProductionStats s;
  s.documents_by_month = {{"2024-02", 1}, {"2023-12", 2}, {"unknown", 3}};
  const std::string json = StatsJson(s);
  EXPECT_NE(json.find("\"documents_by_month\":{\"2023-12\":2,\"2024-02\":1,\"unknown\":3}"), std::string::npos);
  EXPECT_EQ(json.rfind("{\"production_id\":\"\",\"matter_id\":\"\",\"level\":\"\",\"all\":false,", 0), 0u);
}

TEST(CoverJson, NestsInsideAManifest) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("version");
  w.Int(1);
  w.Key("stats");
  AppendStatsJson(Sample(), &w);
  w.Key("after");
  w.Bool(true);
  w.EndObject();
  simdjson::dom::parser parser;
  simdjson::dom::element stats;
  ASSERT_EQ(parser.parse(out)["stats"].get(stats), simdjson::SUCCESS);
  StatusOr<ProductionStats> back = ParseStatsJson(simdjson::minify(stats));
  ASSERT_TRUE(back.ok()) << back.status().message();
  ExpectSameStats(Sample(), *back);
}

TEST(CoverJson, MissingMemberIsNamed) {
  const std::string json = StatsJson(Sample());
  for (const std::string& key : TopLevelKeys(json)) {
    StatusOr<ProductionStats> r = ParseStatsJson(WithMember(json, key, ""));
    ASSERT_FALSE(r.ok()) << key;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), "production stats JSON: missing member \"" + key + "\"");
  }
}

TEST(CoverJson, WrongTypeIsNamed) {
  const std::string json = StatsJson(Sample());
  for (const std::string& key : TopLevelKeys(json)) {
    // A value of another type than the member's: a string for the counts
    // and "all", a number for the strings, an array for the maps.
    simdjson::dom::parser parser;
    simdjson::dom::element value = parser.parse(json)[key].value();
    std::vector<std::string> wrong;
    if (value.is_string()) wrong = {"1", "null", "{}"};
    if (value.is_bool()) wrong = {"1", "\"true\""};
    if (value.is_uint64()) wrong = {"\"1\"", "-1", "1.5", "true"};
    if (value.is_object()) wrong = {"[]", "\"x\"", "{\"a\":\"1\"}", "{\"a\":-2}"};
    ASSERT_FALSE(wrong.empty()) << key;
    for (const std::string& w : wrong) {
      StatusOr<ProductionStats> r = ParseStatsJson(WithMember(json, key, w));
      ASSERT_FALSE(r.ok()) << key << " = " << w;
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
      const bool entry = value.is_object() && w[0] == '{';  // a map entry of the wrong type
      const std::string named = "member \"" + key + (entry ? ".a" : "") + "\" must be";
      EXPECT_NE(r.status().message().find(named), std::string::npos) << r.status().message();
    }
  }
}

TEST(CoverJson, OtherErrors) {
  StatusOr<ProductionStats> r = ParseStatsJson("{\"production_id\":");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not valid JSON"), std::string::npos);
  r = ParseStatsJson("[1]");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("top level must be an object"), std::string::npos);
  const std::string json = StatsJson(Sample());
  r = ParseStatsJson(WithMember(json, "withheld_by_reason", "{\"dup\":1,\"dup\":2}"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "production stats JSON: member \"withheld_by_reason\" has the key \"dup\" twice");
  // Unknown members are ignored.
  r = ParseStatsJson(json.substr(0, json.size() - 1) + ",\"later\":[1,{\"x\":2}]}");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ExpectSameStats(Sample(), *r);
}

// ---------------------------------------------------------------------------
// Text

TEST(CoverText, Lines) {
  ProductionStats s = Sample();
  s.documents_by_rule = {{"copied passage", 1000001}, {"head\x1bline", 77}};
  s.documents_by_month = {{"2024-01", 600000}, {"2024-02", 634567}};
  s.documents_by_model = {};
  s.withheld_by_reason = {{"duplicate", 4000}, {"rule not selected", 321}};
  s.redactions_by_type = {{"PERSON", 90000}, {"EMAIL", 8765}};
  EXPECT_EQ(RenderCoverText(s),
            "Production PROD0002 of matter nyt-v-oai, level entry\n"
            "  scan       S0003\n"
            "  policy     negotiated-2025 (sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08)\n"
            "  bates      OAI-NYT-0000101 - OAI-NYT-1234667\n"
            "  documents      1,234,567 documents\n"
            "  entries        2,345,678 entries, 1,234,500 relevant\n"
            "  convs            876,543 conversations\n"
            "  withheld           4,321 relevant entries\n"
            "  redacted          98,765 personal values\n"
            "  text       7,654,321,098 bytes of de-identified text\n"
            "Documents by rule:\n"
            "  Rule                     Documents     Share\n"
            "  copied passage           1,000,001       81%\n"
            "  head?line                       77  0.00624%\n"
            "Documents by month:\n"
            "  Month                    Documents     Share\n"
            "  2024-01                    600,000     48.6%\n"
            "  2024-02                    634,567     51.4%\n"
            "  All documents            1,234,567      100%\n"
            "Withheld entries by reason:\n"
            "  Reason                     Entries\n"
            "  duplicate                    4,000\n"
            "  rule not selected              321\n"
            "  All withheld                 4,321\n"
            "Redactions by type:\n"
            "  Type               Values replaced\n"
            "  PERSON                      90,000\n"
            "  EMAIL                        8,765\n"
            "  All redactions              98,765\n");
}

TEST(CoverText, LongTablesShowTheLargestTen) {
  ProductionStats s;
  s.all = true;
  s.documents = 100;
  for (int i = 0; i < 12; ++i) {
    std::string model = "m";  // not "m" + to_string(i): GCC 12 warns falsely (-Wrestrict)
    model += std::to_string(i);
    s.documents_by_model[model] = 10 + i;
  }
  const std::string text = RenderCoverText(s);
  EXPECT_NE(text.find("  selection  every entry of the vault (--all)\n"), std::string::npos);
  EXPECT_NE(text.find("  bates      none\n"), std::string::npos);
  EXPECT_NE(text.find("Documents by model (10 of 12):\n"), std::string::npos);
  EXPECT_NE(text.find("  m11"), std::string::npos);
  EXPECT_NE(text.find("  m2 "), std::string::npos);
  EXPECT_EQ(text.find("  m1 "), std::string::npos);
  EXPECT_EQ(text.find("  m0 "), std::string::npos);
  EXPECT_LT(text.find("  m11"), text.find("  m10"));
}

}  // namespace
}  // namespace winnow::produce
