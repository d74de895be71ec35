#include "corpus/kgram.h"
#include "corpus/fingerprinter.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace winnow::corpus {
namespace {

std::vector<uint64_t> RandomWords(std::mt19937_64& rng, size_t n) {
  std::vector<uint64_t> v(n);
  for (auto& x : v) x = rng() % 5000;  // a small vocabulary, like prose
  return v;
}

TEST(KGramTest, CountsAndRolling) {
  std::vector<uint64_t> words = {1, 2, 3, 4, 5, 6};
  std::vector<uint64_t> k3;
  KGramHashes(words, 3, &k3);
  ASSERT_EQ(k3.size(), 4u);
  // The rolling hash equals the hash of each window computed alone.
  for (size_t i = 0; i < k3.size(); ++i) {
    std::vector<uint64_t> alone;
    KGramHashes(std::span<const uint64_t>(words).subspan(i, 3), 3, &alone);
    ASSERT_EQ(alone.size(), 1u);
    EXPECT_EQ(alone[0], k3[i]);
  }
  KGramHashes(std::span<const uint64_t>(words).first(2), 3, &k3);
  EXPECT_TRUE(k3.empty());
}

TEST(KGramTest, OrderMatters) {
  std::vector<uint64_t> a = {1, 2, 3}, b = {3, 2, 1}, ha, hb;
  KGramHashes(a, 3, &ha);
  KGramHashes(b, 3, &hb);
  EXPECT_NE(ha[0], hb[0]);
}

TEST(WinnowTest, ShortTextsKeepTheirMinimum) {
  std::vector<uint64_t> h = {9, 4, 7};
  std::vector<Fingerprint> fps;
  Winnow(h, 18, &fps);
  ASSERT_EQ(fps.size(), 1u);
  EXPECT_EQ(fps[0].hash, 4u);
  EXPECT_EQ(fps[0].pos, 1u);
  Winnow(std::span<const uint64_t>(), 18, &fps);
  EXPECT_TRUE(fps.empty());
}

TEST(WinnowTest, EveryWindowHoldsASelectedMinimum) {
  std::mt19937_64 rng(7);
  std::vector<uint64_t> h(5000);
  for (auto& x : h) x = rng();
  const int w = 18;
  std::vector<Fingerprint> fps;
  Winnow(h, w, &fps);
  std::set<uint32_t> chosen;
  for (const auto& f : fps) chosen.insert(f.pos);
  for (size_t i = 0; i + w <= h.size(); ++i) {
    size_t m = i;
    for (size_t j = i; j < i + w; ++j) if (h[j] <= h[m]) m = j;  // rightmost minimum
    ASSERT_TRUE(chosen.count(static_cast<uint32_t>(m))) << "window at " << i;
  }
  // Density near 2 / (w + 1).
  const double density = static_cast<double>(fps.size()) / h.size();
  EXPECT_NEAR(density, 2.0 / (w + 1), 0.02);
}

// The winnowing guarantee: two texts sharing a run of t = w + k - 1 words
// share a fingerprint.
TEST(WinnowTest, SharedRunOfTWordsSharesAFingerprint) {
  std::mt19937_64 rng(11);
  const int k = 8, w = 18, t = w + k - 1;
  for (int trial = 0; trial < 300; ++trial) {
    auto run = RandomWords(rng, t);
    auto a = RandomWords(rng, rng() % 200);
    auto b = RandomWords(rng, rng() % 200);
    const size_t a_at = a.size(), b_at = b.size();
    a.insert(a.end(), run.begin(), run.end());
    b.insert(b.end(), run.begin(), run.end());
    auto a_tail = RandomWords(rng, rng() % 200), b_tail = RandomWords(rng, rng() % 200);
    a.insert(a.end(), a_tail.begin(), a_tail.end());
    b.insert(b.end(), b_tail.begin(), b_tail.end());
    std::vector<uint64_t> ka, kb;
    std::vector<Fingerprint> fa, fb;
    KGramHashes(a, k, &ka);
    KGramHashes(b, k, &kb);
    Winnow(ka, w, &fa);
    Winnow(kb, w, &fb);
    bool shared = false;
    for (const auto& x : fa) {
      if (x.pos < a_at || x.pos + k > a_at + t) continue;
      for (const auto& y : fb) {
        if (y.hash == x.hash && y.pos - b_at == x.pos - a_at) shared = true;
      }
    }
    ASSERT_TRUE(shared) << "trial " << trial;
  }
}

}  // namespace
}  // namespace winnow::corpus

namespace winnow::corpus {
namespace {

// The fused hot path equals the three reference steps.
TEST(FingerprintWordsTest, EqualsKGramExcludeWinnow) {
  std::mt19937_64 rng(3);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<uint64_t> words(rng() % 400);
    for (auto& x : words) x = rng() % 300;
    const int k = 1 + static_cast<int>(rng() % 9), w = 1 + static_cast<int>(rng() % 25);
    std::vector<uint64_t> kgrams;
    KGramHashes(words, k, &kgrams);
    std::vector<uint64_t> common;
    for (size_t i = 0; i < kgrams.size(); i += 3 + rng() % 5) common.push_back(kgrams[i]);
    CommonSet exclude(common);
    exclude.Exclude(&kgrams);
    std::vector<Fingerprint> want, got;
    Winnow(kgrams, w, &want);
    FingerprintWords(words, k, w, exclude, &got);
    ASSERT_EQ(want.size(), got.size()) << "trial " << trial;
    for (size_t i = 0; i < want.size(); ++i) {
      ASSERT_EQ(want[i].hash, got[i].hash);
      ASSERT_EQ(want[i].pos, got[i].pos);
    }
  }
}

}  // namespace
}  // namespace winnow::corpus
