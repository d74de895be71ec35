#include <gtest/gtest.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>

#include "crypto/age_test_util.h"
#include "winnow/matter.h"

namespace winnow {
namespace {

using age::testing::TempDir;

constexpr char kRecipient[] = "age1xmwwc06ly3ee5rytxm9mflaz2u56jjj36s0mypdrwsvlul66mv4q47ryef";
constexpr char kIdentity[] = "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0";

void WriteKey(const std::string& path, mode_t mode) {
  age::testing::WriteFileBytes(path, age::testing::Bytes(std::string(kIdentity) + "\n"));
  ASSERT_EQ(::chmod(path.c_str(), mode), 0);
}

bool Contains(const Status& s, const std::string& part) { return s.message().find(part) != std::string::npos; }

// Unsets WINNOW_IDENTITY for the test and restores it after.
class IdentitiesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* v = std::getenv("WINNOW_IDENTITY")) saved_ = v;
    ::unsetenv("WINNOW_IDENTITY");
    ASSERT_TRUE(Matter::Create(matter_, {kRecipient}, 2).ok());
  }
  void TearDown() override {
    if (saved_) ::setenv("WINNOW_IDENTITY", saved_->c_str(), 1);
    else ::unsetenv("WINNOW_IDENTITY");
  }
  TempDir dir_;
  std::string matter_ = dir_.File("m");
  std::optional<std::string> saved_;
};

TEST_F(IdentitiesTest, LoadsFromPath) {
  const std::string key = dir_.File("key.txt");
  WriteKey(key, 0600);
  StatusOr<std::vector<age::X25519Identity>> ids = LoadIdentities(key, matter_);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  ASSERT_EQ(ids->size(), 1u);
  EXPECT_EQ((*ids)[0].recipient().ToString(), kRecipient);
}

TEST_F(IdentitiesTest, RefusesGroupOrOtherReadable) {
  const std::string key = dir_.File("key.txt");
  WriteKey(key, 0644);
  StatusOr<std::vector<age::X25519Identity>> ids = LoadIdentities(key, matter_);
  EXPECT_EQ(ids.status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(Contains(ids.status(), "chmod 600")) << ids.status().message();
}

TEST_F(IdentitiesTest, RefusesKeyInsideMatter) {
  ASSERT_TRUE(std::filesystem::create_directories(matter_ + "/keys/deep"));
  for (const std::string& key : {matter_ + "/key.txt", matter_ + "/keys/deep/key.txt"}) {
    WriteKey(key, 0600);
    StatusOr<std::vector<age::X25519Identity>> ids = LoadIdentities(key, matter_);
    EXPECT_EQ(ids.status().code(), StatusCode::kPermissionDenied) << key;
    EXPECT_TRUE(Contains(ids.status(), "inside the matter")) << ids.status().message();
  }
  // However the paths are spelled: through "..", a symbolic link, or a
  // symbolic link to the matter itself.
  const std::string key = matter_ + "/keys/deep/key.txt";
  EXPECT_FALSE(LoadIdentities(matter_ + "/keys/../keys/deep/key.txt", matter_).ok());
  std::filesystem::create_symlink(key, dir_.File("link.txt"));
  EXPECT_EQ(LoadIdentities(dir_.File("link.txt"), matter_).status().code(), StatusCode::kPermissionDenied);
  std::filesystem::create_directory_symlink(matter_, dir_.File("alias"));
  EXPECT_EQ(LoadIdentities(key, dir_.File("alias") + "/").status().code(), StatusCode::kPermissionDenied);
}

TEST_F(IdentitiesTest, AcceptsKeyBesideMatterWithSimilarName) {
  // "m-keys/" shares the prefix "m" with the matter but is not inside it.
  ASSERT_TRUE(std::filesystem::create_directory(dir_.File("m-keys")));
  WriteKey(dir_.File("m-keys/key.txt"), 0600);
  EXPECT_TRUE(LoadIdentities(dir_.File("m-keys/key.txt"), matter_).ok());
  EXPECT_TRUE(LoadIdentities(dir_.File("m-keys/key.txt"), "").ok()) << "no matter: no check";
}

TEST_F(IdentitiesTest, FallsBackToEnvironment) {
  const std::string key = dir_.File("key.txt");
  WriteKey(key, 0600);
  ::setenv("WINNOW_IDENTITY", key.c_str(), 1);
  StatusOr<std::vector<age::X25519Identity>> ids = LoadIdentities("", matter_);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  EXPECT_EQ((*ids)[0].recipient().ToString(), kRecipient);

  // An explicit path wins over the variable.
  ::setenv("WINNOW_IDENTITY", dir_.File("absent").c_str(), 1);
  EXPECT_TRUE(LoadIdentities(key, matter_).ok());
  StatusOr<std::vector<age::X25519Identity>> absent = LoadIdentities("", matter_);
  EXPECT_EQ(absent.status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(Contains(absent.status(), "WINNOW_IDENTITY")) << absent.status().message();

  WriteKey(key, 0640);
  ::setenv("WINNOW_IDENTITY", key.c_str(), 1);
  EXPECT_EQ(LoadIdentities("", matter_).status().code(), StatusCode::kPermissionDenied);
}

TEST_F(IdentitiesTest, NeedsPathOrEnvironment) {
  StatusOr<std::vector<age::X25519Identity>> ids = LoadIdentities("", matter_);
  EXPECT_EQ(ids.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(ids.status(), "--identity")) << ids.status().message();
  ::setenv("WINNOW_IDENTITY", "", 1);
  EXPECT_EQ(LoadIdentities("", matter_).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(IdentitiesTest, DisablesCoreDumps) {
  const std::string key = dir_.File("key.txt");
  WriteKey(key, 0600);
  ASSERT_TRUE(LoadIdentities(key, matter_).ok());
  struct rlimit limit;
  ASSERT_EQ(::getrlimit(RLIMIT_CORE, &limit), 0);
  EXPECT_EQ(limit.rlim_cur, 0u);
  EXPECT_EQ(limit.rlim_max, 0u);
  EXPECT_EQ(::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
  DisableCoreDumps();  // idempotent
  EXPECT_EQ(::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
}

}  // namespace
}  // namespace winnow
