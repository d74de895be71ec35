// Hand-made cases for each reader and for bad input.
#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include "formats/reader_test_util.h"

namespace winnow {
namespace {

using testing::ReadBytes;

TEST(ChatReaderTest, OpenAiMessagesWithPartsToolCallsAndSystem) {
  auto r = ReadBytes(
      R"({"id":"c1","user":"u9","model":"gpt-4o","created":1700000000,"messages":[)"
      R"({"role":"system","content":"Be brief."},)"
      R"({"role":"user","content":[{"type":"text","text":"What is this?"},{"type":"image_url","image_url":{"url":"https://x/y.png"}}]},)"
      R"({"role":"assistant","content":null,"tool_calls":[{"id":"t","type":"function","function":{"name":"search","arguments":"{}"}}]},)"
      R"({"role":"tool","name":"search","content":"result text"},)"
      R"({"role":"assistant","content":"A cat."},)"
      R"({"role":"user","content":"Thanks"}]})"
      "\n");
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.format, ChatFormat::kOpenAiMessages);
  ASSERT_EQ(r.entries.size(), 2u);
  const Entry& e = r.entries[0];
  EXPECT_EQ(e.conversation_id, "c1");
  EXPECT_EQ(e.user_id, "u9");
  EXPECT_EQ(e.model, "gpt-4o");
  EXPECT_EQ(e.time, "2023-11-14T22:13:20Z");
  EXPECT_EQ(e.prompt, "What is this?\n[image_url]");
  EXPECT_EQ(e.output, "A cat.");
  ASSERT_EQ(e.tools.size(), 2u);
  EXPECT_EQ(e.tools[0].kind, "call");
  EXPECT_EQ(e.tools[1].kind, "result");
  EXPECT_EQ(e.tools[1].text, "result text");
  EXPECT_EQ(e.entry_id, EntryId("c1", 0, ""));
  bool has_system = false, has_turn_meta = false;
  for (const MetaField& m : e.meta) {
    has_system |= m.key == "system" && m.json == "\"Be brief.\"";
    has_turn_meta |= m.key == "turn_meta" && m.json.find("https://x/y.png") != std::string::npos;
  }
  EXPECT_TRUE(has_system);
  EXPECT_TRUE(has_turn_meta);
  EXPECT_EQ(r.entries[1].turn, 1);
  EXPECT_EQ(r.entries[1].prompt, "Thanks");
  EXPECT_EQ(r.entries[1].output, "");
}

TEST(ChatReaderTest, IdsAreStableAndDerivedWhenMissing) {
  std::string line = R"({"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"yo"}]})";
  auto a = ReadBytes(line + "\n");
  auto b = ReadBytes(line + "\n");
  ASSERT_EQ(a.entries.size(), 1u);
  EXPECT_EQ(a.entries[0].conversation_id, DerivedConversationId(line));
  EXPECT_EQ(a.entries[0].entry_id, b.entries[0].entry_id);
  EXPECT_EQ(a.entries[0].entry_id.size(), 24u);
  EXPECT_NE(EntryId("a", 12, ""), EntryId("a1", 2, ""));
}

TEST(ChatReaderTest, ShareGptArrayAndJsonLines) {
  std::string conv = R"({"id":"s1","model":"m","conversations":[{"from":"human","value":"Q1"},{"from":"gpt","value":"A1"},{"from":"human","value":"Q2"},{"from":"gpt","value":"A2"}]})";
  for (const std::string& data : {"[" + conv + "]", conv + "\n"}) {
    auto r = ReadBytes(data);
    EXPECT_EQ(r.format, ChatFormat::kShareGpt);
    ASSERT_EQ(r.entries.size(), 2u);
    EXPECT_EQ(r.entries[1].prompt, "Q2");
    EXPECT_EQ(r.entries[1].output, "A2");
    EXPECT_EQ(r.entries[1].entry_id, EntryId("s1", 1, ""));
  }
}

