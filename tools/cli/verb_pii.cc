// `winnow pii detect|redact [FILE] [-o OUT]`: the de-identification filters
// (docs/pii.md). Only flag parsing and reporting live here; see src/pii.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <memory>

#include "progress.h"
#include "verbs.h"
#include "winnow/pii.h"

namespace winnow::cli {
namespace {

struct PiiArgs {
  std::string input = "-";
  std::string output = "-";
  PiiFilterOptions options;
  bool stats = false;
};

int RunPii(PiiArgs& args, bool redact) {
  const char* verb = redact ? "pii redact" : "pii detect";
  std::error_code ec;
  uint64_t total = args.input == "-" ? 0 : std::filesystem::file_size(args.input, ec);
  Progress progress(redact ? "redact" : "detect", ec ? 0 : total, "B");
  args.options.progress = [&](uint64_t done) { progress.Update(done); };
  auto start = std::chrono::steady_clock::now();
  auto report = redact ? RedactPiiJsonLines(args.input, args.output, args.options)
                       : DetectPiiJsonLines(args.input, args.output, args.options);
  progress.Finish();
  if (!report.ok()) {
    fmt::print(stderr, "winnow {}: {}\n", verb, report.status().ToString());
    return report.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (args.stats) {
    fmt::print(stderr, "winnow {}: {} lines ({} bad), {} with personal data, {} findings", verb, report->lines,
               report->bad_lines, report->documents_with_pii, report->findings);
    if (redact) {
      fmt::print(stderr, ", {} kept as evidence, {} metadata identifiers pseudonymized", report->kept_as_evidence,
                 report->meta_pseudonymized);
    }
    fmt::print(stderr, "; {:.2f} s\n", seconds);
    for (const auto& [type, n] : report->by_type) fmt::print(stderr, "  {:<20} {}\n", type, n);
  }
  if (report->bad_lines > 0) {
    fmt::print(stderr, "winnow {}: {} input lines were not usable (their output lines carry \"error\")\n", verb,
               report->bad_lines);
    return kExitFailure;
  }
  return kExitOk;
}

void AddCommon(CLI::App* cmd, PiiArgs* args) {
  cmd->add_option("input", args->input, "input file ('-' for standard input)")->capture_default_str();
  cmd->add_option("--output,-o", args->output, "output file ('-' for standard output)")->capture_default_str();
  cmd->add_option("--config", args->options.config_path,
                  "settings: a pii.toml, or a policy.toml with a [pii] table (docs/pii.md)");
  cmd->add_option("--disable", args->options.disable, "detector names or entity types to leave out")
      ->delimiter(',');
  cmd->add_option("--only", args->options.only, "report only these entity types")->delimiter(',');
  cmd->add_option("--threshold", args->options.threshold, "minimum score for every type (0..1)");
  cmd->add_option("--threads", args->options.threads, "worker threads (0: one per core)")->capture_default_str();
  cmd->add_flag("--stats", args->stats, "print counts per type and time on standard error");
}

}  // namespace

void RegisterPii(CLI::App& app, VerbMain* run) {
  CLI::App* pii = app.add_subcommand("pii", "Find and replace personal data in JSON lines (docs/pii.md).");
  pii->require_subcommand(1);

  auto detect = std::make_shared<PiiArgs>();
  CLI::App* d = pii->add_subcommand(
      "detect",
      "Find personal data in JSON lines with \"id\" and \"text\", or canonical entries. Writes one line per input "
      "line: {\"id\",\"spans\":[{\"type\",\"start\",\"end\",\"score\",\"detector\"}]}, offsets in code points "
      "(as Presidio reports them), with \"field\" for entries.");
  AddCommon(d, detect.get());
  d->final_callback([detect, run] { *run = [detect] { return RunPii(*detect, false); }; });

  auto redact = std::make_shared<PiiArgs>();
  CLI::App* r = pii->add_subcommand(
      "redact",
      "Write the records de-identified, and a redaction log (type, detector, score, position, replacement; "
      "never the original value). Entries keep their shape; their user ids and identifier metadata are "
      "pseudonymized too.");
  AddCommon(r, redact.get());
  r->add_option("--key,-k", redact->options.key_path,
                "pseudonym key file (winnow keygen --pseudonym); makes pseudonym the default operator");
  r->add_option("--operator", redact->options.operator_name,
                "placeholder, pseudonym, surrogate, mask or remove (default: pseudonym with --key, else "
                "placeholder)");
  r->add_option("--index", redact->options.index_dir,
                "reference corpus: personal data inside copies of its works is evidence, kept (and logged)");
  r->add_option("--log", redact->options.log_path,
                "redaction log to write (default: OUTPUT.redactions.jsonl; required with standard output)");
  r->final_callback([redact, run] { *run = [redact] { return RunPii(*redact, true); }; });
}

}  // namespace winnow::cli
