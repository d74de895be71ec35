// The readers on real chat logs from ../shared/testdata/chatlogs (see its
// README for sources). Each test skips when the shared folder is absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "formats/reader_test_util.h"

namespace winnow {
namespace {

using testing::ReadResult;
using testing::TestData;

ReadResult ReadFile(const std::string& rel, ChatFormat format = ChatFormat::kAuto) {
  ReaderOptions opts;
  opts.format = format;
  auto reader = ChatFileReader::Open(TestData(rel), opts);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return {};
  return testing::ReadAll(reader->get());
}

size_t CountTools(const ReadResult& r, const std::string& kind, const std::string& name) {
  size_t n = 0;
  for (const Entry& e : r.entries)
    for (const ToolText& t : e.tools) n += t.kind == kind && t.name == name;
  return n;
}

TEST(RealFilesTest, ChatGptExportWithBranchesAndBrowsing) {
  const std::string f = "chatlogs/chatgpt_export_pkuppens_2023-06_conversations.json";
  WINNOW_REQUIRE_TESTDATA(f);
  auto r = ReadFile(f);
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.format, ChatFormat::kChatGpt);
  EXPECT_EQ(r.records, 192u);
  EXPECT_TRUE(r.bad.empty());
  EXPECT_EQ(r.entries.size(), 649u);
  EXPECT_EQ(std::count_if(r.entries.begin(), r.entries.end(), [](const Entry& e) { return e.alternate; }), 4);
  EXPECT_EQ(CountTools(r, "call", "browser"), 29u);
  EXPECT_EQ(CountTools(r, "result", "browser"), 36u);
  // Every entry has a time and a unique id.
  std::map<std::string, int> ids;
  for (const Entry& e : r.entries) {
    EXPECT_FALSE(e.time.empty());
    EXPECT_EQ(++ids[e.entry_id], 1) << e.entry_id;
  }
}

TEST(RealFilesTest, ChatGptExportWithCodeInterpreter) {
  const std::string f = "chatlogs/chatgpt_export_realazthat_2023-09_conversations.json";
  WINNOW_REQUIRE_TESTDATA(f);
  auto r = ReadFile(f);
  EXPECT_EQ(r.entries.size(), 8u);
  EXPECT_EQ(CountTools(r, "call", "python"), 11u);
  EXPECT_EQ(CountTools(r, "result", "python"), 11u);
  for (const Entry& e : r.entries) EXPECT_EQ(e.model, "gpt-4-code-interpreter");
}

TEST(RealFilesTest, ChatGptShapeWithoutChildrenOrCurrentNode) {
  const std::string f = "chatlogs/chatgpt_export_shape_looselips_pii_examples.json";
  WINNOW_REQUIRE_TESTDATA(f);
  auto r = ReadFile(f);
  EXPECT_EQ(r.records, 5u);
  EXPECT_TRUE(r.bad.empty());
  EXPECT_EQ(r.entries.size(), 5u);
  EXPECT_EQ(r.entries[0].conversation_id, "conv-employment");
  EXPECT_NE(r.entries[0].prompt.find("Dave Chen"), std::string::npos);
  EXPECT_FALSE(r.entries[0].output.empty());
}

TEST(RealFilesTest, LmsysConversations) {
  const std::string f = "chatlogs/lmsys_chat_1m_subset_1000turns.jsonl";
  WINNOW_REQUIRE_TESTDATA(f);
  auto r = ReadFile(f);
  EXPECT_EQ(r.format, ChatFormat::kWildChat);
  EXPECT_EQ(r.records, 191u);
  EXPECT_TRUE(r.bad.empty());
  EXPECT_EQ(r.entries.size(), 993u);
  EXPECT_EQ(r.entries[0].conversation_id, "1e230e55efea4edab95db9cb87f6a9cb");
  EXPECT_EQ(r.entries[0].model, "vicuna-13b");
}

TEST(RealFilesTest, CookbookFileWithFaultsLosesNothing) {
  const std::string f = "chatlogs/openai_cookbook_toy_chat_fine_tuning.jsonl";
  WINNOW_REQUIRE_TESTDATA(f);
  auto r = ReadFile(f);
  EXPECT_EQ(r.records, 5u);
  EXPECT_EQ(r.entries.size(), 8u);
  // A record without a user turn still yields its answer, with an empty prompt.
  EXPECT_EQ(std::count_if(r.entries.begin(), r.entries.end(), [](const Entry& e) { return e.prompt.empty(); }), 1);
  size_t longest = 0;
  for (const Entry& e : r.entries) longest = std::max(longest, e.output.size());
  EXPECT_EQ(longest, 26000u);
}

TEST(RealFilesTest, ShareGptFiles) {
  struct Case { const char* file; uint64_t records, entries; } cases[] = {
      {"chatlogs/sharegpt_fastchat_dummy_conversation.json", 500, 1000},
      {"chatlogs/sharegpt_real_dialogstudio_original_example.json", 5, 14},
      {"chatlogs/sharegpt_real_first_prompts_V3_filtered_1000.json", 1000, 1000},
      // 16 records hold only a system banner: each still yields one entry.
      {"chatlogs/sharegpt_real_first_prompts_sg90k_part1_sampled_2978.json", 2978, 2978},
  };
  for (const Case& c : cases) {
    WINNOW_REQUIRE_TESTDATA(c.file);
    auto r = ReadFile(c.file);
    EXPECT_EQ(r.format, ChatFormat::kShareGpt) << c.file;
    EXPECT_EQ(r.records, c.records) << c.file;
    EXPECT_TRUE(r.bad.empty()) << c.file;
    EXPECT_EQ(r.entries.size(), c.entries) << c.file;
  }
}

TEST(RealFilesTest, WildChatRussianPrompts) {
  const std::string f = "chatlogs/wildchat_hard_ru_1077_prompts.json";
  WINNOW_REQUIRE_TESTDATA(f);
  auto r = ReadFile(f);
  EXPECT_EQ(r.format, ChatFormat::kInstructions);
  EXPECT_EQ(r.entries.size(), 1077u);
  EXPECT_EQ(r.entries[0].conversation_id, "5073490dae7dfebbc813093ba0e60c92");
  EXPECT_EQ(r.entries[0].prompt.rfind("Ответь", 0), 0u);
}

TEST(RealFilesTest, ForcedWrongFormatQuarantinesEveryRecord) {
  const std::string f = "chatlogs/sharegpt_fastchat_dummy_conversation.json";
  WINNOW_REQUIRE_TESTDATA(f);
  auto r = ReadFile(f, ChatFormat::kOpenAiMessages);
  EXPECT_EQ(r.records, 500u);
  EXPECT_EQ(r.bad.size(), 500u);
  EXPECT_EQ(r.bad[0].reason, "record: missing field 'messages'");
}

}  // namespace
}  // namespace winnow
