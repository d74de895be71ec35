// An independent decoder of `winnow gen` output for the tests: parses the
// conversation files with simdjson's DOM API and applies the reader contract
// of docs/generator.md (entries, prompt, output, tools), without using
// winnow's readers. Also small helpers on files and code points.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/gen.h"

namespace winnow::gen_test {

struct DecodedEntry {
  std::string prompt;
  std::string output;
  std::vector<std::string> tools;
};

struct DecodedRecord {
  int line = 0;           // 1-based line of the record in the file
  bool parsed = false;    // valid JSON (UTF-8, escapes, depth)
  bool schema_ok = false; // parsed, and the fields the contract needs have the right types
  std::string id;
  std::string user;       // "user" (OpenAI) or "hashed_ip" (WildChat)
  std::vector<DecodedEntry> entries;
  int alternates = 0;     // ChatGPT: branch messages off the visible thread
};

// Decodes every record of the conversations file in `dir`.
std::vector<DecodedRecord> DecodeConversations(const std::string& dir, GenFormat format);

std::string ReadFile(const std::string& path);
std::vector<std::string> ReadLines(const std::string& path);

// The substring of UTF-8 `s` between code points [start, end); sets *ok to
// false when the range does not fit.
std::string_view CodePointSlice(std::string_view s, size_t start, size_t end, bool* ok);

// Lowercase words of `s` with ASCII punctuation and typographic quotes
// removed (tokens that become empty are dropped).
std::vector<std::string> NormalizedWords(std::string_view s);

// A 64-bit rolling hash of every run of k consecutive words.
std::vector<uint64_t> ShingleHashes(const std::vector<std::string>& words, size_t k);

}  // namespace winnow::gen_test
