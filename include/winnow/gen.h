// winnow gen: a deterministic synthetic workload with exact ground truth.
//
// Generate() writes, into options.out_dir, conversations in one chat-log
// format, a reference corpus of synthetic news articles (works.jsonl), the
// ground truth of everything planted in the conversations (truth.jsonl) and a
// summary of parameters and counts (gen.json). docs/generator.md specifies
// the files. The output is a pure function of the options: the same options
// give byte-identical files on every machine and run.
//
// Thread safety: Generate() touches no global state; concurrent calls must
// use different output directories.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/status.h"

namespace winnow {

enum class GenFormat { kChatGpt, kOpenAi, kShareGpt, kWildChat };

// "chatgpt", "openai", "sharegpt", "wildchat".
const char* GenFormatName(GenFormat format);
// Fails with InvalidArgument for any other name.
StatusOr<GenFormat> ParseGenFormat(std::string_view name);

struct GenOptions {
  uint64_t seed = 1;
  uint64_t conversations = 1000;
  GenFormat format = GenFormat::kChatGpt;
  uint64_t works = 2000;
  // Share of records written malformed (for the quarantine path).
  double corrupt_rate = 0;
  // Per entry: the chance that each kind of item is planted in it.
  double copy_rate = 0.04;
  double negative_rate = 0.04;
  double publisher_rate = 0.03;
  double paywall_rate = 0.015;
  double pii_rate = 0.12;
  // ChatGPT format only: per entry, a browsing step; a regenerated answer or
  // edited prompt.
  double browse_rate = 0.04;
  double branch_rate = 0.04;
  // Per conversation: written in a language other than English.
  double non_english_rate = 0.08;
  // Word edit rates that edited copies draw from (each in [0, 0.5]).
  std::vector<double> edit_rates = {0, 0.02, 0.05, 0.10};
  std::string out_dir;
};

struct GenStats {
  uint64_t records = 0;       // conversations written, corrupt ones included
  uint64_t corrupt = 0;       // records written malformed
  uint64_t entries = 0;       // entries of the well-formed records (visible thread)
  uint64_t alternates = 0;    // ChatGPT branch entries not on the visible thread
  uint64_t works = 0;
  uint64_t bytes = 0;         // bytes written, all files
  std::map<std::string, uint64_t> truth;  // truth lines per kind
};

// Called now and then with the work done so far and the total, in items
// (works plus conversations).
using GenProgress = std::function<void(uint64_t done, uint64_t total)>;

// Checks the options and writes the files. Fails with InvalidArgument for
// unusable options (a rate outside [0, 1], no out_dir, zero works while
// copies are requested) and IoError when a file cannot be written.
StatusOr<GenStats> Generate(const GenOptions& options, const GenProgress& progress);

}  // namespace winnow
