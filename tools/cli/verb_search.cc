// `winnow search --terms TERMS [FILE] [-o OUT] [--report [--format F]]`: a
// pure filter from JSON lines to one line of term hits per input line, or
// the hit report of the whole input.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "io/byte_source.h"
#include "progress.h"
#include "verbs.h"
#include "winnow/matter.h"
#include "winnow/produce.h"
#include "winnow/search.h"

namespace winnow::cli {
namespace {

struct SearchArgs {
  std::string terms;
  std::string input = "-";
  std::string output = "-";
  std::string format = "summary";
  std::string identity;
  SearchFilterOptions options;
  bool stats = false;
};

int RunSearch(SearchArgs& args) {
  auto format = ParseReportFormat(args.format);
  if (!format.ok()) {
    fmt::print(stderr, "winnow search: --format: {}\n", format.status().message());
    return kExitUsage;
  }
  args.options.report_format = *format;
  // A production folder is read through its recipient's key, decrypting on
  // the fly: no plaintext is written anywhere.
  std::vector<age::X25519Identity> keys;
  std::vector<const age::Identity*> ids;
  std::error_code ec;
  const bool production = args.input != "-" && std::filesystem::is_directory(args.input, ec);
  if (production) {
    auto loaded = LoadIdentities(args.identity, "");
    if (!loaded.ok()) {
      fmt::print(stderr, "winnow search: {}: a production is encrypted: {}\n", args.input,
                 loaded.status().ToString());
      return loaded.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
    }
    keys = std::move(*loaded);
    for (const auto& k : keys) ids.push_back(&k);
    args.options.open_input = [&]() { return OpenProductionEntries(args.input, ids); };
  }
  uint64_t total = args.input == "-" || production ? 0 : std::filesystem::file_size(args.input, ec);
  Progress progress("search", ec ? 0 : total, "B");
  args.options.progress = [&](uint64_t done) { progress.Update(done); };
  auto start = std::chrono::steady_clock::now();
  auto report = SearchJsonLines(args.terms, args.input, args.output, args.options);
  progress.Finish();
  if (!report.ok()) {
    fmt::print(stderr, "winnow search: {}\n", report.status().ToString());
    return report.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (args.stats) {
    fmt::print(stderr, "winnow search: {} lines ({} bad), {} with hits, {} term hits; {:.2f} s\n", report->lines,
               report->bad_lines, report->hit_lines, report->hits, seconds);
  }
  for (const std::string& e : report->bad_line_errors) fmt::print(stderr, "winnow search: {}", e);
  if (report->bad_lines > 0) {
    fmt::print(stderr, "winnow search: {} input lines were not usable{}\n", report->bad_lines,
               args.options.report ? "" : " (their output lines carry \"error\")");
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

void RegisterSearch(CLI::App& app, VerbMain* run) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* cmd = app.add_subcommand(
      "search",
      "Run a set of search terms (dtSearch syntax, docs/search.md) over JSON lines with \"id\" and \"text\", or "
      "canonical entries (prompt:, output:, tools:, system: and title: scope to those fields). Writes one line of hits per input "
      "line, in order, or with --report the hit report.");
  cmd->add_option("--terms,-t", args->terms, "term file: name<TAB>query lines, or TOML [[term]] tables")
      ->required();
  cmd->add_option("input", args->input,
                  "input file ('-' for standard input), or a production folder (winnow produce), read with "
                  "--identity")
      ->capture_default_str();
  cmd->add_option("--identity,-i", args->identity,
                  "for a production: the recipient's age identity (default: $WINNOW_IDENTITY)");
  cmd->add_option("--output,-o", args->output, "output file ('-' for standard output)")->capture_default_str();
  cmd->add_flag("--report", args->options.report, "print the hit report instead of the hits");
  cmd->add_option("--format", args->format, "report format: summary, csv, json or html")->capture_default_str();
  cmd->add_option("--threads", args->options.threads, "worker threads (0: one per core)")->capture_default_str();
  cmd->add_flag("--stats", args->stats, "print counts and time on standard error");
  cmd->final_callback([args, run] { *run = [args] { return RunSearch(*args); }; });
}

}  // namespace winnow::cli
