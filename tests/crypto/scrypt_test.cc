#include <gtest/gtest.h>

#include "crypto/age_test_util.h"
#include "crypto/header.h"
#include "winnow/age.h"

namespace winnow::age {
namespace {

constexpr int kFastWorkFactor = 10;  // tests need speed, not strength

TEST(AgeScryptTest, PassphraseRoundTrip) {
  for (size_t n : {size_t{0}, size_t{1}, kChunkSize + 1}) {
    const std::vector<uint8_t> plaintext = testing::TestPlaintext(n);
    ScryptRecipient recipient("correct horse battery staple", kFastWorkFactor);
    const Recipient* rs[] = {&recipient};
    StatusOr<std::vector<uint8_t>> file = EncryptBuffer(plaintext, rs);
    ASSERT_TRUE(file.ok()) << file.status().ToString();

    StatusOr<Header> h = ParseHeader({reinterpret_cast<const char*>(file->data()), file->size()});
    ASSERT_TRUE(h.ok());
    ASSERT_EQ(h->stanzas.size(), 1u);
    EXPECT_EQ(h->stanzas[0].type, "scrypt");
    EXPECT_EQ(h->stanzas[0].args[1], "10");

    ScryptIdentity identity("correct horse battery staple");
    const Identity* ids[] = {&identity};
    std::vector<uint8_t> back;
    ASSERT_TRUE(DecryptBuffer(*file, ids, &back).ok());
    EXPECT_EQ(back, plaintext);
  }
}

TEST(AgeScryptTest, WrongPassphraseIsNoMatch) {
  ScryptRecipient recipient("right", kFastWorkFactor);
  const Recipient* rs[] = {&recipient};
  StatusOr<std::vector<uint8_t>> file = EncryptBuffer(testing::Bytes("secret"), rs);
  ASSERT_TRUE(file.ok());
  ScryptIdentity identity("wrong");
  const Identity* ids[] = {&identity};
  std::vector<uint8_t> out;
  EXPECT_EQ(FailureOf(DecryptBuffer(*file, ids, &out)), Failure::kNoMatch);
}

TEST(AgeScryptTest, WorkFactorAboveTheCapIsHeaderFailure) {
  ScryptRecipient recipient("pw", 12);
  const Recipient* rs[] = {&recipient};
  StatusOr<std::vector<uint8_t>> file = EncryptBuffer(testing::Bytes("x"), rs);
  ASSERT_TRUE(file.ok());
  ScryptIdentity capped("pw", 11);
  const Identity* ids[] = {&capped};
  std::vector<uint8_t> out;
  EXPECT_EQ(FailureOf(DecryptBuffer(*file, ids, &out)), Failure::kHeader);
}

TEST(AgeScryptTest, ScryptMustBeTheOnlyRecipient) {
  StatusOr<X25519Identity> id = X25519Identity::Generate();
  ASSERT_TRUE(id.ok());
  const X25519Recipient x = id->recipient();
  ScryptRecipient s("pw", kFastWorkFactor);
  const Recipient* rs[] = {&x, &s};
  StatusOr<std::vector<uint8_t>> file = EncryptBuffer(testing::Bytes("x"), rs);
  EXPECT_EQ(file.status().code(), StatusCode::kInvalidArgument);
  ScryptRecipient bad_factor("pw", 0);
  const Recipient* bad[] = {&bad_factor};
  EXPECT_EQ(EncryptBuffer(testing::Bytes("x"), bad).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(EncryptBuffer(testing::Bytes("x"), {}).status().code(), StatusCode::kInvalidArgument);
}

TEST(AgeScryptTest, X25519IdentityIgnoresScryptFiles) {
  ScryptRecipient recipient("pw", kFastWorkFactor);
  const Recipient* rs[] = {&recipient};
  StatusOr<std::vector<uint8_t>> file = EncryptBuffer(testing::Bytes("x"), rs);
  ASSERT_TRUE(file.ok());
  StatusOr<X25519Identity> id = X25519Identity::Generate();
  const Identity* ids[] = {&*id};
  std::vector<uint8_t> out;
  EXPECT_EQ(FailureOf(DecryptBuffer(*file, ids, &out)), Failure::kNoMatch);
}

}  // namespace
}  // namespace winnow::age
