// Helpers for the corpus tests: temporary index directories and works files.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "temp_dir.h"
#include "util/json_writer.h"

namespace winnow::corpus {

using test::TempDir;

struct TestWork {
  std::string id, title, text, publisher = "The Daily Ledger";
};


inline std::string WorksJsonl(const std::vector<TestWork>& works) {
  std::string out;
  for (const TestWork& w : works) {
    JsonWriter j(&out);
    j.BeginObject();
    j.Key("id"); j.String(w.id);
    j.Key("title"); j.String(w.title);
    j.Key("publisher"); j.String(w.publisher);
    j.Key("text"); j.String(w.text);
    j.EndObject();
    out.push_back('\n');
  }
  return out;
}

inline void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// Deterministic news-like prose: `n` words drawn from a large vocabulary by a
// seeded generator, with a period every 15 words, so that different seeds
// share no 8-word run.
inline std::string Prose(uint64_t seed, int n) {
  static const char* kSyl[] = {"ka", "lo", "mi", "ter", "van", "sul", "dor", "pe", "ri", "gan", "tho", "bel",
                               "cas", "nu", "fra", "ol", "zen", "ad", "mur", "ix"};
  std::string out;
  uint64_t x = seed * 0x9E3779B97F4A7C15ULL + 1;
  for (int i = 0; i < n; ++i) {
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
    std::string word;
    const int syl = 1 + static_cast<int>(x % 3);
    uint64_t y = x >> 8;
    for (int s = 0; s < syl; ++s) { word += kSyl[y % 20]; y /= 20; }
    if (i % 15 == 0) word[0] = static_cast<char>(word[0] - 32);
    out += word;
    out += (i % 15 == 14) ? ". " : " ";
  }
  if (!out.empty()) out.pop_back();
  return out;
}

}  // namespace winnow::corpus
