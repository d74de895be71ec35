// The pii filters end to end: detect output, redact output and its log,
// pseudonyms across "shards" and runs, metadata identifiers, evidence kept
// inside corpus copies, bad lines and settings errors.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "corpus/corpus_test_util.h"
#include "pii/pseudonym.h"
#include "winnow/corpus.h"
#include "winnow/pii.h"

namespace winnow {
namespace {

using corpus::TempDir;
using corpus::WriteFile;

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Between(const std::string& s, const std::string& open, char close) {
  size_t b = s.find(open);
  if (b == std::string::npos) return "";
  b += open.size();
  return s.substr(b, s.find(close, b) - b);
}

class PiiFilterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = dir_.path() + "/pseudonym.key";
    auto k = pii::PseudonymKey::Generate();
    ASSERT_TRUE(k.ok());
    ASSERT_TRUE(k->Save(key_).ok());
    other_key_ = dir_.path() + "/other.key";
    auto k2 = pii::PseudonymKey::Generate();
    ASSERT_TRUE(k2->Save(other_key_).ok());
  }

  std::string Redact(const std::string& input, const std::string& name, PiiFilterOptions o = {}) {
    const std::string in = dir_.path() + "/" + name + ".in.jsonl";
    WriteFile(in, input);
    o.threads = 2;
    auto r = RedactPiiJsonLines(in, dir_.path() + "/" + name + ".out.jsonl", o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return Read(dir_.path() + "/" + name + ".out.jsonl");
  }
  std::string Log(const std::string& name) { return Read(dir_.path() + "/" + name + ".out.jsonl.redactions.jsonl"); }

  TempDir dir_;
  std::string key_, other_key_;
};

TEST_F(PiiFilterTest, DetectReportsCodePointSpansPerField) {
  WriteFile(dir_.path() + "/in.jsonl",
            "{\"id\":7,\"text\":\"Grüße: write to jane.roe@example.org\"}\n"
            "{\"entry_id\":\"e1\",\"prompt\":\"mail ops@example.com\",\"output\":\"ok\",\"tools\":[{\"kind\":\"result\","
            "\"name\":\"b\",\"text\":\"x@example.net\"}]}\n");
  auto r = DetectPiiJsonLines(dir_.path() + "/in.jsonl", dir_.path() + "/out.jsonl", {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const std::string out = Read(dir_.path() + "/out.jsonl");
  EXPECT_NE(out.find("{\"id\":7,\"spans\":[{\"type\":\"EMAIL_ADDRESS\",\"start\":16,\"end\":36,"), std::string::npos)
      << out;
  EXPECT_NE(out.find("\"field\":\"prompt\",\"type\":\"EMAIL_ADDRESS\",\"start\":5,\"end\":20"), std::string::npos) << out;
  EXPECT_NE(out.find("\"field\":\"tools\",\"tool_index\":0,\"type\":\"EMAIL_ADDRESS\""), std::string::npos) << out;
  EXPECT_EQ(r->lines, 2u);
  EXPECT_EQ(r->by_type.at("EMAIL_ADDRESS"), 3u);
}

TEST_F(PiiFilterTest, PseudonymsAgreeAcrossShardsAndRunsAndDifferWithAnotherKey) {
  PiiFilterOptions o;
  o.key_path = key_;
  const std::string a = Redact("{\"id\":1,\"text\":\"mail Jane.Roe@Example.org today\"}\n", "shard0", o);
  const std::string b = Redact("{\"id\":2,\"text\":\"and jane.roe@example.org again\"}\n", "shard1", o);
  const std::string a2 = Redact("{\"id\":1,\"text\":\"mail Jane.Roe@Example.org today\"}\n", "rerun", o);
  const std::string ta = Between(a, "[EMAIL_ADDRESS_", ']');
  ASSERT_EQ(ta.size(), 10u) << a;
  EXPECT_EQ(Between(b, "[EMAIL_ADDRESS_", ']'), ta) << b;
  EXPECT_EQ(a2, a);
  o.key_path = other_key_;
  EXPECT_NE(Between(Redact("{\"id\":1,\"text\":\"mail jane.roe@example.org\"}\n", "other", o), "[EMAIL_ADDRESS_", ']'),
            ta);
  for (const std::string& s : {a, b, Log("shard0"), Log("shard1")}) {
    EXPECT_EQ(s.find("jane"), std::string::npos) << s;
    EXPECT_EQ(s.find("Jane"), std::string::npos) << s;
  }
}

TEST_F(PiiFilterTest, EntriesKeepTheirShapeAndTheirIdentifiersArePseudonymized) {
  PiiFilterOptions o;
  o.key_path = key_;
  const std::string entry =
      "{\"entry_id\":\"e1\",\"conversation_id\":\"c1\",\"turn\":0,\"user_id\":\"user-8812\",\"time\":null,"
      "\"model\":\"gpt-4o\",\"prompt\":\"My email is sam.lee@example.com\",\"output\":\"Noted.\",\"tools\":[],"
      "\"alternate\":false,\"meta\":{\"locale\":\"en-US\",\"email\":\"sam.lee@example.com\",\"hashed_ip\":\"ab12\"}}\n";
  const std::string out = Redact(entry + entry, "entries", o);
  EXPECT_EQ(out.find("user-8812"), std::string::npos) << out;
  EXPECT_EQ(out.find("sam.lee"), std::string::npos) << out;
  EXPECT_EQ(out.find("ab12"), std::string::npos) << out;
  EXPECT_NE(out.find("\"locale\":\"en-US\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"entry_id\":\"e1\",\"conversation_id\":\"c1\""), std::string::npos) << out;
  // The email in text and in meta get one token; both lines are the same.
  const std::string in_text = Between(out, "My email is [", ']');
  EXPECT_NE(out.find("\"email\":\"" + in_text + "\""), std::string::npos) << out;
  EXPECT_EQ(out.substr(0, out.size() / 2), out.substr(out.size() / 2));
  const std::string log = Log("entries");
  EXPECT_NE(log.find("{\"key\":\"user_id\",\"replacement\":\"USER_"), std::string::npos) << log;
  EXPECT_EQ(log.find("sam.lee"), std::string::npos) << log;
}

TEST_F(PiiFilterTest, FreeTextInMetadataIsDeidentifiedAndLoggedByItsPath) {
  // A conversation's title and system text (custom instructions: "about
  // me"), attachment names and any other string a source carried are chat
  // text: they are searched as every text field is. Identifiers nested under
  // an identifier key, and numeric ids, are replaced whole. Everything else
  // in meta keeps its bytes.
  PiiFilterOptions o;
  o.key_path = key_;
  const std::string entry =
      "{\"entry_id\":\"e1\",\"conversation_id\":\"c1\",\"turn\":0,\"user_id\":null,\"time\":null,\"model\":null,"
      "\"prompt\":\"hi\",\"output\":\"ok\",\"tools\":[],\"alternate\":false,\"meta\":{"
      "\"title\":\"Mail to sam.lee@example.com\","
      "\"system\":\"About me: my phone is +1 415 555 2671.\","
      "\"turn_meta\":[{\"turn\":1,\"attachments\":[{\"name\":\"cv of sam.lee@example.com.pdf\"}]}],"
      "\"user\":{\"id\":\"u-7781\",\"plan\":\"plus\"},\"uid\":448812,\"x\":{\"a\\\"b\":{\"email\":\"q@example.com\"}},"
      "\"odd \\\"key\\\"\":\"call +1 415 555 2671\","
      "\"language\":\"English\",\"n\":[1,2.50,true,null]}}\n";
  const std::string out = Redact(entry, "meta-text", o);
  for (const char* secret : {"sam.lee", "555 2671", "u-7781", "448812", "plus", "q@example"}) {
    EXPECT_EQ(out.find(secret), std::string::npos) << secret << " in " << out;
  }
  const std::string email = Between(out, "\"title\":\"Mail to [", ']');
  EXPECT_EQ(email.rfind("EMAIL_ADDRESS_", 0), 0u) << out;
  // The same address gets the same token in the title and the attachment name.
  EXPECT_NE(out.find("\"name\":\"cv of [" + email + "].pdf\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"system\":\"About me: my phone is [PHONE_NUMBER_"), std::string::npos) << out;
  EXPECT_NE(out.find("\"uid\":\"USER_"), std::string::npos) << out;
  EXPECT_NE(out.find("\"user\":{\"id\":\"USER_"), std::string::npos) << out;
  EXPECT_NE(out.find("\"language\":\"English\",\"n\":[1,2.50,true,null]}}"), std::string::npos) << out;
  const std::string log = Log("meta-text");
  EXPECT_EQ(log.find("sam.lee"), std::string::npos) << log;
  for (const char* field : {"\"field\":\"meta.title\"", "\"field\":\"meta.system\"",
                            "\"field\":\"meta.turn_meta[0].attachments[0].name\"",
                            "\"field\":\"meta.odd \\\"key\\\"\"", "{\"key\":\"user.id\",\"replacement\":\"USER_",
                            "{\"key\":\"uid\",\"replacement\":\"USER_",
                            "{\"key\":\"x.a\\\"b.email\",\"replacement\":\"EMAIL_ADDRESS_"}) {
    EXPECT_NE(log.find(field), std::string::npos) << field << " not in " << log;
  }
  // Detection reports the same fields.
  const std::string in = dir_.path() + "/meta-detect.jsonl";
  WriteFile(in, entry);
  ASSERT_TRUE(DetectPiiJsonLines(in, dir_.path() + "/meta-detect.out", {}).ok());
  const std::string spans = Read(dir_.path() + "/meta-detect.out");
  EXPECT_NE(spans.find("{\"field\":\"meta.title\",\"type\":\"EMAIL_ADDRESS\",\"start\":8,\"end\":27"),
            std::string::npos) << spans;
  EXPECT_NE(spans.find("\"field\":\"meta.turn_meta[0].attachments[0].name\""), std::string::npos) << spans;
}

TEST_F(PiiFilterTest, PlaceholdersWithoutAKeyAndNoKeyForPseudonyms) {
  const std::string out = Redact("{\"id\":1,\"text\":\"a@example.com b@example.com a@example.com\"}\n", "ph");
  EXPECT_NE(out.find("[EMAIL_ADDRESS_1] [EMAIL_ADDRESS_2] [EMAIL_ADDRESS_1]"), std::string::npos) << out;
  WriteFile(dir_.path() + "/x.jsonl", "{\"id\":1,\"text\":\"a@example.com\"}\n");
  PiiFilterOptions o;
  o.operator_name = "pseudonym";
  auto r = RedactPiiJsonLines(dir_.path() + "/x.jsonl", dir_.path() + "/x.out", o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("--key"), std::string::npos);
  auto stdout_without_log = RedactPiiJsonLines(dir_.path() + "/x.jsonl", "-", {});
  ASSERT_FALSE(stdout_without_log.ok());
  EXPECT_NE(stdout_without_log.status().message().find("--log"), std::string::npos);
}

TEST_F(PiiFilterTest, AKeyReadableByOthersIsRefused) {
  ASSERT_EQ(chmod(key_.c_str(), 0644), 0);
  WriteFile(dir_.path() + "/x.jsonl", "{\"id\":1,\"text\":\"a@example.com\"}\n");
  PiiFilterOptions o;
  o.key_path = key_;
  auto r = RedactPiiJsonLines(dir_.path() + "/x.jsonl", dir_.path() + "/x.out", o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(key_), std::string::npos) << r.status().ToString();
}

TEST_F(PiiFilterTest, BadLinesStayInPlaceInOutputAndLog) {
  const std::string out = Redact("{\"id\":1,\"text\":\"x\"}\nnot json\n{\"text\":\"no id\"}\n", "bad");
  EXPECT_NE(out.find("{\"id\":null,\"line\":2,\"error\":"), std::string::npos) << out;
  EXPECT_NE(out.find("{\"id\":null,\"line\":3,\"error\":\"id: missing"), std::string::npos) << out;
  const std::string log = Log("bad");
  EXPECT_EQ(std::count(log.begin(), log.end(), '\n'), 3) << log;
}

TEST_F(PiiFilterTest, SettingsErrorsNameTheFileAndLine) {
  WriteFile(dir_.path() + "/pii.toml", "threshold = 0.5\nonly = [\"NOT_A_TYPE\"]\n");
  WriteFile(dir_.path() + "/x.jsonl", "{\"id\":1,\"text\":\"a\"}\n");
  PiiFilterOptions o;
  o.config_path = dir_.path() + "/pii.toml";
  auto r = DetectPiiJsonLines(dir_.path() + "/x.jsonl", dir_.path() + "/x.out", o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("pii.toml:2:"), std::string::npos) << r.status().ToString();
  EXPECT_NE(r.status().message().find("NOT_A_TYPE"), std::string::npos);
}

TEST_F(PiiFilterTest, PersonalDataInsideACorpusCopyIsKeptAsEvidence) {
  // A work naming a person and an email; an output copying 80 words of it.
  std::string text = corpus::Prose(11, 40) + " Officials said Mayor Ellen Whitcombe wrote to press@example.gov about it. " +
                     corpus::Prose(12, 60);
  WriteFile(dir_.path() + "/works.jsonl", corpus::WorksJsonl({{"nyt-1", "A Headline About The Budget", text}}));
  ASSERT_TRUE(BuildCorpus(dir_.path() + "/ix", {dir_.path() + "/works.jsonl"}, {}).ok());
  std::string line = "{\"entry_id\":\"e1\",\"prompt\":\"Email me at me@example.com\",\"output\":\"";
  line += text + "\",\"tools\":[]}\n";
  PiiFilterOptions o;
  o.index_dir = dir_.path() + "/ix";
  const std::string out = Redact(line, "evidence", o);
  EXPECT_NE(out.find("press@example.gov"), std::string::npos) << out;
  EXPECT_EQ(out.find("me@example.com"), std::string::npos) << out;
  const std::string log = Log("evidence");
  EXPECT_NE(log.find("\"action\":\"kept\",\"reason\":\"evidence: inside a copy of work nyt-1\""), std::string::npos)
      << log;
  // evidence = "redact" turns it off.
  WriteFile(dir_.path() + "/pii.toml", "evidence = \"redact\"\n");
  o.config_path = dir_.path() + "/pii.toml";
  EXPECT_EQ(Redact(line, "evidence2", o).find("press@example.gov"), std::string::npos);
}

}  // namespace
}  // namespace winnow