TEST(ChatReaderTest, WildChatTimestampsUserAndMetadata) {
  auto r = ReadBytes(
      R"({"conversation_hash":"w1","model":"gpt-4","timestamp":"2024-01-02 03:04:05","hashed_ip":"abc","country":"France","language":"French","conversation":[{"role":"user","content":"Bonjour","timestamp":"2024-01-02T03:04:06+01:00"},{"role":"assistant","content":"Salut"}]})"
      "\n");
  ASSERT_EQ(r.entries.size(), 1u);
  EXPECT_EQ(r.format, ChatFormat::kWildChat);
  EXPECT_EQ(r.entries[0].user_id, "abc");
  EXPECT_EQ(r.entries[0].time, "2024-01-02T02:04:06Z");
  EXPECT_EQ(r.entries[0].conversation_id, "w1");
  std::string meta;
  for (const MetaField& m : r.entries[0].meta) meta += m.key + "=" + m.json + ";";
  EXPECT_NE(meta.find("country=\"France\""), std::string::npos) << meta;
}

TEST(ChatReaderTest, ChatGptBranchesBecomeAlternates) {
  // root -> u1 -> {a1 (regenerated away), a2 (visible)} ; a2 -> u2 -> a3
  auto node = [](const char* id, const char* parent, const char* role, const char* text) {
    std::string msg = text ? std::string(R"({"author":{"role":")") + role +
                                 R"("},"content":{"content_type":"text","parts":[")" + text + R"("]}})"
                           : "null";
    return std::string("\"") + id + R"(":{"message":)" + msg + R"(,"parent":)" +
           (parent ? std::string("\"") + parent + "\"" : "null") + "}";
  };
  std::string conv = R"({"conversation_id":"g1","title":"T","current_node":"a3","mapping":{)" +
                     node("a3", "u2", "assistant", "third") + "," + node("root", nullptr, "", nullptr) + "," +
                     node("u1", "root", "user", "first q") + "," + node("a1", "u1", "assistant", "old answer") +
                     "," + node("a2", "u1", "assistant", "new answer") + "," +
                     node("u2", "a2", "user", "second q") + "}}";
  auto r = ReadBytes("[" + conv + "]");
  ASSERT_TRUE(r.bad.empty()) << r.bad[0].reason;
  ASSERT_EQ(r.entries.size(), 3u);
  EXPECT_EQ(r.entries[0].output, "new answer");
  EXPECT_FALSE(r.entries[0].alternate);
  EXPECT_EQ(r.entries[1].prompt, "second q");
  EXPECT_EQ(r.entries[1].output, "third");
  EXPECT_EQ(r.entries[2].output, "old answer");
  EXPECT_TRUE(r.entries[2].alternate);
  EXPECT_EQ(r.entries[2].turn, 0);
  EXPECT_NE(r.entries[2].entry_id, r.entries[0].entry_id);
}

TEST(ChatReaderTest, ChatGptCycleIsQuarantinedNotLooped) {
  std::string conv = R"([{"conversation_id":"c","current_node":"a","mapping":{"a":{"parent":"b","message":null},"b":{"parent":"a","message":null}}}])";
  auto r = ReadBytes(conv);
  ASSERT_EQ(r.bad.size(), 1u);
  EXPECT_NE(r.bad[0].reason.find("cycle"), std::string::npos);
}

TEST(ChatReaderTest, BadRecordsAreReportedWithReasonAndLine) {
  std::string data =
      R"({"messages":[{"role":"user","content":"ok"}]})" "\n"
      R"({"messages":[{"role":"user","content":"broken")" "\n"        // malformed JSON
      "{\"messages\":[{\"role\":\"user\",\"content\":\"bad \xff utf8\"}]}\n"  // invalid UTF-8
      R"({"messages":[{"role":"user","content":42}]})" "\n"            // wrong type
      R"({"messages":[{"content":"no role"}]})" "\n"                   // missing field
      R"({"messages":"not an array"})" "\n"
      R"({"other":1})" "\n"                                            // missing messages
      R"({"messages":[{"role":"wizard","content":"x"}]})" "\n"         // unknown role
      R"({"messages":[]} {"messages":[]})" "\n"                        // trailing content
      R"({"messages":[{"role":"user","content":"last"}]})" "\n";
  auto r = ReadBytes(data);
  EXPECT_EQ(r.records, 10u);
  ASSERT_EQ(r.bad.size(), 8u);
  EXPECT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.bad[0].line, 2u);
  EXPECT_NE(r.bad[1].reason.find("UTF-8"), std::string::npos) << r.bad[1].reason;
  EXPECT_EQ(r.bad[2].reason, "messages[0].content: expected a string or an array of parts, got a number");
  EXPECT_EQ(r.bad[3].reason, "messages[0]: missing field 'role'");
  EXPECT_EQ(r.bad[4].reason, "messages: expected an array");
  EXPECT_EQ(r.bad[5].reason, "record: missing field 'messages'");
  EXPECT_NE(r.bad[6].reason.find("unknown role 'wizard'"), std::string::npos);
  EXPECT_NE(r.bad[7].reason.find("unexpected content"), std::string::npos) << r.bad[7].reason;
  EXPECT_EQ(r.bad_raw[2], R"({"messages":[{"role":"user","content":42}]})");
}

