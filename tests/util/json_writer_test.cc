#include "util/json_writer.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstdio>
#include <random>

namespace winnow {
namespace {

TEST(JsonWriterTest, EscapesEverythingJsonRequires) {
  std::string s;
  for (int c = 0; c < 0x20; ++c) s.push_back(static_cast<char>(c));
  s += "\"\\/ plain text é 東京 😀 long enough to use the word loop";
  std::string out;
  AppendJsonString(s, &out);
  simdjson::dom::parser parser;
  auto doc = parser.parse(out);
  ASSERT_FALSE(doc.error()) << out;
  EXPECT_EQ(doc.get_string().value(), s);
  EXPECT_NE(out.find("\\u0001"), std::string::npos);
  EXPECT_NE(out.find("\\n"), std::string::npos);
}

// The escaping a byte at a time, as RFC 8259 states it: the reference for
// the word-at-a-time and 32-byte loops.
std::string EscapeByBytes(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out + "\"";
}

TEST(JsonWriterTest, EscapesAtEveryOffsetOfEveryLength) {
  // Lengths around the 8- and 32-byte strides, escapes at every position and
  // in runs (several in one block, one at a block's last byte), bytes >= 0x80.
  std::mt19937 rng(7);
  const std::string pool = std::string("abc \"\\\n\t\x01\x1f\x7f") + "\xc3\xa9\xf0\x9f\x98\x80";
  for (size_t len = 0; len <= 100; ++len) {
    for (size_t at = 0; at < len; ++at) {
      std::string s(len, 'x');
      s[at] = '\n';
      std::string out = "prefix";
      AppendJsonString(s, &out);
      ASSERT_EQ(out, "prefix" + EscapeByBytes(s)) << "length " << len << ", escape at " << at;
    }
    for (int trial = 0; trial < 50; ++trial) {
      std::string s;
      for (size_t i = 0; i < len; ++i) {
        s.push_back(rng() % 4 ? static_cast<char>('a' + rng() % 26) : pool[rng() % pool.size()]);
      }
      std::string out;
      AppendJsonString(s, &out);
      ASSERT_EQ(out, EscapeByBytes(s)) << "length " << len;
    }
  }
}

TEST(JsonWriterTest, WritesObjectsAndArrays) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("a"); w.Int(-3);
  w.Key("b"); w.BeginArray(); w.Bool(true); w.Null(); w.Double(0.5); w.EndArray();
  w.Key("c"); w.BeginObject(); w.EndObject();
  w.EndObject();
  EXPECT_EQ(out, R"({"a":-3,"b":[true,null,0.5],"c":{}})");
}

}  // namespace
}  // namespace winnow
