#include "matter/recipients.h"

#include <gtest/gtest.h>

#include "crypto/age_test_util.h"

namespace winnow {
namespace {

using age::testing::TempDir;

constexpr char kRecipient[] = "age1xmwwc06ly3ee5rytxm9mflaz2u56jjj36s0mypdrwsvlul66mv4q47ryef";
constexpr char kIdentity[] = "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0";

void WriteText(const std::string& path, const std::string& text) {
  age::testing::WriteFileBytes(path, age::testing::Bytes(text));
}

TEST(RecipientsTest, ParsesOneRecipient) {
  ASSERT_TRUE(ParseRecipient(kRecipient).ok());
  EXPECT_EQ(ParseRecipient(kRecipient)->ToString(), kRecipient);
  StatusOr<age::X25519Recipient> bad = ParseRecipient("age1qqqq");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("\"age1qqqq\""), std::string::npos) << bad.status().message();
}

TEST(RecipientsTest, SecretKeyIsNamedButNotRepeated) {
  for (const std::string& text : {std::string(kIdentity), "  " + std::string(kIdentity) + "\n"}) {
    StatusOr<age::X25519Recipient> r = ParseRecipient(text);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("secret key"), std::string::npos);
    EXPECT_EQ(r.status().message().find(kIdentity + 16), std::string::npos) << r.status().message();
  }
}

TEST(RecipientsTest, ReadsRecipientsFile) {
  TempDir dir;
  const std::string other = age::X25519Identity::Generate()->recipient().ToString();
  WriteText(dir.File("r.txt"), "# custodian\n" + std::string(kRecipient) + "\n\n  # escrow\n\t" + other + "  \r\n");
  StatusOr<std::vector<std::string>> r = ReadRecipientsFile(dir.File("r.txt"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, (std::vector<std::string>{kRecipient, other}));
}

TEST(RecipientsTest, RecipientsFileErrorsNameTheLine) {
  TempDir dir;
  const std::string path = dir.File("r.txt");
  WriteText(path, std::string(kRecipient) + "\n# c\nage1nope\n");
  StatusOr<std::vector<std::string>> r = ReadRecipientsFile(path);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find(path + ":3:"), std::string::npos) << r.status().message();

  // An identity file given by mistake.
  WriteText(path, std::string("# created: 2024-01-01T00:00:00Z\n# public key: ") + kRecipient + "\n" +
                      kIdentity + "\n");
  r = ReadRecipientsFile(path);
  EXPECT_NE(r.status().message().find(path + ":3: this is a secret key"), std::string::npos) << r.status().message();
  EXPECT_EQ(r.status().message().find(kIdentity + 16), std::string::npos);

  WriteText(path, "# nothing\n\n");
  EXPECT_EQ(ReadRecipientsFile(path).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadRecipientsFile(dir.File("absent")).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace winnow
