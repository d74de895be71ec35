#include <gtest/gtest.h>
#include <sys/stat.h>

#include "crypto/age_test_util.h"
#include "winnow/age.h"

namespace winnow::age {
namespace {

constexpr char kIdentity[] = "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0";
constexpr char kRecipient[] = "age1xmwwc06ly3ee5rytxm9mflaz2u56jjj36s0mypdrwsvlul66mv4q47ryef";

void WriteText(const std::string& path, const std::string& text, mode_t mode) {
  testing::WriteFileBytes(path, testing::Bytes(text));
  ASSERT_EQ(::chmod(path.c_str(), mode), 0);
}

TEST(AgeIdentityFileTest, ParsesAgeKeygenFormat) {
  const std::string text = std::string("# created: 2024-01-01T00:00:00Z\n# public key: ") + kRecipient +
                           "\n" + kIdentity + "\n\n# another\r\n" + kIdentity + "\r\n";
  StatusOr<std::vector<X25519Identity>> ids = ParseIdentityFile(text, "keys.txt");
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  ASSERT_EQ(ids->size(), 2u);
  EXPECT_EQ((*ids)[0].recipient().ToString(), kRecipient);
}

TEST(AgeIdentityFileTest, ReportsBadLineByNumber) {
  StatusOr<std::vector<X25519Identity>> ids = ParseIdentityFile("# c\n\nnot a key\n", "keys.txt");
  ASSERT_FALSE(ids.ok());
  EXPECT_EQ(ids.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(ids.status().message().find("keys.txt:3"), std::string::npos) << ids.status().message();
}

TEST(AgeIdentityFileTest, RefusesFileWithoutKeys) {
  EXPECT_FALSE(ParseIdentityFile("# only a comment\n", "k").ok());
  EXPECT_FALSE(ParseIdentityFile("", "k").ok());
}

TEST(AgeIdentityFileTest, WriteThenReadRoundTrips) {
  testing::TempDir dir;
  StatusOr<X25519Identity> id = X25519Identity::Generate();
  ASSERT_TRUE(id.ok());
  const std::string path = dir.File("key.txt");
  ASSERT_TRUE(WriteIdentityFile(path, *id).ok());
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  StatusOr<std::vector<X25519Identity>> ids = ReadIdentityFile(path);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  ASSERT_EQ(ids->size(), 1u);
  EXPECT_EQ((*ids)[0].recipient().ToString(), id->recipient().ToString());
  EXPECT_EQ(WriteIdentityFile(path, *id).code(), StatusCode::kAlreadyExists);
}

TEST(AgeIdentityFileTest, RefusesGroupOrOtherAccess) {
  testing::TempDir dir;
  const std::string path = dir.File("key.txt");
  for (mode_t mode : {0644, 0640, 0604, 0620, 0602, 0660, 0610}) {
    WriteText(path, std::string(kIdentity) + "\n", mode);
    StatusOr<std::vector<X25519Identity>> ids = ReadIdentityFile(path);
    ASSERT_FALSE(ids.ok()) << std::oct << mode;
    EXPECT_EQ(ids.status().code(), StatusCode::kPermissionDenied);
    EXPECT_NE(ids.status().message().find(path), std::string::npos) << ids.status().message();
    EXPECT_NE(ids.status().message().find("chmod 600"), std::string::npos) << ids.status().message();
  }
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  EXPECT_TRUE(ReadIdentityFile(path).ok());
  ASSERT_EQ(::chmod(path.c_str(), 0400), 0);
  EXPECT_TRUE(ReadIdentityFile(path).ok());
}

TEST(AgeIdentityFileTest, MissingFileIsNotFound) {
  testing::TempDir dir;
  EXPECT_EQ(ReadIdentityFile(dir.File("absent")).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace winnow::age
