// Pseudonym keys and tokens: the properties the issue asks for (same value,
// same token across shards and runs with one key; another key, other
// tokens; no token carries the value), the token format, and the key file
// rules (0600 only, never overwritten, never inside a matter).
#include "pii/pseudonym.h"

#include <gtest/gtest.h>
#include <openssl/hmac.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>
#include <type_traits>

#include "pii/detector.h"
#include "temp_dir.h"

namespace winnow::pii {
namespace {

using test::TempDir;
using test::WriteText;

static_assert(!std::is_copy_constructible_v<PseudonymKey>);
static_assert(!std::is_copy_assignable_v<PseudonymKey>);
static_assert(std::is_nothrow_move_constructible_v<PseudonymKey>);

constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";



std::array<uint8_t, 32> Bytes(uint8_t first) {
  std::array<uint8_t, 32> b;
  for (int i = 0; i < 32; ++i) b[i] = static_cast<uint8_t>(first + i);
  return b;
}

PseudonymKey KeyOf(uint8_t first) {
  StatusOr<PseudonymKey> key = PseudonymKey::FromBytes(Bytes(first));
  EXPECT_TRUE(key.ok());
  return std::move(key).value();
}

// Values of the kinds pseudonyms are made of, from a fixed-seed generator.
std::vector<std::pair<std::string, std::string>> SampleValues(size_t n) {
  uint64_t x = 0x9E3779B97F4A7C15ull;
  auto next = [&x](uint32_t below) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return static_cast<uint32_t>(x % below);
  };
  auto word = [&](size_t len) {
    std::string w;
    for (size_t i = 0; i < len; ++i) w.push_back(static_cast<char>('a' + next(26)));
    return w;
  };
  auto digits = [&](size_t len) {
    std::string d;
    for (size_t i = 0; i < len; ++i) d.push_back(static_cast<char>('0' + next(10)));
    return d;
  };
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t i = 0; i < n; ++i) {
    switch (i % 5) {
      case 0: out.emplace_back("EMAIL_ADDRESS", word(4 + next(8)) + "." + word(5) + "@" + word(6) + ".com"); break;
      case 1: out.emplace_back("PHONE_NUMBER", "+1" + digits(10)); break;
      case 2: {
        std::string name = word(3 + next(6)) + " " + word(4 + next(7));
        name[0] = static_cast<char>(name[0] - 'a' + 'A');
        out.emplace_back("PERSON", name);
        break;
      }
      case 3: out.emplace_back("CREDIT_CARD", digits(16)); break;
      default:
        out.emplace_back("IP_ADDRESS", std::to_string(next(256)) + "." + std::to_string(next(256)) + "." +
                                           std::to_string(next(256)) + "." + std::to_string(next(256)));
    }
  }
  return out;
}

TEST(PseudonymTest, TokenIsTypeAndTenCrockfordCharacters) {
  PseudonymKey key = KeyOf(1);
  const std::string token = key.Token("PERSON", "jane roe");
  ASSERT_EQ(token.size(), std::string("PERSON_").size() + 10);
  EXPECT_EQ(token.substr(0, 7), "PERSON_");
  for (char c : token.substr(7)) EXPECT_NE(kCrockford.find(c), std::string_view::npos) << token;
}

// Pins the documented scheme, computed independently with OpenSSL:
// the first 50 bits of HMAC-SHA-256(key, label \0 type \0 value), base32.
TEST(PseudonymTest, TokenMatchesTheDocumentedHmac) {
  const std::array<uint8_t, 32> bytes = Bytes(7);
  PseudonymKey key = KeyOf(7);
  for (const auto& [type, value] : SampleValues(50)) {
    std::string message = "winnow/pii/pseudonym/v1";
    message.push_back('\0');
    message.append(type).push_back('\0');
    message.append(value);
    unsigned char mac[32];
    unsigned int len = 0;
    HMAC(EVP_sha256(), bytes.data(), 32, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
         mac, &len);
    ASSERT_EQ(len, 32u);
    uint64_t bits = 0;
    for (int i = 0; i < 7; ++i) bits = (bits << 8) | mac[i];
    bits >>= 6;
    std::string expected = type + "_";
    for (int i = 9; i >= 0; --i) expected.push_back(kCrockford[(bits >> (5 * i)) & 31]);
    EXPECT_EQ(key.Token(type, value), expected);

    std::array<uint8_t, 32> full;
    key.Mac(type, value, full);
    EXPECT_EQ(0, std::memcmp(full.data(), mac, 32));
  }
}

