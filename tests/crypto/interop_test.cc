// Interoperability with the reference `age` command-line tool, both ways.
// Skipped (with a message) when `age` is not on PATH.

#include <gtest/gtest.h>

#include "crypto/age_test_util.h"
#include "winnow/age.h"

namespace winnow::age {
namespace {

using testing::ShellQuote;

const size_t kInteropSizes[] = {0, 1, kChunkSize, kChunkSize + 1, 1000000};

class AgeInteropTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::HaveCommand("age") || !testing::HaveCommand("age-keygen")) {
      GTEST_SKIP() << "the age and age-keygen commands are not on PATH; interop not tested";
    }
    ASSERT_FALSE(dir_.path().empty());
    key_path_ = dir_.File("key.txt");
    ASSERT_EQ(testing::Run("age-keygen -o " + ShellQuote(key_path_) + " 2>/dev/null"), 0);
    StatusOr<std::vector<X25519Identity>> ids = ReadIdentityFile(key_path_);
    ASSERT_TRUE(ids.ok()) << ids.status().ToString();
    ASSERT_EQ(ids->size(), 1u);
    identity_ = std::make_unique<X25519Identity>(std::move((*ids)[0]));
  }

  testing::TempDir dir_;
  std::string key_path_;
  std::unique_ptr<X25519Identity> identity_;
};

TEST_F(AgeInteropTest, KeygenIdentityLoadsWithTheSameRecipient) {
  const std::string out = dir_.File("recipient.txt");
  ASSERT_EQ(testing::Run("age-keygen -y " + ShellQuote(key_path_) + " > " + ShellQuote(out)), 0);
  const std::vector<uint8_t> bytes = testing::ReadFileBytes(out);
  std::string recipient(bytes.begin(), bytes.end());
  while (!recipient.empty() && recipient.back() == '\n') recipient.pop_back();
  EXPECT_EQ(identity_->recipient().ToString(), recipient);
}

TEST_F(AgeInteropTest, AgeDecryptsWhatWinnowEncrypts) {
  const X25519Recipient recipient = identity_->recipient();
  const Recipient* rs[] = {&recipient};
  for (size_t n : kInteropSizes) {
    SCOPED_TRACE(n);
    const std::vector<uint8_t> plaintext = testing::TestPlaintext(n, 7);
    StatusOr<std::vector<uint8_t>> file = EncryptBuffer(plaintext, rs);
    ASSERT_TRUE(file.ok());
    const std::string in = dir_.File("w.age"), out = dir_.File("w.out");
    testing::WriteFileBytes(in, *file);
    ASSERT_EQ(testing::Run("age -d -i " + ShellQuote(key_path_) + " -o " + ShellQuote(out) + " " + ShellQuote(in)), 0);
    EXPECT_EQ(testing::ReadFileBytes(out), plaintext);
  }
}

TEST_F(AgeInteropTest, WinnowDecryptsWhatAgeEncrypts) {
  const std::string recipient = identity_->recipient().ToString();
  for (size_t n : kInteropSizes) {
    SCOPED_TRACE(n);
    const std::vector<uint8_t> plaintext = testing::TestPlaintext(n, 9);
    const std::string in = dir_.File("a.txt"), out = dir_.File("a.age");
    testing::WriteFileBytes(in, plaintext);
    ASSERT_EQ(testing::Run("age -e -r " + ShellQuote(recipient) + " -o " + ShellQuote(out) + " " + ShellQuote(in)), 0);
    const std::vector<uint8_t> file = testing::ReadFileBytes(out);
    const Identity* ids[] = {identity_.get()};
    std::vector<uint8_t> back;
    const Status s = DecryptBuffer(file, ids, &back);
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(back, plaintext);

    SpanSource source(file);
    StatusOr<std::unique_ptr<RandomAccessDecryptor>> ra = RandomAccessDecryptor::Open(&source, ids);
    ASSERT_TRUE(ra.ok());
    std::vector<uint8_t> chunk(kChunkSize);
    const uint64_t last = (*ra)->chunk_count() - 1;
    StatusOr<size_t> got = (*ra)->ReadChunk(last, chunk);
    ASSERT_TRUE(got.ok());
    EXPECT_TRUE(std::equal(chunk.begin(), chunk.begin() + *got, plaintext.begin() + last * kChunkSize));
  }
}

TEST_F(AgeInteropTest, AgeRejectsWinnowFileForAnotherKey) {
  StatusOr<X25519Identity> other = X25519Identity::Generate();
  ASSERT_TRUE(other.ok());
  const X25519Recipient recipient = other->recipient();
  const Recipient* rs[] = {&recipient};
  StatusOr<std::vector<uint8_t>> file = EncryptBuffer(testing::Bytes("hello"), rs);
  ASSERT_TRUE(file.ok());
  const std::string in = dir_.File("x.age");
  testing::WriteFileBytes(in, *file);
  EXPECT_NE(testing::Run("age -d -i " + ShellQuote(key_path_) + " -o /dev/null " + ShellQuote(in) + " 2>/dev/null"), 0);
}

}  // namespace
}  // namespace winnow::age
