#include "crypto/header.h"

#include <gtest/gtest.h>

#include "crypto/base64.h"
#include "winnow/age.h"

namespace winnow::age {
namespace {

const std::string kMac = " " + std::string(43, 'A') + "\n";  // 32 zero bytes

Stanza MakeStanza(size_t body_size) {
  Stanza s;
  s.type = "test";
  s.args = {"a", "b!~"};
  s.body.assign(body_size, 0xab);
  return s;
}

TEST(AgeHeaderTest, BodyWrapsAt64ColumnsAndEndsWithShortLine) {
  for (size_t n : {0, 1, 47, 48, 49, 95, 96, 97, 200}) {
    StatusOr<std::string> enc = EncodeHeaderWithoutMac(std::vector<Stanza>{MakeStanza(n)});
    ASSERT_TRUE(enc.ok());
    size_t lines = 0, full = 0;
    std::string_view body(*enc);
    body.remove_prefix(body.find('\n', body.find("-> ")) + 1);
    body.remove_suffix(3);  // "---"
    for (size_t pos = 0; pos < body.size();) {
      const size_t nl = body.find('\n', pos);
      ASSERT_NE(nl, std::string_view::npos);
      ASSERT_LE(nl - pos, 64u);
      lines++;
      full += nl - pos == 64;
      pos = nl + 1;
    }
    EXPECT_EQ(full, n / 48) << n;
    EXPECT_EQ(lines, n / 48 + 1) << n;  // always one short line, maybe empty

    StatusOr<Header> h = ParseHeader(*enc + kMac + "payload");
    ASSERT_TRUE(h.ok()) << h.status().ToString();
    ASSERT_EQ(h->stanzas.size(), 1u);
    EXPECT_EQ(h->stanzas[0].body.size(), n);
    EXPECT_EQ(h->stanzas[0].args, (std::vector<std::string>{"a", "b!~"}));
    EXPECT_EQ(h->mac_input_size, enc->size());
    EXPECT_EQ(h->size, enc->size() + kMac.size());
  }
}

TEST(AgeHeaderTest, EncodeRefusesInvalidStrings) {
  Stanza s = MakeStanza(1);
  s.args.push_back("has space");
  EXPECT_FALSE(EncodeHeaderWithoutMac(std::vector<Stanza>{s}).ok());
  s.args = {""};
  EXPECT_FALSE(EncodeHeaderWithoutMac(std::vector<Stanza>{s}).ok());
}

struct Malformed {
  const char* what;
  std::string header;
};

TEST(AgeHeaderTest, RejectsNonCanonicalHeaders) {
  const std::string v = "age-encryption.org/v1\n";
  const std::string full = std::string(64, 'A') + "\n";
  const Malformed cases[] = {
      {"empty", ""},
      {"no newline after version", "age-encryption.org/v1"},
      {"CRLF", "age-encryption.org/v1\r\n-> a\n\n---" + kMac},
      {"no stanza prefix", v + "- a\n\n---" + kMac},
      {"no type", v + "->\n\n---" + kMac},
      {"trailing space", v + "-> a \n\n---" + kMac},
      {"double space", v + "-> a  b\n\n---" + kMac},
      {"control char", v + "-> a\tb\n\n---" + kMac},
      {"padding", v + "-> a\nAA==\n---" + kMac},
      {"non-canonical bits", v + "-> a\nAB\n---" + kMac},
      {"bad length", v + "-> a\nA\n---" + kMac},
      {"body line too long", v + "-> a\n" + std::string(68, 'A') + "\n\n---" + kMac},
      {"no short line", v + "-> a\n" + full + "---" + kMac},
      {"two short lines", v + "-> a\nAA\nAA\n---" + kMac},
      {"missing body", v + "-> a\n---" + kMac},
      {"MAC missing", v + "-> a\n\n"},
      {"MAC line without newline", v + "-> a\n\n--- " + std::string(43, 'A')},
      {"MAC no space", v + "-> a\n\n---" + std::string(43, 'A') + "\n"},
      {"MAC two spaces", v + "-> a\n\n---  " + std::string(43, 'A') + "\n"},
      {"MAC trailing space", v + "-> a\n\n--- " + std::string(43, 'A') + " \n"},
      {"MAC short", v + "-> a\n\n--- " + std::string(42, 'A') + "\n"},
      {"MAC not canonical", v + "-> a\n\n--- " + std::string(42, 'A') + "B\n"},
  };
  for (const Malformed& c : cases) {
    StatusOr<Header> h = ParseHeader(c.header);
    ASSERT_FALSE(h.ok()) << c.what;
    EXPECT_EQ(FailureOf(h.status()), Failure::kHeader) << c.what << ": " << h.status().ToString();
  }
}

TEST(AgeHeaderTest, OtherVersionIsUnsupportedHeaderFailure) {
  StatusOr<Header> h = ParseHeader("age-encryption.org/v2\n-> a\n\n---" + kMac);
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(FailureOf(h.status()), Failure::kHeader);
}

TEST(AgeHeaderTest, AcceptsZeroStanzasAndManyStanzas) {
  EXPECT_TRUE(ParseHeader("age-encryption.org/v1\n---" + kMac).ok());
  std::vector<Stanza> many(50, MakeStanza(100));
  StatusOr<std::string> enc = EncodeHeaderWithoutMac(many);
  ASSERT_TRUE(enc.ok());
  StatusOr<Header> h = ParseHeader(*enc + kMac);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->stanzas.size(), 50u);
}

TEST(AgeHeaderTest, Base64IsStrict) {
  EXPECT_TRUE(Base64Decode("").has_value());
  EXPECT_EQ(Base64Decode("AAEC"), (std::vector<uint8_t>{0, 1, 2}));
  EXPECT_FALSE(Base64Decode("AAE=").has_value());
  EXPECT_FALSE(Base64Decode("AAF").has_value());  // leftover bits set
  EXPECT_TRUE(Base64Decode("AAE").has_value());
  EXPECT_FALSE(Base64Decode("AA\nE").has_value());
  EXPECT_FALSE(Base64Decode("A-_E").has_value());  // URL alphabet
  const std::vector<uint8_t> bytes = {0xff, 0xfe, 0xfd, 0xfc};
  EXPECT_EQ(Base64Decode(Base64Encode(bytes)), bytes);
}

}  // namespace
}  // namespace winnow::age