// "Shards and runs": two loads of one key file, in separate objects, give
// the same token for every value.
TEST(PseudonymTest, SameValueSameTokenAcrossLoadsOfOneKeyFile) {
  TempDir dir("winnow-pseudonym");
  StatusOr<PseudonymKey> generated = PseudonymKey::Generate();
  ASSERT_TRUE(generated.ok());
  const std::string path = dir.File("pseudonym.key");
  ASSERT_TRUE(generated->Save(path).ok());
  StatusOr<PseudonymKey> run1 = PseudonymKey::Load(path);
  StatusOr<PseudonymKey> run2 = PseudonymKey::Load(path);
  ASSERT_TRUE(run1.ok()) << run1.status().ToString();
  ASSERT_TRUE(run2.ok());
  EXPECT_EQ(run1->KeyId(), generated->KeyId());
  for (const auto& [type, value] : SampleValues(500)) {
    const std::string t = run1->Token(type, value);
    EXPECT_EQ(t, run2->Token(type, value));
    EXPECT_EQ(t, generated->Token(type, value));
    EXPECT_EQ(t, run1->Token(type, value));  // and stable within one object
  }
}

TEST(PseudonymTest, AnotherKeyGivesOtherTokens) {
  PseudonymKey a = KeyOf(1);
  PseudonymKey b = KeyOf(2);
  EXPECT_NE(a.KeyId(), b.KeyId());
  size_t same = 0;
  for (const auto& [type, value] : SampleValues(2000)) same += a.Token(type, value) == b.Token(type, value);
  EXPECT_EQ(same, 0u);
}

TEST(PseudonymTest, DistinctValuesGetDistinctTokens) {
  PseudonymKey key = KeyOf(3);
  std::set<std::string> tokens;
  std::set<std::pair<std::string, std::string>> values;
  for (const auto& v : SampleValues(5000)) {
    if (values.insert(v).second) tokens.insert(key.Token(v.first, v.second));
  }
  EXPECT_EQ(tokens.size(), values.size());
  // The type is part of the HMAC, not only the prefix.
  EXPECT_NE(key.Token("PERSON", "x").substr(7), key.Token("LOCATION", "x").substr(9));
}

TEST(PseudonymTest, NoTokenContainsTheValueOrAnyPartOfIt) {
  PseudonymKey key = KeyOf(9);
  for (const auto& [type, value] : SampleValues(5000)) {
    const std::string token = key.Token(type, value);
    ASSERT_EQ(token.find(value), std::string::npos);
    for (size_t len = 4; len <= value.size(); ++len) {
      for (size_t i = 0; i + len <= value.size(); ++i) {
        ASSERT_EQ(token.find(value.substr(i, len)), std::string::npos)
            << token << " holds '" << value.substr(i, len) << "' of " << value;
      }
    }
  }
}

class DefaultNormalizer : public Detector {
 public:
  std::string_view Name() const override { return "test"; }
  std::vector<std::string_view> Types() const override { return {"EMAIL_ADDRESS"}; }
};

TEST(PseudonymTest, SpellingsOfOneValueShareATokenOnceNormalized) {
  PseudonymKey key = KeyOf(4);
  DefaultNormalizer d;
  const std::string a = d.Normalize("EMAIL_ADDRESS", "John.Doe@Example.COM");
  const std::string b = d.Normalize("EMAIL_ADDRESS", "john.doe@example.com");
  EXPECT_EQ(key.Token("EMAIL_ADDRESS", a), key.Token("EMAIL_ADDRESS", b));
  EXPECT_NE(key.Token("EMAIL_ADDRESS", "John.Doe@Example.COM"), key.Token("EMAIL_ADDRESS", b));
}

