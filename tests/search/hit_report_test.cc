#include "search/hit_report.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace winnow::search {
namespace {

std::vector<HitReportRow> Rows(std::vector<std::string> names, std::string category = "") {
  std::vector<HitReportRow> rows;
  for (std::string& n : names) rows.push_back({n, "query of " + n, category});
  return rows;
}

HitCounter NewCounter() { return HitCounter(Rows({"t0", "t1", "t2"}), Rows({"r0", "r1"}, "news")); }

struct Entry {
  std::string conversation, user;
  std::vector<uint32_t> terms, rules;
  uint64_t dup_key;
};

// Six entries in three conversations of two users (one entry without user).
std::vector<Entry> Entries() {
  return {
      {"c1", "u1", {0, 1}, {0}, 7},
      {"c1", "u1", {0}, {0}, 7},
      {"c2", "u2", {1}, {1}, 9},
      {"c2", "", {}, {}, 0},
      {"c3", "", {0}, {0, 1}, 7},
      {"c3", "u2", {}, {}, 9},  // key 9 again, but not relevant: not a duplicate
  };
}

void AddAll(const std::vector<Entry>& entries, HitCounter* c) {
  for (const Entry& e : entries) c->Add(e.conversation, e.user, e.terms, e.rules, e.dup_key);
}

HitReport Counted() {
  HitCounter c = NewCounter();
  AddAll(Entries(), &c);
  return c.Finish("Scan S1", "vault of matter m", "2025-01-02T03:04:05Z");
}

TEST(HitCounterTest, CountsHitsUniqueConversationsAndUsers) {
  HitReport r = Counted();
  EXPECT_EQ(r.title, "Scan S1");
  EXPECT_EQ(r.entries, 6u);
  EXPECT_EQ(r.conversations, 3u);
  EXPECT_EQ(r.users, 2u);
  EXPECT_EQ(r.hit_entries, 4u);
  EXPECT_EQ(r.hit_conversations, 3u);
  EXPECT_EQ(r.hit_users, 2u);
  EXPECT_EQ(r.relevant_entries, 4u);
  EXPECT_EQ(r.relevant_conversations, 3u);
  EXPECT_EQ(r.relevant_users, 2u);
  ASSERT_EQ(r.terms.size(), 3u);
  // t0: entries 1, 2, 5; alone in 2 and 5; users u1 only (entry 5 has none).
  EXPECT_EQ(r.terms[0].name, "t0");
  EXPECT_EQ(r.terms[0].query, "query of t0");
  EXPECT_EQ(r.terms[0].hits, 3u);
  EXPECT_EQ(r.terms[0].unique_hits, 2u);
  EXPECT_EQ(r.terms[0].conversations, 2u);
  EXPECT_EQ(r.terms[0].users, 1u);
  // t1: entries 1 (shared with t0) and 3.
  EXPECT_EQ(r.terms[1].hits, 2u);
  EXPECT_EQ(r.terms[1].unique_hits, 1u);
  EXPECT_EQ(r.terms[1].conversations, 2u);
  EXPECT_EQ(r.terms[1].users, 2u);
  EXPECT_EQ(r.terms[2].hits, 0u);
  EXPECT_EQ(r.terms[2].conversations, 0u);
  ASSERT_EQ(r.rules.size(), 2u);
  EXPECT_EQ(r.rules[0].category, "news");
  EXPECT_EQ(r.rules[0].hits, 3u);
  EXPECT_EQ(r.rules[0].unique_hits, 2u);
  EXPECT_EQ(r.rules[1].hits, 2u);
  EXPECT_EQ(r.rules[1].unique_hits, 1u);
  EXPECT_EQ(r.rules[1].users, 1u);
}

TEST(HitCounterTest, EntriesWithoutUserAreNotUsers) {
  HitCounter c(Rows({"t"}), {});
  c.Add("c1", "", {0}, {}, 0);
  c.Add("c2", "", {0}, {}, 0);
  HitReport r = c.Finish("", "", "");
  EXPECT_EQ(r.users, 0u);
  EXPECT_EQ(r.hit_users, 0u);
  EXPECT_EQ(r.terms[0].users, 0u);
  EXPECT_EQ(r.terms[0].conversations, 2u);
}

TEST(HitCounterTest, DuplicatesAmongRelevantEntriesOnly) {
  HitReport r = Counted();
  // Key 7: three relevant entries; key 9: one relevant, one not.
  EXPECT_EQ(r.duplicate_groups, 1u);
  EXPECT_EQ(r.duplicate_entries, 3u);
}

TEST(HitCounterTest, MergeEqualsOneCounter) {
  std::vector<Entry> all = Entries();
  for (size_t split = 0; split <= all.size(); ++split) {
    HitCounter a = NewCounter(), b = NewCounter();
    AddAll(std::vector<Entry>(all.begin(), all.begin() + split), &a);
    AddAll(std::vector<Entry>(all.begin() + split, all.end()), &b);
    a.Merge(b);
    EXPECT_EQ(a.Finish("Scan S1", "vault of matter m", "2025-01-02T03:04:05Z"), Counted()) << "split " << split;
  }
}

TEST(HitCounterTest, EmptyCounter) {
  HitReport r = NewCounter().Finish("t", "s", "c");
  EXPECT_EQ(r.entries, 0u);
  EXPECT_EQ(r.terms.size(), 3u);
  EXPECT_EQ(r.duplicate_groups, 0u);
  // Nothing searched: the shares are empty, not a division by zero.
  EXPECT_NE(HitReportCsv(r).find("total,searched,,,0,,0,0,\r\n"), std::string::npos);
}

TEST(HitReportCsvTest, HeaderRowsAndTotals) {
  std::string csv = HitReportCsv(Counted());
  EXPECT_EQ(csv.rfind("kind,name,category,query,hits,unique_hits,conversations,users,share\r\n", 0), 0u);
  EXPECT_NE(csv.find("\r\nterm,t0,,query of t0,3,2,2,1,50%\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\nrule,r1,news,query of r1,2,1,2,1,33.3%\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\ntotal,searched,,,6,,3,2,100%\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\ntotal,any term,,,4,,3,2,66.7%\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\ntotal,any rule,,,4,,3,2,66.7%\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\ntotal,duplicate groups,,,1,,,,\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\ntotal,duplicate entries,,,3,,,,50%\r\n"), std::string::npos) << csv;
}

std::string FirstDataLine(const HitReport& r) {
  std::string csv = HitReportCsv(r);
  size_t start = csv.find("\r\n") + 2;
  return csv.substr(start, csv.find("\r\n", start) - start);
}

TEST(HitReportCsvTest, Rfc4180Quoting) {
  HitReport r;
  r.entries = 1;
  r.terms = {{"a, \"b\"", "x\ny", "", 1, 1, 1, 1}};
  EXPECT_EQ(FirstDataLine(r), "term,\"a, \"\"b\"\"\",,\"x\ny\",1,1,1,1,100%");
}

TEST(HitReportCsvTest, FormulaInjectionGuard) {
  for (std::string bad : {"=HYPERLINK(\"x\")", "+1", "-1", "@SUM(A1)", "\tx"}) {
    HitReport r;
    r.terms = {{bad, "q", "", 0, 0, 0, 0}};
    std::string line = FirstDataLine(r);
    std::string name = line.substr(5, line.find(",q,") - 5);
    EXPECT_TRUE(name.rfind("'", 0) == 0 || name.rfind("\"'", 0) == 0) << line;
  }
  HitReport ok;
  ok.terms = {{"fine = good", "q", "", 0, 0, 0, 0}};
  EXPECT_EQ(FirstDataLine(ok), "term,fine = good,,q,0,0,0,0,");
}

TEST(HitReportCsvTest, SharesKeepSignificantDigits) {
  HitReport r;
  r.entries = 3'000'000;
  r.terms = {{"a", "", "", 1, 0, 0, 0}, {"b", "", "", 2'999'999, 0, 0, 0}, {"c", "", "", 1'234'567, 0, 0, 0}};
  std::string csv = HitReportCsv(r);
  EXPECT_NE(csv.find(",0.0000333%\r\n"), std::string::npos) << csv;  // never "0%"
  EXPECT_NE(csv.find(",99.99997%\r\n"), std::string::npos) << csv;   // never "100%"
  EXPECT_NE(csv.find(",41.2%\r\n"), std::string::npos) << csv;
}

TEST(HitReportJsonTest, RoundTrip) {
  HitReport r = Counted();
  r.title = "Scan \"S1\" \xC3\xA9\n<b>";
  r.terms[2].query = "\"quoted\" AND back\\slash";
  StatusOr<HitReport> back = ParseHitReportJson(HitReportJson(r));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, r);
  HitReport empty;
  StatusOr<HitReport> back_empty = ParseHitReportJson(HitReportJson(empty));
  ASSERT_TRUE(back_empty.ok()) << back_empty.status().ToString();
  EXPECT_EQ(*back_empty, empty);
}

