// `winnow gen` as files: same arguments give the same bytes (library and
// CLI), another seed gives other bytes, the layouts readers rely on hold,
// and gen.json agrees with what was written.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "gen/gen_decode.h"
#include "winnow/gen.h"

namespace winnow::gen_test {
namespace {

namespace fs = std::filesystem;

GenOptions Small(GenFormat format, uint64_t seed, const std::string& dir) {
  GenOptions o;
  o.seed = seed;
  o.conversations = 150;
  o.works = 60;
  o.format = format;
  o.corrupt_rate = 0.05;
  o.browse_rate = 0.2;
  o.branch_rate = 0.2;
  o.out_dir = dir;
  return o;
}

std::map<std::string, std::string> DirContents(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    files[entry.path().filename().string()] = ReadFile(entry.path().string());
  }
  return files;
}

std::string Dir(const std::string& name) {
  std::string d = ::testing::TempDir() + "/gen_files_" + name;
  fs::remove_all(d);
  return d;
}

class GenFilesTest : public ::testing::TestWithParam<GenFormat> {};

TEST_P(GenFilesTest, SameArgumentsSameBytes) {
  const std::string a = Dir(std::string("a_") + GenFormatName(GetParam()));
  const std::string b = Dir(std::string("b_") + GenFormatName(GetParam()));
  ASSERT_TRUE(Generate(Small(GetParam(), 42, a), nullptr).ok());
  ASSERT_TRUE(Generate(Small(GetParam(), 42, b), nullptr).ok());
  auto fa = DirContents(a), fb = DirContents(b);
  ASSERT_EQ(fa.size(), 4u);
  for (const auto& [name, bytes] : fa) {
    ASSERT_TRUE(fb.count(name)) << name;
    EXPECT_TRUE(bytes == fb[name]) << name << " differs between two runs";
  }
}

TEST_P(GenFilesTest, AnotherSeedOtherBytes) {
  const std::string a = Dir(std::string("s1_") + GenFormatName(GetParam()));
  const std::string b = Dir(std::string("s2_") + GenFormatName(GetParam()));
  ASSERT_TRUE(Generate(Small(GetParam(), 1, a), nullptr).ok());
  ASSERT_TRUE(Generate(Small(GetParam(), 2, b), nullptr).ok());
  auto fa = DirContents(a), fb = DirContents(b);
  for (const char* name : {"works.jsonl", "truth.jsonl"}) EXPECT_NE(fa[name], fb[name]) << name;
  const bool jsonl = GetParam() == GenFormat::kOpenAi || GetParam() == GenFormat::kWildChat;
  const char* conv = jsonl ? "conversations.jsonl" : "conversations.json";
  EXPECT_NE(fa[conv], fb[conv]);
}

TEST_P(GenFilesTest, LayoutAndSummaryAgree) {
  const std::string dir = Dir(std::string("layout_") + GenFormatName(GetParam()));
  StatusOr<GenStats> stats = Generate(Small(GetParam(), 5, dir), nullptr);
  ASSERT_TRUE(stats.ok());
  const bool jsonl = GetParam() == GenFormat::kOpenAi || GetParam() == GenFormat::kWildChat;
  std::vector<std::string> lines = ReadLines(dir + (jsonl ? "/conversations.jsonl" : "/conversations.json"));
  if (jsonl) {
    EXPECT_EQ(lines.size(), stats->records) << "one record per line";
  } else {
    ASSERT_GE(lines.size(), 2u);
    EXPECT_EQ(lines.front(), "[");
    bool truncated = lines.back() != "]";
    EXPECT_EQ(lines.size(), stats->records + (truncated ? 1 : 2));
    for (size_t i = 1; i + 1 < lines.size(); ++i) {
      if (i + 2 < lines.size()) {
        EXPECT_EQ(lines[i].back(), ',') << "line " << i + 1;
      }
    }
  }
  simdjson::dom::parser parser;
  simdjson::padded_string gen_json = simdjson::padded_string(ReadFile(dir + "/gen.json"));
  simdjson::dom::element g;
  ASSERT_EQ(parser.parse(gen_json).get(g), simdjson::SUCCESS);
  EXPECT_EQ(g["counts"]["records"].get_uint64().value(), stats->records);
  EXPECT_EQ(g["counts"]["entries"].get_uint64().value(), stats->entries);
  EXPECT_EQ(g["seed"].get_uint64().value(), 5u);
  EXPECT_EQ(g["format"].get_string().value(), GenFormatName(GetParam()));
  uint64_t truth_total = 0;
  for (auto [kind, n] : g["counts"]["truth"].get_object()) truth_total += n.get_uint64().value();
  EXPECT_EQ(ReadLines(dir + "/truth.jsonl").size(), truth_total);
  EXPECT_EQ(ReadLines(dir + "/works.jsonl").size(), 60u);
}

INSTANTIATE_TEST_SUITE_P(Formats, GenFilesTest,
                         ::testing::Values(GenFormat::kChatGpt, GenFormat::kOpenAi, GenFormat::kShareGpt,
                                           GenFormat::kWildChat),
                         [](const auto& info) { return std::string(GenFormatName(info.param)); });

int RunCli(const std::string& args) {
  std::string cmd = std::string(WINNOW_BINARY) + " " + args + " > /dev/null 2>&1";
  int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

TEST(GenCliTest, WritesWhatTheLibraryWrites) {
  const std::string lib = Dir("cli_lib"), cli = Dir("cli_cli");
  GenOptions o = Small(GenFormat::kWildChat, 9, lib);
  ASSERT_TRUE(Generate(o, nullptr).ok());
  ASSERT_EQ(RunCli("gen --seed 9 --conversations 150 --works 60 --format wildchat --corrupt 0.05 "
                "--browse-rate 0.2 --branch-rate 0.2 --out " + cli),
            0);
  auto a = DirContents(lib), b = DirContents(cli);
  for (const auto& [name, bytes] : a) EXPECT_TRUE(bytes == b[name]) << name;
}

TEST(GenCliTest, HelpAndBadFlags) {
  EXPECT_EQ(RunCli("gen --help"), 0);
  EXPECT_EQ(RunCli("gen --seed 1"), 2) << "--out is required";
  EXPECT_EQ(RunCli("gen --format nope --out " + Dir("bad")), 2);
  EXPECT_EQ(RunCli("gen --copy-rate 2 --out " + Dir("bad2")), 2);
  EXPECT_EQ(RunCli("gen --works 0 --out " + Dir("bad3")), 2) << "copies need works";
}

TEST(GenOptionsTest, RejectsUnusableOptions) {
  GenOptions o;
  EXPECT_FALSE(Generate(o, nullptr).ok()) << "no out_dir";
  o.out_dir = Dir("opts");
  o.pii_rate = -0.1;
  EXPECT_EQ(Generate(o, nullptr).status().code(), StatusCode::kInvalidArgument);
  o.pii_rate = 0.1;
  o.edit_rates = {0.9};
  EXPECT_EQ(Generate(o, nullptr).status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(ParseGenFormat("csv").ok());
  EXPECT_EQ(ParseGenFormat("sharegpt").value(), GenFormat::kShareGpt);
}

TEST(GenOptionsTest, NoWorksNoPlantsFromWorks) {
  GenOptions o = Small(GenFormat::kOpenAi, 3, Dir("noworks"));
  o.works = 0;
  o.copy_rate = o.negative_rate = o.publisher_rate = o.paywall_rate = 0;
  StatusOr<GenStats> stats = Generate(o, nullptr);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->truth.count("copy"), 0u);
  EXPECT_GT(stats->truth["pii"], 0u);
}

}  // namespace
}  // namespace winnow::gen_test