TEST(PseudonymTest, MetaIdentifiersGetTheTokenOfTheSameDatumInText) {
  PseudonymKey key = KeyOf(5);
  EXPECT_EQ(MetaType("user"), "USER");
  EXPECT_EQ(MetaType("User-Id"), "USER");
  EXPECT_EQ(MetaType("hashed_user"), "USER");
  EXPECT_EQ(MetaType("email"), "EMAIL_ADDRESS");
  EXPECT_EQ(MetaType("user_email"), "EMAIL_ADDRESS");
  EXPECT_EQ(MetaType("ip"), "IP_ADDRESS");
  EXPECT_EQ(MetaType("client_ip"), "IP_ADDRESS");
  EXPECT_EQ(MetaType("hashed_ip"), "HASHED_IP");
  EXPECT_EQ(MetaType("device_id"), "DEVICE_ID");
  EXPECT_EQ(MetaType("deviceId"), "DEVICE_ID");
  EXPECT_EQ(MetaType("session.key"), "SESSION_KEY");

  EXPECT_EQ(key.MetaToken("email", " Jane.Roe@Example.com "), key.Token("EMAIL_ADDRESS", "jane.roe@example.com"));
  EXPECT_EQ(key.MetaToken("ip", "2001:DB8:0:0:0:0:0:1"), key.Token("IP_ADDRESS", "2001:db8::1"));
  EXPECT_EQ(key.MetaToken("ip", "203.0.113.9"), key.Token("IP_ADDRESS", "203.0.113.9"));
  EXPECT_EQ(key.MetaToken("user_id", "user-Ab12"), key.MetaToken("user", "user-Ab12"));
  EXPECT_NE(key.MetaToken("user_id", "user-Ab12"), key.MetaToken("user_id", "user-ab12"));  // ids keep case
  EXPECT_EQ(key.MetaToken("user_id", "user-Ab12").substr(0, 5), "USER_");
}

TEST(PseudonymTest, ConstMethodsAreSafeFromManyThreads) {
  PseudonymKey key = KeyOf(6);
  const auto values = SampleValues(400);
  std::vector<std::string> serial;
  for (const auto& [type, value] : values) serial.push_back(key.Token(type, value));
  std::vector<std::vector<std::string>> results(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (const auto& [type, value] : values) results[t].push_back(key.Token(type, value));
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& r : results) EXPECT_EQ(r, serial);
}

TEST(PseudonymTest, MovedKeyKeepsWorking) {
  PseudonymKey a = KeyOf(8);
  const std::string t = a.Token("PERSON", "x");
  PseudonymKey b = std::move(a);
  EXPECT_EQ(b.Token("PERSON", "x"), t);
  PseudonymKey c = KeyOf(9);
  c = std::move(b);
  EXPECT_EQ(c.Token("PERSON", "x"), t);
}

TEST(PseudonymKeyFileTest, SaveCreatesOwnerOnlyFileAndNeverOverwrites) {
  TempDir dir("winnow-pseudonym");
  PseudonymKey key = KeyOf(10);
  const std::string path = dir.File("k");
  ASSERT_TRUE(key.Save(path).ok());
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("\nWINNOW-PSEUDONYM-KEY-1 "), std::string::npos) << text;
  EXPECT_NE(text.find("# key id: " + key.KeyId()), std::string::npos);
  const Status again = KeyOf(11).Save(path);
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists);
  StatusOr<PseudonymKey> loaded = PseudonymKey::Load(path);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->KeyId(), key.KeyId());  // the first key survived
}

TEST(PseudonymKeyFileTest, RefusesGroupOrOtherAccess) {
  TempDir dir("winnow-pseudonym");
  const std::string path = dir.File("k");
  ASSERT_TRUE(KeyOf(12).Save(path).ok());
  for (mode_t mode : {0644, 0640, 0604, 0620, 0602, 0660, 0610, 0601}) {
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
    StatusOr<PseudonymKey> key = PseudonymKey::Load(path);
    ASSERT_FALSE(key.ok()) << std::oct << mode;
    EXPECT_EQ(key.status().code(), StatusCode::kPermissionDenied);
    EXPECT_NE(key.status().message().find(path), std::string::npos);
    EXPECT_NE(key.status().message().find("chmod 600"), std::string::npos) << key.status().message();
  }
  ASSERT_EQ(::chmod(path.c_str(), 0400), 0);
  EXPECT_TRUE(PseudonymKey::Load(path).ok());
}

TEST(PseudonymKeyFileTest, MissingFileIsNotFound) {
  TempDir dir("winnow-pseudonym");
  EXPECT_EQ(PseudonymKey::Load(dir.File("none")).status().code(), StatusCode::kNotFound);
}