// Replaces the first `from` in the JSON of Counted() by `to`.
std::string Edited(std::string_view from, std::string_view to) {
  std::string json = HitReportJson(Counted());
  size_t at = json.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) json.replace(at, from.size(), to);
  return json;
}

void ExpectInvalid(const std::string& json, std::string_view mention) {
  StatusOr<HitReport> r = ParseHitReportJson(json);
  ASSERT_FALSE(r.ok()) << json;
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find(mention), std::string::npos) << r.status().message();
}

TEST(HitReportJsonTest, StrictErrorsNameTheMember) {
  ExpectInvalid("{", "not valid JSON");
  ExpectInvalid("[]", "top level");
  ExpectInvalid(Edited("\"version\":1,", ""), "\"version\"");
  ExpectInvalid(Edited("\"scope\":", "\"scop\":"), "missing member \"scope\"");
  ExpectInvalid(Edited("\"entries\":6", "\"entries\":\"6\""), "\"entries\" must be a non-negative integer");
  ExpectInvalid(Edited("\"entries\":6", "\"entries\":-6"), "\"entries\"");
  ExpectInvalid(Edited("\"entries\":6", "\"entries\":6.5"), "\"entries\"");
  ExpectInvalid(Edited("\"title\":\"Scan S1\"", "\"title\":null"), "\"title\" must be a string");
  ExpectInvalid(Edited("\"terms\":[", "\"terms\":0,\"t\":["), "\"terms\" must be an array");
  ExpectInvalid(Edited("\"rules\":[{", "\"rules\":[7,{"), "\"rules[0]\" must be an object");
  ExpectInvalid(Edited("\"name\":\"t1\"", "\"name\":1"), "\"terms[1].name\"");
  ExpectInvalid(Edited("\"users\":1}", "\"users\":true}"), "\"terms[0].users\"");
  ExpectInvalid(Edited("\"unique_hits\":2", "\"unique_hits\":9"), "exceeds");
  StatusOr<HitReport> future = ParseHitReportJson(Edited("\"version\":1", "\"version\":2"));
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.status().code(), StatusCode::kUnsupported);
  // Unknown members are ignored (forward compatible).
  EXPECT_TRUE(ParseHitReportJson(Edited("\"version\":1,", "\"version\":1,\"extra\":[1],")).ok());
}

