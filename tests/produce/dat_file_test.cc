// The Concordance DAT load file: exact bytes written, tricky values parsed
// back field by field, rewriting accepted files byte for byte, and each
// malformed file refused with its line and field.
#include "produce/dat_file.h"

#include <gtest/gtest.h>

#include <random>

namespace winnow::produce {
namespace {

const std::string kThorn = "\xC3\xBE";  // þ
const std::string kReg = "\xC2\xAE";    // ®
const std::string kSep = "\x14";
const std::string kBom = "\xEF\xBB\xBF";
const std::string kFffd = "\xEF\xBF\xBD";

std::string Q(const std::string& raw) { return kThorn + raw + kThorn; }

std::string Write(const std::vector<std::string>& fields, const std::vector<std::vector<std::string>>& rows) {
  DatWriter writer(fields);
  std::string out;
  writer.AppendHeader(&out);
  for (const auto& row : rows) writer.AppendRow(row, &out);
  return out;
}

TEST(DatFileTest, WritesTheExactBytes) {
  const std::string out = Write({"BEGBATES", "ENDBATES", "MODEL"}, {{"OAI-000001", "OAI-000001", "gpt-4"}, {"a", "", "b"}});
  EXPECT_EQ(out, kBom + Q("BEGBATES") + kSep + Q("ENDBATES") + kSep + Q("MODEL") + "\r\n" +  //
                     Q("OAI-000001") + kSep + Q("OAI-000001") + kSep + Q("gpt-4") + "\r\n" +    //
                     Q("a") + kSep + Q("") + kSep + Q("b") + "\r\n");
}

TEST(DatFileTest, EncodesValues) {
  const auto enc = [](const std::string& v) {
    std::string out;
    AppendDatValue(v, &out);
    return out;
  };
  EXPECT_EQ(enc(""), "");
  EXPECT_EQ(enc("a\r\nb\nc\rd\r\r\ne"), "a" + kReg + "b" + kReg + "c" + kReg + "d" + kReg + kReg + "e");
  EXPECT_EQ(enc("\n"), kReg);
  EXPECT_EQ(enc(kThorn), kThorn + kThorn);
  EXPECT_EQ(enc("x" + kThorn + kThorn + "y"), "x" + kThorn + kThorn + kThorn + kThorn + "y");
  EXPECT_EQ(enc("a\x14" "b"), "a" + kFffd + "b");
  EXPECT_EQ(enc("bad \xFF\xC3 end"), "bad " + kFffd + kFffd + " end");
  EXPECT_EQ(enc("\xE0\x80\xAF"), kFffd + kFffd + kFffd) << "overlong";
  EXPECT_EQ(enc("\xED\xA0\x80"), kFffd + kFffd + kFffd) << "surrogate";
  EXPECT_EQ(enc("\xF4\x90\x80\x80"), kFffd + kFffd + kFffd + kFffd) << "past U+10FFFF";
  EXPECT_EQ(enc("tab\tnul" + std::string(1, '\0') + "\x7F"), "tab\tnul" + std::string(1, '\0') + "\x7F");
  EXPECT_EQ(enc("Zoë 日本 😀 ®"), "Zoë 日本 😀 ®");
}

// Runs of plain ASCII are scanned 8 bytes at a time: a byte to rewrite must
// be found at every position of such a word, in the writer and the parser.
TEST(DatFileTest, FindsEverySpecialByteInLongPlainRuns) {
  const std::vector<std::pair<std::string, std::string>> specials = {
      {"\n", kReg}, {"\r", kReg}, {"\r\n", kReg}, {kSep, kFffd}, {kThorn, kThorn + kThorn},
      {"\xFF", kFffd}, {"\x80", kFffd}, {"é", "é"}, {"\x7F", "\x7F"}, {"\t", "\t"}};
  for (const auto& [raw, written] : specials) {
    for (size_t at = 0; at <= 24; ++at) {
      const std::string head(at, 'a'), tail(24 - at, 'b');
      std::string out;
      AppendDatValue(head + raw + tail, &out);
      EXPECT_EQ(out, head + written + tail) << "at " << at;
      auto table = ParseDat(Write({"F"}, {{head + raw + tail}}), "t.dat");
      ASSERT_TRUE(table.ok()) << table.status().ToString();
      const std::string parsed = written == kReg ? "\n" : written == kThorn + kThorn ? kThorn : written;
      EXPECT_EQ(table->rows.at(0).at(0), head + parsed + tail) << "at " << at;
    }
  }
}

TEST(DatFileTest, RoundTripsTrickyValues) {
  const std::string long_value = [] {
    std::string s;
    std::mt19937 rng(7);
    const std::vector<std::string> pieces = {"word ", "\n", "\r\n", kThorn, "é", "日", "😀", "\"", ",", "\t"};
    while (s.size() < 200000) s += pieces[rng() % pieces.size()];
    return s;
  }();
  struct Case {
    std::string value;
    std::string parsed;  // what comes back
  };
  const std::vector<Case> cases = {
      {"", ""},
      {"plain", "plain"},
      {"a\r\nb", "a\nb"},
      {"a\nb", "a\nb"},
      {"a\rb", "a\nb"},
      {"\r\n\r\n", "\n\n"},
      {"\n", "\n"},
      {kThorn, kThorn},
      {kThorn + kThorn + kThorn, kThorn + kThorn + kThorn},
      {"end " + kThorn, "end " + kThorn},
      {kThorn + " start", kThorn + " start"},
      {"sep\x14inside", "sep" + kFffd + "inside"},
      {"Zoë Ångström, 東京, שלום, 😀", "Zoë Ångström, 東京, שלום, 😀"},
      {"literal ® sign", "literal \n sign"},  // the documented ambiguity
      {"bad\xFFutf8", "bad" + kFffd + "utf8"},
      {"quotes \" and , commas", "quotes \" and , commas"},
      {long_value, [&] {
         std::string p;
         for (size_t i = 0; i < long_value.size(); ++i) {
           if (long_value[i] == '\r') {
             p += '\n';
             if (i + 1 < long_value.size() && long_value[i + 1] == '\n') ++i;
           } else {
             p += long_value[i];
           }
         }
         return p;
       }()},
  };
  std::vector<std::vector<std::string>> rows;
  for (const Case& c : cases) rows.push_back({"OAI-" + std::to_string(rows.size()), c.value, c.value + "|x"});
  const std::string bytes = Write({"BEGBATES", "TEXT", "OTHER"}, rows);
  StatusOr<DatTable> table = ParseDat(bytes, "t.dat");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->fields, (std::vector<std::string>{"BEGBATES", "TEXT", "OTHER"}));
  ASSERT_EQ(table->rows.size(), cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    ASSERT_EQ(table->rows[i].size(), 3u);
    EXPECT_EQ(table->rows[i][0], "OAI-" + std::to_string(i));
    EXPECT_EQ(table->rows[i][1], cases[i].parsed) << "case " << i;
    EXPECT_EQ(table->rows[i][2], cases[i].parsed + "|x") << "case " << i;
  }
  // Writing the parsed table again gives the same bytes.
  EXPECT_EQ(Write(table->fields, table->rows), bytes);
}

TEST(DatFileTest, ParsesHeaderOnlyAndSingleField) {
  StatusOr<DatTable> header_only = ParseDat(Write({"BEGBATES", "ENDBATES"}, {}), "h.dat");
  ASSERT_TRUE(header_only.ok()) << header_only.status().ToString();
  EXPECT_EQ(header_only->fields, (std::vector<std::string>{"BEGBATES", "ENDBATES"}));
  EXPECT_TRUE(header_only->rows.empty());

  StatusOr<DatTable> one = ParseDat(Write({"ID"}, {{""}, {"x"}}), "o.dat");
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(one->rows, (std::vector<std::vector<std::string>>{{""}, {"x"}}));

  // Header names are values too: a þ in one is doubled and undone.
  StatusOr<DatTable> odd = ParseDat(Write({"A" + kThorn, "B C"}, {}), "n.dat");
  ASSERT_TRUE(odd.ok());
  EXPECT_EQ(odd->fields, (std::vector<std::string>{"A" + kThorn, "B C"}));
}

TEST(DatFileTest, RefusesMalformedFilesNamingLineAndField) {
  const std::string header = kBom + Q("A") + kSep + Q("B") + "\r\n";
  struct Case {
    std::string bytes;
    std::string message;
  };
  const std::vector<Case> cases = {
      {Q("A") + "\r\n", "x.dat: line 1: missing the UTF-8 byte order mark"},
      {"", "x.dat: line 1: missing the UTF-8 byte order mark"},
      {kBom, "x.dat: line 1: no header record"},
      {kBom + "A" + kSep + Q("B") + "\r\n", "x.dat: line 1, field 1: expected þ (U+00FE) to open the field"},
      {header + Q("1") + kSep + "2\r\n", "x.dat: line 2, field 2: expected þ (U+00FE) to open the field"},
      {header + Q("1") + kSep + kThorn + "2\r\n", "x.dat: line 2, field 2: a line break inside the field"},
      {header + Q("1") + kSep + kThorn + "2", "x.dat: line 2, field 2: the field is not closed by þ"},
      {header + Q("1") + kSep + kThorn + "2" + kSep + Q("3") + "\r\n", "x.dat: line 2, field 2: ASCII 20 inside the field"},
      {header + Q("1") + kSep + Q("a" + kThorn + "b") + "\r\n", "x.dat: line 2, field 2: unexpected bytes after the closing þ"},
      {header + Q("1") + kSep + Q("2"), "x.dat: line 2, field 2: the last record does not end with CRLF"},
      {header + Q("1") + kSep + Q("2") + "\n", "x.dat: line 2, field 2: the record ends with a line break other than CRLF"},
      {header + Q("1") + kSep + Q("2") + "\r", "x.dat: line 2, field 2: the record ends with a line break other than CRLF"},
      {header + Q("1") + kSep + Q("2") + "\r\n\r\n", "x.dat: line 3, field 1: expected þ (U+00FE) to open the field"},
      {header + Q("1") + "\r\n", "x.dat: line 2, field 2: missing: the record has 1 fields, the header 2"},
      {header + Q("1") + kSep + Q("2") + kSep + Q("3") + "\r\n", "x.dat: line 2, field 3: more fields than the header's 2"},
      {header + Q("1") + kSep, "x.dat: line 2, field 2: the file ends after a field separator"},
      {header + Q("1") + kSep + Q("ok\xC3(") + "\r\n", "x.dat: line 2, field 2: invalid UTF-8 at byte 2 of the field"},
      {header + Q("\xED\xA0\x80") + kSep + Q("2") + "\r\n", "x.dat: line 2, field 1: invalid UTF-8 at byte 0 of the field"},
      {header + Q("1") + kSep + Q("2") + "\r\n" + Q("3") + kSep + Q("4\xF8") + "\r\n",
       "x.dat: line 3, field 2: invalid UTF-8 at byte 1 of the field"},
      {kBom + Q("A") + kSep + Q("") + "\r\n", "x.dat: line 1, field 2: empty field name"},
      {kBom + Q("A") + kSep + Q("B") + kSep + Q("A") + "\r\n", "x.dat: line 1, field 3: field name A repeats field 1"},
  };
  for (const Case& c : cases) {
    StatusOr<DatTable> table = ParseDat(c.bytes, "x.dat");
    ASSERT_FALSE(table.ok()) << c.message;
    EXPECT_EQ(table.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(table.status().message().substr(0, c.message.size()), c.message) << table.status().message();
  }
  // Messages never quote values.
  StatusOr<DatTable> secret = ParseDat(header + Q("1") + kSep + Q("jane.roe@example.org" + kThorn + "x") + "\r\n", "x.dat");
  ASSERT_FALSE(secret.ok());
  EXPECT_EQ(secret.status().message().find("jane"), std::string::npos);
}

}  // namespace
}  // namespace winnow::produce