TEST(PseudonymKeyFileTest, NeverInsideAMatter) {
  TempDir dir("winnow-pseudonym");
  const std::string matter = dir.File("matter");
  ASSERT_TRUE(std::filesystem::create_directories(matter + "/keys"));
  PseudonymKey key = KeyOf(13);
  EXPECT_EQ(key.Save(matter + "/keys/k", matter).code(), StatusCode::kPermissionDenied);
  EXPECT_FALSE(std::filesystem::exists(matter + "/keys/k"));
  // A key saved elsewhere but reached through a link inside the matter.
  ASSERT_TRUE(key.Save(dir.File("k"), matter).ok());
  std::filesystem::create_symlink(dir.File("k"), matter + "/link");
  EXPECT_TRUE(PseudonymKey::Load(matter + "/link", matter).ok());  // the file itself is outside
  std::filesystem::rename(dir.File("k"), matter + "/keys/k");
  const std::string spelled = dir.path() + "/./matter/../matter/keys/k";
  StatusOr<PseudonymKey> inside = PseudonymKey::Load(spelled, matter);
  ASSERT_FALSE(inside.ok());
  EXPECT_EQ(inside.status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(PseudonymKey::Load(spelled).ok());  // no matter given: no check
}

TEST(PseudonymKeyFileTest, ParsesHexAndBase64WithComments) {
  PseudonymKey reference = KeyOf(0);
  const std::string hex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  const std::string b64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  for (const std::string& text :
       {"WINNOW-PSEUDONYM-KEY-1 " + hex + "\n", "# comment\n\n  WINNOW-PSEUDONYM-KEY-1\t" + hex + "  \r\n# end\n",
        "WINNOW-PSEUDONYM-KEY-1 " + b64, "WINNOW-PSEUDONYM-KEY-1 " + b64.substr(0, 43)}) {
    StatusOr<PseudonymKey> key = PseudonymKey::Parse(text, "k");
    ASSERT_TRUE(key.ok()) << text << ": " << key.status().ToString();
    EXPECT_EQ(key->KeyId(), reference.KeyId());
  }
  std::string upper = hex;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(PseudonymKey::Parse("WINNOW-PSEUDONYM-KEY-1 " + upper, "k").ok());
}

TEST(PseudonymKeyFileTest, ReportsBadFilesWithoutEchoingKeyMaterial) {
  const std::string hex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  const std::string line = "WINNOW-PSEUDONYM-KEY-1 " + hex + "\n";
  struct Case {
    std::string text;
    std::string expect;
  };
  for (const Case& c : std::vector<Case>{{"# only a comment\n", "no pseudonym key"},
                                          {"", "no pseudonym key"},
                                          {line + line, "k:2: more than one key"},
                                          {"WINNOW-PSEUDONYM-KEY-1 " + hex.substr(2), "k:1: the key must be"},
                                          {"WINNOW-PSEUDONYM-KEY-1 " + hex + "00", "k:1: the key must be"},
                                          {"WINNOW-PSEUDONYM-KEY-1" + hex, "k:1: expected a space"},
                                          {"# x\nAGE-SECRET-KEY-1QQQQ\n", "k:2: expected a line starting"}}) {
    StatusOr<PseudonymKey> key = PseudonymKey::Parse(c.text, "k");
    ASSERT_FALSE(key.ok()) << c.text;
    EXPECT_EQ(key.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(key.status().message().find(c.expect), std::string::npos) << key.status().message();
    EXPECT_EQ(key.status().message().find(hex.substr(2, 16)), std::string::npos);
    EXPECT_EQ(key.status().message().find("QQQQ"), std::string::npos);
  }
  EXPECT_FALSE(PseudonymKey::FromBytes(std::vector<uint8_t>(31)).ok());
}

TEST(PseudonymKeyFileTest, LoadsAHandWrittenFile) {
  TempDir dir("winnow-pseudonym");
  const std::string path = dir.File("k");
  WriteText(path, "# mine\nWINNOW-PSEUDONYM-KEY-1 AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8\n", 0600);
  StatusOr<PseudonymKey> key = PseudonymKey::Load(path);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->Token("PERSON", "a"), KeyOf(0).Token("PERSON", "a"));
}

TEST(PseudonymTest, GeneratedKeysDiffer) {
  StatusOr<PseudonymKey> a = PseudonymKey::Generate();
  StatusOr<PseudonymKey> b = PseudonymKey::Generate();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->KeyId(), b->KeyId());
  EXPECT_EQ(a->KeyId().size(), 16u);
}

}  // namespace
}  // namespace winnow::pii
