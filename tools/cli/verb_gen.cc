// `winnow gen`: writes a deterministic synthetic workload with exact ground
// truth. Only flag parsing and reporting live here; see src/gen.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "progress.h"
#include "util/json_writer.h"
#include "verbs.h"
#include "winnow/gen.h"

namespace winnow::cli {
namespace {

struct GenFlags {
  GenOptions options;
  std::string format = "chatgpt";
  std::vector<double> edit_rates = {0, 0.02, 0.05, 0.10};
  bool json = false;
};

int RunGen(const GenFlags& flags) {
  GenOptions o = flags.options;
  StatusOr<GenFormat> format = ParseGenFormat(flags.format);
  if (!format.ok()) {
    std::fprintf(stderr, "winnow gen: %s\n", format.status().message().c_str());
    return kExitUsage;
  }
  o.format = *format;
  o.edit_rates = flags.edit_rates;
  auto start = std::chrono::steady_clock::now();
  Progress progress("gen", o.works + o.conversations, "items");
  StatusOr<GenStats> stats = Generate(o, [&](uint64_t done, uint64_t) { progress.Update(done); });
  progress.Finish();
  if (!stats.ok()) {
    std::fprintf(stderr, "winnow gen: %s\n", stats.status().ToString().c_str());
    return stats.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double mb = static_cast<double>(stats->bytes) / 1e6;
  if (flags.json) {
    std::string out;
    JsonWriter w(&out);
    w.BeginObject();
    w.Key("out"); w.String(o.out_dir);
    w.Key("records"); w.Uint(stats->records);
    w.Key("corrupt"); w.Uint(stats->corrupt);
    w.Key("entries"); w.Uint(stats->entries);
    w.Key("alternates"); w.Uint(stats->alternates);
    w.Key("works"); w.Uint(stats->works);
    w.Key("bytes"); w.Uint(stats->bytes);
    w.Key("seconds"); w.Double(secs);
    w.Key("truth");
    w.BeginObject();
    for (const auto& [kind, n] : stats->truth) { w.Key(kind); w.Uint(n); }
    w.EndObject();
    w.EndObject();
    std::printf("%s\n", out.c_str());
  } else {
    std::string kinds;
    for (const auto& [kind, n] : stats->truth) kinds += fmt::format(" {}={}", kind, n);
    std::printf("wrote %llu records (%llu corrupt), %llu entries, %llu works to %s\n",
                static_cast<unsigned long long>(stats->records), static_cast<unsigned long long>(stats->corrupt),
                static_cast<unsigned long long>(stats->entries), static_cast<unsigned long long>(stats->works),
                o.out_dir.c_str());
    std::printf("truth:%s\n", kinds.c_str());
    std::printf("%.1f MB in %.2f s (%.0f MB/s)\n", mb, secs, secs > 0 ? mb / secs : 0.0);
  }
  return kExitOk;
}

}  // namespace

void RegisterGen(CLI::App& app, VerbMain* run) {
  auto flags = std::make_shared<GenFlags>();
  GenOptions& o = flags->options;
  CLI::App* cmd = app.add_subcommand(
      "gen",
      "Write a deterministic synthetic workload: conversations in a chat-log format, a corpus of\n"
      "synthetic news articles (works.jsonl), the exact ground truth of everything planted\n"
      "(truth.jsonl) and a summary (gen.json). Same arguments, same bytes. See docs/generator.md.");
  cmd->add_option("--seed", o.seed, "Seed of every random choice")->capture_default_str();
  cmd->add_option("--conversations,-n", o.conversations, "Number of conversations (records)")
      ->capture_default_str();
  cmd->add_option("--format", flags->format, "chatgpt | openai | sharegpt | wildchat")
      ->capture_default_str()
      ->check(CLI::IsMember({"chatgpt", "openai", "sharegpt", "wildchat"}));
  cmd->add_option("--works", o.works, "Number of works in the reference corpus")->capture_default_str();
  cmd->add_option("--corrupt", o.corrupt_rate, "Share of records written malformed (quarantine path)")
      ->capture_default_str();
  cmd->add_option("--copy-rate", o.copy_rate, "Per entry: a passage of a work copied into it")
      ->capture_default_str();
  cmd->add_option("--negative-rate", o.negative_rate,
                  "Per entry: a hard negative (an answer on a work's story that copies no long run)")
      ->capture_default_str();
  cmd->add_option("--publisher-rate", o.publisher_rate, "Per entry: a reference to the publisher")
      ->capture_default_str();
  cmd->add_option("--paywall-rate", o.paywall_rate, "Per entry: a paywall-workaround request")
      ->capture_default_str();
  cmd->add_option("--pii-rate", o.pii_rate, "Per entry: personal data (1-3 items)")->capture_default_str();
  cmd->add_option("--browse-rate", o.browse_rate, "ChatGPT format, per entry: a browsing step")
      ->capture_default_str();
  cmd->add_option("--branch-rate", o.branch_rate, "ChatGPT format, per entry: a regenerated answer or edited prompt")
      ->capture_default_str();
  cmd->add_option("--non-english-rate", o.non_english_rate, "Per conversation: written in another language")
      ->capture_default_str();
  cmd->add_option("--edit-rates", flags->edit_rates, "Word edit rates edited copies draw from")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_option("--out,-o", o.out_dir, "Output directory (created if missing)")->required();
  cmd->add_flag("--json", flags->json, "Print the summary as JSON");
  cmd->callback([flags, run] { *run = [flags] { return RunGen(*flags); }; });
}

}  // namespace winnow::cli
