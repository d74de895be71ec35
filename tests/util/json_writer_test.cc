#include "util/json_writer.h"

#include <gtest/gtest.h>
#include <simdjson.h>

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