TEST(ChatReaderTest, DeeplyNestedRecordIsQuarantined) {
  std::string deep = R"({"messages":[{"role":"user","content":"x","extra":)" + std::string(5000, '[') +
                     std::string(5000, ']') + "}]}\n" + R"({"messages":[{"role":"user","content":"y"}]})" + "\n";
  auto r = ReadBytes(deep);
  ASSERT_EQ(r.bad.size(), 1u);
  EXPECT_EQ(r.bad[0].reason, "messages[0].extra: malformed or too deeply nested JSON");
  EXPECT_EQ(r.entries.size(), 1u);
}

TEST(ChatReaderTest, HugeLineIsReadWhole) {
  std::string text(20 << 20, 'a');
  auto r = ReadBytes(R"({"messages":[{"role":"user","content":")" + text + R"("}]})" + "\n");
  ASSERT_EQ(r.entries.size(), 1u);
  EXPECT_EQ(r.entries[0].prompt.size(), text.size());
}

TEST(ChatReaderTest, EmptyAndTruncatedFiles) {
  EXPECT_EQ(ReadBytes("").records, 0u);
  auto r = ReadBytes(R"([{"id":"1","conversations":[{"from":"human","value":"a"}]}, {"id":"2","conversations":[)");
  EXPECT_EQ(r.records, 2u);
  ASSERT_EQ(r.bad.size(), 1u);
  EXPECT_NE(r.bad[0].reason.find("truncated"), std::string::npos);
}

TEST(ChatReaderTest, UndetectableFormatNamesTheKeys) {
  auto r = ReadBytes("{\"x\":1}\n[1,2]\n");
  ASSERT_EQ(r.bad.size(), 2u);
  EXPECT_NE(r.bad[0].reason.find("cannot tell the format"), std::string::npos);
}

std::string Gzip(const std::string& in) {
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, in.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = in.size();
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = out.size();
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

TEST(ChatReaderTest, GzipAndZstdInputAreDetected) {
  std::string plain;
  for (int i = 0; i < 20000; ++i) {
    plain += R"({"id":")" + std::to_string(i) + R"(","messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]})" "\n";
  }
  std::string z(ZSTD_compressBound(plain.size()), '\0');
  z.resize(ZSTD_compress(z.data(), z.size(), plain.data(), plain.size(), 3));
  std::string gz = Gzip(plain);
  for (const std::string& data : {gz, z, gz + gz}) {
    auto reader = ChatFileReader::FromBytes("x", data, {});
    auto r = testing::ReadAll(reader.get());
    EXPECT_TRUE(r.status.ok()) << r.status.ToString();
    EXPECT_EQ(r.entries.size() % 20000, 0u);
    EXPECT_GE(r.entries.size(), 20000u);
    EXPECT_STRNE(reader->compression(), "none");
  }
  // Truncated compressed data: the records before the cut are kept, then an error.
  auto reader = ChatFileReader::FromBytes("cut.zst", z.substr(0, z.size() / 2), {});
  auto r = testing::ReadAll(reader.get());
  EXPECT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("cut.zst"), std::string::npos);
  EXPECT_GT(r.entries.size(), 0u);
}

TEST(ChatReaderTest, ParseFormatNames) {
  EXPECT_EQ(*ParseChatFormat("lmsys"), ChatFormat::kWildChat);
  EXPECT_EQ(*ParseChatFormat("chatgpt"), ChatFormat::kChatGpt);
  EXPECT_FALSE(ParseChatFormat("csv").ok());
}

}  // namespace
}  // namespace winnow
