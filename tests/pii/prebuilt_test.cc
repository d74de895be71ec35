// The database compiled at build time (tools/pii_db) against one compiled
// at start: the test binary links the same generated table as the winnow
// command, so the default engine must load it, and both must find exactly
// the same things.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pii/engine.h"

namespace winnow::pii {
namespace {

std::unique_ptr<Engine> MakeEngine(EngineOptions options) {
  auto engine = Engine::Create(options);
  EXPECT_TRUE(engine.ok()) << engine.status().ToString();
  return engine.ok() ? std::move(engine).value() : nullptr;
}

TEST(PrebuiltDatabaseTest, TheDefaultEngineLoadsTheBuildsDatabase) {
  ASSERT_FALSE(PrebuiltDatabases().empty()) << "the test binary should link winnow_pii_prebuilt";
  auto loaded = MakeEngine({});
  ASSERT_NE(loaded, nullptr);
  EXPECT_TRUE(loaded->prebuilt());
  EXPECT_EQ(PrebuiltDatabases().front().key, loaded->database_key());

  EngineOptions compile;
  compile.use_prebuilt = false;
  auto compiled = MakeEngine(compile);
  ASSERT_NE(compiled, nullptr);
  EXPECT_FALSE(compiled->prebuilt());
  EXPECT_EQ(compiled->database_key(), loaded->database_key());
}

TEST(PrebuiltDatabaseTest, OtherPatternsAreCompiled) {
  auto all = MakeEngine({});
  EngineOptions fewer;
  fewer.disabled = {"EMAIL_ADDRESS"};
  auto without_email = MakeEngine(fewer);
  ASSERT_NE(all, nullptr);
  ASSERT_NE(without_email, nullptr);
  EXPECT_NE(without_email->database_key(), all->database_key());
  EXPECT_FALSE(without_email->prebuilt());
}

TEST(PrebuiltDatabaseTest, LoadedAndCompiledFindTheSame) {
  auto loaded = MakeEngine({});
  EngineOptions compile;
  compile.use_prebuilt = false;
  auto compiled = MakeEngine(compile);
  ASSERT_NE(loaded, nullptr);
  ASSERT_NE(compiled, nullptr);
  const std::vector<std::string> texts = {
      "Mail me at jane.doe@example.com or call (415) 555-0132, my SSN is 123-45-6789.",
      "Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, server 192.168.10.7",
      "Jane Doe lives at 1600 Pennsylvania Avenue NW, Washington, DC 20500.",
      "key AKIAIOSFODNN7EXAMPLE and wallet 1BoatSLRHtKNngkdXEeobR76b53LETtpyT, MAC 00:1A:2B:3C:4D:5E",
      "Born on March 3, 1985 in Lyon; passport 123456789; see https://example.org/u/jdoe",
      "Nothing personal here, just a recipe for bread with 500 g of flour.",
  };
  auto scratch_a = loaded->NewScratch();
  auto scratch_b = compiled->NewScratch();
  for (size_t t = 0; t < texts.size(); ++t) {
    const std::string& text = texts[t];
    std::vector<Finding> a, b;
    const DetectContext context{text, {}, nullptr};
    loaded->Detect(context, scratch_a.get(), &a);
    compiled->Detect(context, scratch_b.get(), &b);
    ASSERT_EQ(a.size(), b.size()) << text;
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].type, b[i].type) << text;
      EXPECT_EQ(a[i].begin, b[i].begin) << text;
      EXPECT_EQ(a[i].end, b[i].end) << text;
      EXPECT_EQ(a[i].score, b[i].score) << text;
    }
    // Found, not merely equal: every text but the last holds several values.
    if (t + 1 < texts.size()) {
      EXPECT_GE(a.size(), 2u) << text;
    } else {
      EXPECT_TRUE(a.empty()) << text;
    }
  }
}

}  // namespace
}  // namespace winnow::pii
