// The personal-data generators produce values that pass independent checks.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "gen/pii_checks.h"
#include "gen/pii_values.h"

namespace winnow::gen {
namespace {

TEST(PiiChecksTest, KnownValues) {
  EXPECT_TRUE(gen_test::LuhnValid("4111111111111111"));
  EXPECT_FALSE(gen_test::LuhnValid("4111111111111112"));
  EXPECT_TRUE(gen_test::IbanValid("GB82 WEST 1234 5698 7654 32"));
  EXPECT_TRUE(gen_test::IbanValid("DE89370400440532013000"));
  EXPECT_FALSE(gen_test::IbanValid("DE89370400440532013001"));
  EXPECT_TRUE(gen_test::AbaValid("011000015"));
  EXPECT_FALSE(gen_test::AbaValid("011000016"));
  std::string why;
  EXPECT_TRUE(gen_test::ValidPii("CRYPTO", "btc_p2pkh", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", &why)) << why;
  EXPECT_TRUE(gen_test::ValidPii("CRYPTO", "btc_bech32", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", &why)) << why;
  EXPECT_FALSE(gen_test::ValidPii("CRYPTO", "btc_bech32", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr", &why));
}

TEST(PiiValuesTest, EveryTypeValidAndVaried) {
  static constexpr std::string_view kTypes[] = {
      "PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "US_ITIN", "IBAN_CODE",
      "IP_ADDRESS", "MAC_ADDRESS", "URL", "CRYPTO", "US_BANK_NUMBER", "ABA_ROUTING_NUMBER",
      "US_PASSPORT", "US_DRIVER_LICENSE", "DATE_TIME", "SECRET", "STREET_ADDRESS", "LOCATION"};
  Rng rng(99);
  for (std::string_view type : kTypes) {
    std::set<std::string> values;
    std::set<std::string_view> kinds;
    for (int i = 0; i < 400; ++i) {
      std::string v;
      std::string_view kind;
      ASSERT_TRUE(AppendPiiValue(type, "", &rng, &v, &kind));
      std::string why;
      EXPECT_TRUE(gen_test::ValidPii(type, kind, v, &why)) << type << " " << kind << " '" << v << "': " << why;
      values.insert(v);
      kinds.insert(kind);
    }
    EXPECT_GT(values.size(), type == "LOCATION" ? 20u : 100u) << type;
  }
  std::string v;
  std::string_view kind;
  EXPECT_FALSE(AppendPiiValue("NOT_A_TYPE", "", &rng, &v, &kind));
}

TEST(PiiValuesTest, SecretKindsByHint) {
  Rng rng(5);
  for (std::string_view hint : {"aws", "github", "github_pat", "slack", "openai", "jwt", "pem", "password"}) {
    for (int i = 0; i < 50; ++i) {
      std::string v;
      std::string_view kind;
      AppendSecret(hint, &rng, &v, &kind);
      std::string why;
      EXPECT_TRUE(gen_test::ValidPii("SECRET", kind, v, &why)) << hint << " '" << v << "': " << why;
    }
  }
}

TEST(PiiValuesTest, NamesComeFromManyScripts) {
  Rng rng(11);
  std::set<std::string_view> cultures;
  int non_latin = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string v;
    std::string_view kind;
    AppendPersonName(&rng, &v, &kind);
    cultures.insert(kind);
    for (unsigned char c : v) {
      if (c >= 0xD0) { ++non_latin; break; }  // lead bytes of Cyrillic, Greek, Arabic, CJK, ...
    }
  }
  EXPECT_GE(cultures.size(), 25u);
  EXPECT_GT(non_latin, 300);
}

TEST(PiiValuesTest, AsciiFolding) {
  std::string out;
  AppendAsciiFolded("José Müller-Łukasz Nguyễn", &out);
  EXPECT_EQ(out, "jose muller-lukasz nguyen");
}

}  // namespace
}  // namespace winnow::gen
