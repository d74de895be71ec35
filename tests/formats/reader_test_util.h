// Helpers for reader tests: read a whole file or byte string into memory.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "winnow/chat_reader.h"

namespace winnow::testing {

struct ReadResult {
  std::vector<Entry> entries;
  std::vector<Conversation> conversations;
  std::vector<BadRecord> bad;       // raw is copied into bad_raw
  std::vector<std::string> bad_raw;
  uint64_t records = 0;
  ChatFormat format = ChatFormat::kAuto;
  Status status;
};

inline ReadResult ReadAll(ChatFileReader* reader) {
  ReadResult r;
  BadRecord bad;
  for (;;) {
    auto next = reader->Next(&bad);
    if (!next.ok()) { r.status = next.status(); break; }
    if (*next == ChatFileReader::Outcome::kEnd) break;
    ++r.records;
    if (*next == ChatFileReader::Outcome::kBadRecord) {
      r.bad_raw.emplace_back(bad.raw);
      r.bad.push_back(bad);
      r.bad.back().raw = {};
      continue;
    }
    r.conversations.push_back(reader->conversation());
    for (const Entry& e : reader->entries()) r.entries.push_back(e);
  }
  r.format = reader->format();
  return r;
}

inline ReadResult ReadBytes(std::string bytes, ChatFormat format = ChatFormat::kAuto,
                            size_t max_record = size_t{1} << 30) {
  ReaderOptions opts;
  opts.format = format;
  opts.max_record_bytes = max_record;
  auto reader = ChatFileReader::FromBytes("test-input", std::move(bytes), opts);
  return ReadAll(reader.get());
}

inline std::string TestData(const std::string& rel) { return std::string(WINNOW_TESTDATA) + "/" + rel; }

#define WINNOW_REQUIRE_TESTDATA(rel)                                                        \
  do {                                                                                      \
    if (!std::filesystem::exists(::winnow::testing::TestData(rel))) {                       \
      GTEST_SKIP() << "shared test data not found: " << ::winnow::testing::TestData(rel)    \
                   << " (tests that use ../shared/testdata skip when it is absent)";        \
    }                                                                                       \
  } while (0)

}  // namespace winnow::testing
