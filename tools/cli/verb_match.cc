// `winnow match --index INDEX [FILE] [-o OUT]`: a pure filter from JSON lines
// (`id` + `text`, or canonical entries) to JSON lines of corpus matches.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "progress.h"
#include "verbs.h"
#include "winnow/corpus.h"

namespace winnow::cli {
namespace {

struct MatchArgs {
  std::string index;
  std::string input = "-";
  std::string output = "-";
  MatchFilterOptions options;
  bool no_titles = false;
  bool no_similar = false;
  bool stats = false;
};

int RunMatch(MatchArgs& args) {
  if (args.options.match.min_identity < 0 || args.options.match.min_identity > 1) {
    fmt::print(stderr, "winnow match: --min-identity must be between 0 and 1\n");
    return kExitUsage;
  }
  auto index = CorpusIndex::Open(args.index);
  if (!index.ok()) {
    fmt::print(stderr, "winnow match: {}\n", index.status().ToString());
    return kExitFailure;
  }
  args.options.match.titles = !args.no_titles;
  args.options.match.similar = !args.no_similar;
  if (args.options.match.min_similarity < 0 || args.options.match.min_similarity > 1) {
    fmt::print(stderr, "winnow match: --min-similarity must be between 0 and 1\n");
    return kExitUsage;
  }
  std::error_code ec;
  uint64_t total = args.input == "-" ? 0 : std::filesystem::file_size(args.input, ec);
  Progress progress("match", ec ? 0 : total, "B");
  args.options.progress = [&](uint64_t done) { progress.Update(done); };
  auto start = std::chrono::steady_clock::now();
  auto report = MatchJsonLines(**index, args.input, args.output, args.options);
  progress.Finish();
  if (!report.ok()) {
    fmt::print(stderr, "winnow match: {}\n", report.status().ToString());
    return kExitFailure;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (args.stats) {
    const MatcherStats& s = report->stats;
    fmt::print(stderr,
               "winnow match: {} lines ({} bad), {} with matches, {} matches; {:.1f} MB of text, {} words, {} "
               "fingerprints, {} seeds, {} chains aligned, {} works checked for similarity; {:.2f} s ({:.1f} MB/s)\n",
               report->lines, report->bad_lines, report->flagged, report->matches, s.bytes / 1e6, s.words,
               s.fingerprints, s.postings, s.aligned, s.similar_checked, seconds,
               seconds > 0 ? s.bytes / 1e6 / seconds : 0.0);
  }
  if (report->bad_lines > 0) {
    fmt::print(stderr, "winnow match: {} input lines were not usable (their output lines carry \"error\")\n",
               report->bad_lines);
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

void RegisterMatch(CLI::App& app, VerbMain* run) {
  auto args = std::make_shared<MatchArgs>();
  CLI::App* cmd = app.add_subcommand(
      "match",
      "Find passages of corpus works copied (verbatim or edited) into each input line. Reads JSON lines with "
      "\"id\" and \"text\", or canonical entries (prompt, output and tools matched separately); writes one line "
      "of matches per input line, in order.");
  cmd->add_option("--index", args->index, "corpus index directory (winnow corpus build)")->required();
  cmd->add_option("input", args->input, "input file ('-' for standard input)")->capture_default_str();
  cmd->add_option("--output,-o", args->output, "output file ('-' for standard output)")->capture_default_str();
  cmd->add_option("--min-verbatim-words", args->options.match.min_verbatim_words,
                  "report a region holding an exact run of this many words")
      ->capture_default_str();
  cmd->add_option("--min-near-words", args->options.match.min_near_words,
                  "report a region of this many words ...")
      ->capture_default_str();
  cmd->add_option("--min-identity", args->options.match.min_identity, "... with at least this identity")
      ->capture_default_str();
  cmd->add_option("--min-title-words", args->options.match.min_title_words,
                  "report a whole headline of at least this many words (in prompts and text)")
      ->capture_default_str();
  cmd->add_flag("--no-titles", args->no_titles, "do not look for headlines");
  cmd->add_option("--min-similarity", args->options.match.min_similarity,
                  "report a text as \"similar\" to a work holding this share of its word 5-grams")
      ->capture_default_str();
  cmd->add_option("--min-similar-words", args->options.match.min_similar_words,
                  "... if the text has at least this many words")
      ->capture_default_str();
  cmd->add_flag("--no-similar", args->no_similar, "do not look for loose rewrites");
  cmd->add_option("--threads", args->options.threads, "worker threads (0: one per core)")->capture_default_str();
  cmd->add_flag("--stats", args->stats, "print counts and throughput on standard error");
  cmd->final_callback([args, run] { *run = [args] { return RunMatch(*args); }; });
}

}  // namespace winnow::cli
