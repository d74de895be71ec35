#include "crypto/bech32.h"

#include <gtest/gtest.h>

#include "crypto/age_test_util.h"
#include "winnow/age.h"

namespace winnow::age {
namespace {

constexpr char kIdentity[] = "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0";
constexpr char kRecipient[] = "age1xmwwc06ly3ee5rytxm9mflaz2u56jjj36s0mypdrwsvlul66mv4q47ryef";

TEST(AgeBech32Test, Bip173ValidStrings) {
  for (const char* s : {"A12UEL5L", "a12uel5l", "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"}) {
    StatusOr<Bech32Data> d = Bech32Decode(s);
    ASSERT_TRUE(d.ok()) << s << ": " << d.status().ToString();
    std::string lower(s);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string hrp = d->hrp;
    for (char& c : hrp) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    StatusOr<std::string> e = Bech32Encode(hrp, d->data);
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(*e, lower);
  }
}

TEST(AgeBech32Test, Bip173InvalidStrings) {
  for (const char* s : {"pzry9x8gf2tvdw0s3jn54khce6mua7l",  // no separator
                        "x1b4n0q5v",                         // 'b' is not in the charset
                        "li1dgmt3",                          // checksum too short
                        "A1G7SGD8",                          // checksum over uppercase hrp
                        "1qzzfhee",                          // empty hrp
                        "A12uEL5L",                          // mixed case
                        "a12uel5m"}) {                       // checksum mismatch
    EXPECT_FALSE(Bech32Decode(s).ok()) << s;
  }
}

TEST(AgeBech32Test, RoundTripsAllLengths) {
  for (size_t n = 0; n <= 64; ++n) {
    const std::vector<uint8_t> data = testing::TestPlaintext(n, static_cast<uint32_t>(n));
    StatusOr<std::string> e = Bech32Encode("age", data);
    ASSERT_TRUE(e.ok());
    StatusOr<Bech32Data> d = Bech32Decode(*e);
    ASSERT_TRUE(d.ok()) << *e;
    EXPECT_EQ(d->hrp, "age");
    EXPECT_EQ(d->data, data);
  }
}

TEST(AgeBech32Test, EncodeRefusesUppercaseOrEmptyHrp) {
  EXPECT_FALSE(Bech32Encode("AGE", {}).ok());
  EXPECT_FALSE(Bech32Encode("", {}).ok());
}

TEST(AgeBech32Test, KnownKeyPair) {
  StatusOr<X25519Identity> id = X25519Identity::Parse(kIdentity);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(id->recipient().ToString(), kRecipient);
  std::string text = id->ToString();
  EXPECT_EQ(text, kIdentity);
  Wipe(text.data(), text.size());
  StatusOr<X25519Recipient> r = X25519Recipient::Parse(kRecipient);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->public_key(), id->recipient().public_key());
}

TEST(AgeBech32Test, GeneratedKeysRoundTrip) {
  for (int i = 0; i < 8; ++i) {
    StatusOr<X25519Identity> id = X25519Identity::Generate();
    ASSERT_TRUE(id.ok());
    const std::string text = id->ToString();
    EXPECT_TRUE(text.starts_with("AGE-SECRET-KEY-1"));
    StatusOr<X25519Identity> back = X25519Identity::Parse(text);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->recipient().public_key(), id->recipient().public_key());
    const std::string rtext = id->recipient().ToString();
    EXPECT_TRUE(rtext.starts_with("age1"));
    StatusOr<X25519Recipient> r = X25519Recipient::Parse(rtext);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->ToString(), rtext);
  }
}

TEST(AgeBech32Test, RejectsWrongKindsAndCases) {
  std::string lower_identity(kIdentity);
  for (char& c : lower_identity) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_FALSE(X25519Identity::Parse(lower_identity).ok());  // age wants uppercase
  EXPECT_FALSE(X25519Identity::Parse(kRecipient).ok());
  EXPECT_FALSE(X25519Recipient::Parse(kIdentity).ok());
  std::string upper_recipient(kRecipient);
  for (char& c : upper_recipient) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_FALSE(X25519Recipient::Parse(upper_recipient).ok());  // hrp must be "age"
  std::string flipped(kRecipient);
  flipped[10] = flipped[10] == 'q' ? 'p' : 'q';
  EXPECT_FALSE(X25519Recipient::Parse(flipped).ok());
  EXPECT_FALSE(X25519Recipient::Parse("age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq").ok());
}

TEST(AgeBech32Test, IdentityErrorsDoNotEchoTheKey) {
  std::string bad(kIdentity);
  bad.back() = bad.back() == 'A' ? 'B' : 'A';
  StatusOr<X25519Identity> id = X25519Identity::Parse(bad);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().message().find("EGTZVFFV"), std::string::npos) << id.status().message();
}

}  // namespace
}  // namespace winnow::age
