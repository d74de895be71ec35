// Ed25519 signing keys: RFC 8032 vectors, the key files (0600 only, never
// overwritten, never inside a matter, malformed lines named), public keys as
// text and files, and signatures that fail on any flipped bit.
#include "produce/signing.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <type_traits>

#include "temp_dir.h"

namespace winnow::produce {
namespace {

using test::TempDir;
using test::WriteText;

static_assert(!std::is_copy_constructible_v<SigningKey>);
static_assert(!std::is_copy_assignable_v<SigningKey>);
static_assert(std::is_nothrow_move_constructible_v<SigningKey>);



std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

mode_t ModeOf(const std::string& path) {
  struct stat st;
  EXPECT_EQ(::stat(path.c_str(), &st), 0);
  return st.st_mode & 0777;
}

std::vector<uint8_t> FromHex(std::string_view hex) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return out;
}

SigningKey KeyFromSeed(std::string_view hex) {
  StatusOr<SigningKey> key = SigningKey::FromSeed(FromHex(hex));
  EXPECT_TRUE(key.ok()) << key.status().ToString();
  return std::move(key).value();
}

// RFC 8032 section 7.1, tests 1 and 2.
constexpr std::string_view kSeed1 = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr std::string_view kPub1 = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
constexpr std::string_view kSig1 =
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595b"
    "be24655141438e7a100b";
constexpr std::string_view kSeed2 = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
constexpr std::string_view kPub2 = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
constexpr std::string_view kSig2 =
    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb430"
    "2aeeb00d291612bb0c00";

std::string Pub(std::string_view hex) { return std::string(kPublicKeyPrefix) + std::string(hex); }

TEST(SigningKeyTest, MatchesRfc8032Vectors) {
  SigningKey k1 = KeyFromSeed(kSeed1);
  EXPECT_EQ(k1.PublicKey(), Pub(kPub1));
  EXPECT_EQ(k1.Sign(""), kSig1);
  EXPECT_TRUE(VerifySignature(Pub(kPub1), "", kSig1).ok());

  SigningKey k2 = KeyFromSeed(kSeed2);
  EXPECT_EQ(k2.PublicKey(), Pub(kPub2));
  EXPECT_EQ(k2.Sign("\x72"), kSig2);
  EXPECT_TRUE(VerifySignature(Pub(kPub2), "\x72", kSig2).ok());
}

TEST(SigningKeyTest, GeneratedKeysDifferAndSignVerifiably) {
  StatusOr<SigningKey> a = SigningKey::Generate();
  StatusOr<SigningKey> b = SigningKey::Generate();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->PublicKey(), b->PublicKey());
  const std::string pub = a->PublicKey();
  ASSERT_EQ(pub.size(), sizeof(kPublicKeyPrefix) - 1 + 64);
  EXPECT_EQ(pub.find_first_not_of("0123456789abcdef", sizeof(kPublicKeyPrefix) - 1), std::string::npos);