TEST(HitReportHtmlTest, SelfContainedAndEscaped) {
  HitReport r = Counted();
  r.terms[0].name = "<script>alert('x')</script>";
  r.rules[0].query = "a & \"b\"";
  r.scope = "<img onerror=x>";
  std::string html = HitReportHtml(r);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("<title>Search term hit report: Scan S1</title>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html.find("&lt;img onerror=x&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("a &amp; &quot;b&quot;"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);  // no links, no external resources
  EXPECT_EQ(html.find("href"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  // Two charts (terms, rules), each with a bar pair per row.
  size_t svgs = 0;
  for (size_t at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1)) ++svgs;
  EXPECT_EQ(svgs, 2u);
  EXPECT_NE(html.find("4 entries (66.7% of the entries searched)"), std::string::npos);
  EXPECT_NE(html.find("</html>\n"), std::string::npos);
  // Balanced basics.
  for (std::string tag : {"svg", "table", "section", "g", "tr"}) {
    size_t open = 0, close = 0;
    for (size_t at = html.find("<" + tag + ">"); at != std::string::npos; at = html.find("<" + tag + ">", at + 1)) ++open;
    for (size_t at = html.find("<" + tag + " "); at != std::string::npos; at = html.find("<" + tag + " ", at + 1)) ++open;
    for (size_t at = html.find("</" + tag + ">"); at != std::string::npos; at = html.find("</" + tag + ">", at + 1)) ++close;
    EXPECT_EQ(open, close) << tag;
  }
}

TEST(HitReportHtmlTest, ManyTermsGrowTheChart) {
  HitReport r;
  r.entries = 1000;
  for (int i = 0; i < 200; ++i) {
    r.terms.push_back({"term number " + std::to_string(i) + " with a long name that must be clipped", "q", "",
                       static_cast<uint64_t>(i), static_cast<uint64_t>(i / 2), 1, 1});
  }
  std::string html = HitReportHtml(r);
  // 200 rows of 20 px plus margins.
  EXPECT_NE(html.find("height=\"4076\""), std::string::npos);
  EXPECT_NE(html.find("term number 199 with a long name t\xE2\x80\xA6</text>"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"none\">No rules.</p>"), std::string::npos);
}

TEST(HitReportSummaryTest, TotalsAndTopRows) {
  HitReport r = Counted();
  r.terms[1].name = "evil\x1B[31m";
  for (int i = 0; i < 12; ++i) r.rules.push_back({"extra" + std::to_string(i), "", "", 0, 0, 0, 0});
  std::string s = HitReportSummary(r);
  EXPECT_EQ(s.rfind("Scan S1\n", 0), 0u) << s;
  EXPECT_NE(s.find("searched"), std::string::npos);
  EXPECT_NE(s.find("4 entries   (66.7%)"), std::string::npos) << s;
  EXPECT_NE(s.find("3 relevant entries in 1 groups"), std::string::npos) << s;
  EXPECT_NE(s.find("Top terms by hits:\n"), std::string::npos) << s;
  EXPECT_NE(s.find("Top rules by hits (10 of 14):\n"), std::string::npos) << s;
  EXPECT_EQ(s.find('\x1B'), std::string::npos);
  EXPECT_NE(s.find("evil?[31m"), std::string::npos);
  // Sorted by hits: t0 (3) before t1 (2) before t2 (0).
  EXPECT_LT(s.find("  t0 "), s.find("  evil"));
  EXPECT_LT(s.find("  evil"), s.find("  t2 "));
  // Aligned: every row of the terms table has the same length.
  size_t start = s.find("Top terms by hits:\n") + 19;
  std::string table = s.substr(start, s.find("Top rules") - start);
  size_t first_len = table.find('\n');
  for (size_t at = 0; at < table.size(); at = table.find('\n', at) + 1) {
    EXPECT_EQ(table.find('\n', at) - at, first_len) << table;
  }
}

}  // namespace
}  // namespace winnow::search