  const std::string message = "{\"bates\":\"OAI-NYT-000001\"}\n";
  const std::string sig = a->Sign(message);
  ASSERT_EQ(sig.size(), 128u);
  EXPECT_EQ(sig.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(a->Sign(message), sig) << "Ed25519 signatures are deterministic";
  EXPECT_TRUE(VerifySignature(pub, message, sig).ok());
  Status other = VerifySignature(b->PublicKey(), message, sig);
  EXPECT_EQ(other.code(), StatusCode::kCorruption);
  EXPECT_EQ(other.message(), "signature does not verify");
}

TEST(SigningKeyTest, EveryFlippedBitFailsVerification) {
  SigningKey key = KeyFromSeed(kSeed2);
  const std::string message = "manifest bytes \x01\xff";
  const std::string sig = key.Sign(message);
  for (size_t i = 0; i < message.size() * 8; ++i) {
    std::string m = message;
    m[i / 8] = static_cast<char>(m[i / 8] ^ (1 << (i % 8)));
    EXPECT_EQ(VerifySignature(key.PublicKey(), m, sig).code(), StatusCode::kCorruption) << "message bit " << i;
  }
  // Every bit of the 64 signature bytes, through its hex form.
  const std::vector<uint8_t> raw = FromHex(sig);
  for (size_t i = 0; i < raw.size() * 8; ++i) {
    std::vector<uint8_t> r = raw;
    r[i / 8] ^= static_cast<uint8_t>(1 << (i % 8));
    std::string hex;
    for (uint8_t byte : r) {
      static constexpr char kDigits[] = "0123456789abcdef";
      hex.push_back(kDigits[byte >> 4]);
      hex.push_back(kDigits[byte & 15]);
    }
    EXPECT_EQ(VerifySignature(key.PublicKey(), message, hex).code(), StatusCode::kCorruption)
        << "signature bit " << i;
  }
  EXPECT_TRUE(VerifySignature(key.PublicKey(), message, sig).ok());
}

TEST(SigningKeyTest, MalformedKeysAndSignaturesAreInvalidArguments) {
  SigningKey key = KeyFromSeed(kSeed1);
  const std::string sig = key.Sign("m");
  EXPECT_EQ(VerifySignature(key.PublicKey(), "m", sig.substr(2)).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(VerifySignature(key.PublicKey(), "m", sig + "00").code(), StatusCode::kInvalidArgument);
  std::string not_hex = sig;
  not_hex[5] = 'g';
  EXPECT_EQ(VerifySignature(key.PublicKey(), "m", not_hex).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(VerifySignature(kPub1, "m", sig).code(), StatusCode::kInvalidArgument) << "no prefix";
  EXPECT_EQ(VerifySignature(Pub(kPub1.substr(1)), "m", sig).code(), StatusCode::kInvalidArgument);
  // Upper-case digits are the same key.
  std::string upper = key.PublicKey();
  for (size_t i = sizeof(kPublicKeyPrefix) - 1; i < upper.size(); ++i) upper[i] = static_cast<char>(toupper(upper[i]));
  EXPECT_TRUE(VerifySignature(upper, "m", sig).ok());
}

TEST(SigningKeyTest, SaveLoadRoundTripAndFileLayout) {
  TempDir dir("winnow-signing");
  SigningKey key = KeyFromSeed(kSeed1);
  const std::string path = dir.File("producer.key");
  ASSERT_TRUE(key.Save(path).ok());
  EXPECT_EQ(ModeOf(path), 0600u);
  const std::string text = ReadText(path);
  EXPECT_EQ(text.substr(0, 12), "# created: 2");
  const size_t nl = text.find('\n');
  EXPECT_EQ(text.substr(nl + 1), "# public key: " + Pub(kPub1) + "\nWINNOW-SIGNING-KEY-1 " + std::string(kSeed1) + "\n");

  StatusOr<SigningKey> loaded = SigningKey::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->PublicKey(), Pub(kPub1));
  EXPECT_EQ(loaded->Sign(""), kSig1);

  Status again = key.Save(path);
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(ReadText(path), text) << "an existing key is never overwritten";
}

TEST(SigningKeyTest, KeyReadableByOthersIsRefused) {
  TempDir dir("winnow-signing");
  const std::string path = dir.File("k.key");
  ASSERT_TRUE(KeyFromSeed(kSeed1).Save(path).ok());
  for (mode_t mode : {0644, 0640, 0604, 0660}) {
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
    StatusOr<SigningKey> key = SigningKey::Load(path);
    ASSERT_FALSE(key.ok()) << std::oct << mode;
    EXPECT_EQ(key.status().code(), StatusCode::kPermissionDenied);
    EXPECT_NE(key.status().message().find(path), std::string::npos) << key.status().message();
    EXPECT_NE(key.status().message().find("chmod 600"), std::string::npos) << key.status().message();
  }
  ASSERT_EQ(::chmod(path.c_str(), 0400), 0);
  EXPECT_TRUE(SigningKey::Load(path).ok());
  EXPECT_EQ(SigningKey::Load(dir.File("missing.key")).status().code(), StatusCode::kNotFound);
}

TEST(SigningKeyTest, KeyInsideMatterIsRefused) {
  TempDir dir("winnow-signing");
  const std::string matter = dir.File("matter");
  std::filesystem::create_directories(matter + "/vault");
  SigningKey key = KeyFromSeed(kSeed1);
  EXPECT_EQ(key.Save(matter + "/vault/k.key", matter).code(), StatusCode::kPermissionDenied);
  EXPECT_FALSE(std::filesystem::exists(matter + "/vault/k.key"));

  // A key put there by other means, reached through a spelling with "..".
  ASSERT_TRUE(key.Save(matter + "/k.key").ok());
  StatusOr<SigningKey> loaded = SigningKey::Load(matter + "/vault/../k.key", matter);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(loaded.status().message().find("inside the matter"), std::string::npos);
  EXPECT_TRUE(SigningKey::Load(matter + "/k.key").ok()) << "no matter given: no check";

  ASSERT_TRUE(key.Save(dir.File("outside.key")).ok());
  EXPECT_TRUE(SigningKey::Load(dir.File("outside.key"), matter).ok());
}

TEST(SigningKeyTest, MalformedKeyFilesNameFileAndLine) {
  const std::string good = "WINNOW-SIGNING-KEY-1 " + std::string(kSeed1);
  struct Case {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"", "k.key: no signing key found"},
      {"# only a comment\n\n", "k.key: no signing key found"},
      {"# c\nWINNOW-SIGNING-KEY-1 " + std::string(kSeed1.substr(2)) + "\n",
       "k.key:2: the key must be 32 bytes as 64 hex digits"},
      {"WINNOW-SIGNING-KEY-1 " + std::string(kSeed1) + "00\n", "k.key:1: the key must be 32 bytes as 64 hex digits"},
      {"WINNOW-SIGNING-KEY-1 zz" + std::string(kSeed1.substr(2)) + "\n",
       "k.key:1: the key must be 32 bytes as 64 hex digits"},
      {"WINNOW-SIGNING-KEY-1" + std::string(kSeed1) + "\n", "k.key:1: expected a space and the key after"},
      {"WINNOW-PSEUDONYM-KEY-1 " + std::string(kSeed1) + "\n", "k.key:1: expected a line starting with WINNOW-SIGNING-KEY-1"},
      {"\n" + Pub(kPub1) + "\n", "k.key:2: this is a public key"},
      {good + "\n" + good + "\n", "k.key:2: more than one signing key"},
      {"# public key: " + Pub(kPub2) + "\n" + good + "\n",
       "k.key:1: the \"# public key:\" comment does not match the key"},
  };
  for (const Case& c : cases) {
    StatusOr<SigningKey> key = SigningKey::Parse(c.text, "k.key");
    ASSERT_FALSE(key.ok()) << c.text;
    EXPECT_EQ(key.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(key.status().message().substr(0, c.message.size()), c.message) << key.status().message();
    EXPECT_EQ(key.status().message().find(kSeed1.substr(8, 16)), std::string::npos) << "never quotes the key";
  }
  // Accepted: surrounding blanks, CRLF, upper-case hex, a matching comment.
  std::string upper(kSeed1);
  for (char& ch : upper) ch = static_cast<char>(toupper(ch));
  for (const std::string& text : {"  " + good + "  \r\n", "WINNOW-SIGNING-KEY-1\t" + upper,
                                  "# public key: " + Pub(kPub1) + "\n\n" + good + "\n"}) {
    StatusOr<SigningKey> key = SigningKey::Parse(text, "k.key");
    ASSERT_TRUE(key.ok()) << key.status().ToString();
    EXPECT_EQ(key->PublicKey(), Pub(kPub1));
  }
  // Errors from Load name the path given.
  TempDir dir("winnow-signing");
  WriteText(dir.File("bad.key"), "# x\nnonsense\n", 0600);
  StatusOr<SigningKey> bad = SigningKey::Load(dir.File("bad.key"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().substr(0, dir.File("bad.key:2:").size()), dir.File("bad.key:2:"));
}

TEST(SigningKeyTest, PublicKeyFromTextAndFile) {
  TempDir dir("winnow-signing");
  SigningKey key = KeyFromSeed(kSeed1);
  const std::string pub_path = dir.File("producer.key.pub");
  ASSERT_TRUE(key.SavePublicKey(pub_path).ok());
  EXPECT_EQ(ModeOf(pub_path), 0644u);
  EXPECT_EQ(ReadText(pub_path), Pub(kPub1) + "\n");
  EXPECT_EQ(key.SavePublicKey(pub_path).code(), StatusCode::kAlreadyExists);

  StatusOr<std::string> from_file = LoadPublicKey(pub_path);
  ASSERT_TRUE(from_file.ok()) << from_file.status().ToString();
  EXPECT_EQ(*from_file, Pub(kPub1));
  StatusOr<std::string> from_text = LoadPublicKey(" " + Pub(kPub1) + "\n");
  ASSERT_TRUE(from_text.ok());
  EXPECT_EQ(*from_text, Pub(kPub1));

  std::string upper = Pub(kPub1);
  for (size_t i = sizeof(kPublicKeyPrefix) - 1; i < upper.size(); ++i) upper[i] = static_cast<char>(toupper(upper[i]));
  ASSERT_TRUE(LoadPublicKey(upper).ok());
  EXPECT_EQ(*LoadPublicKey(upper), Pub(kPub1)) << "canonical lower case";

  WriteText(dir.File("commented.pub"), "# the producer's key\n\n" + Pub(kPub2) + "\n", 0644);
  ASSERT_TRUE(LoadPublicKey(dir.File("commented.pub")).ok());
  EXPECT_EQ(*LoadPublicKey(dir.File("commented.pub")), Pub(kPub2));
}

TEST(SigningKeyTest, LoadPublicKeyRefusesWhatIsNotOne) {
  TempDir dir("winnow-signing");
  SigningKey key = KeyFromSeed(kSeed1);
  ASSERT_TRUE(key.Save(dir.File("secret.key")).ok());
  ASSERT_EQ(::chmod(dir.File("secret.key").c_str(), 0644), 0);  // even readable, it is not a public key
  WriteText(dir.File("empty.pub"), "# nothing\n", 0644);
  WriteText(dir.File("garbage.pub"), "age1xyz\n", 0644);
  WriteText(dir.File("short.pub"), Pub(kPub1.substr(4)) + "\n", 0644);
  // The identity element's encoding (y = 1): a small-order point, never a real key.
  const std::string small_order = Pub("0100000000000000000000000000000000000000000000000000000000000000");
  struct Case {
    std::string input;
    std::string message;  // a part of the error
  };
  const std::vector<Case> cases = {
      {dir.File("secret.key"), "this is a secret signing key file"},
      {dir.File("empty.pub"), "no public key in the file"},
      {dir.File("garbage.pub"), "not a winnow public key"},
      {dir.File("short.pub"), "expected winnow-ed25519: and 64 hex digits, got 60"},
      {dir.File("missing.pub"), "neither a public key"},
      {dir.path(), "not a regular file"},
      {Pub(kPub1) + "0", "got 65 characters"},
      {Pub(std::string(kPub1.substr(0, 63)) + "x"), "64 hex digits"},
      {small_order, "is not a valid Ed25519 public key"},
  };
  for (const Case& c : cases) {
    StatusOr<std::string> pub = LoadPublicKey(c.input);
    ASSERT_FALSE(pub.ok()) << c.input;
    EXPECT_EQ(pub.status().code(), StatusCode::kInvalidArgument) << pub.status().ToString();
    EXPECT_NE(pub.status().message().find(c.message), std::string::npos) << pub.status().message();
  }
  EXPECT_EQ(VerifySignature(small_order, "", key.Sign("")).code(), StatusCode::kInvalidArgument);
}

TEST(SigningKeyTest, MovedKeyKeepsItsIdentity) {
  SigningKey a = KeyFromSeed(kSeed2);
  SigningKey b = std::move(a);
  EXPECT_EQ(b.PublicKey(), Pub(kPub2));
  SigningKey c = KeyFromSeed(kSeed1);
  c = std::move(b);
  EXPECT_EQ(c.Sign("\x72"), kSig2);
  EXPECT_EQ(SigningKey::FromSeed(std::vector<uint8_t>(31)).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace winnow::produce
