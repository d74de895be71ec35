// `winnow report MATTER [--scan S] [--format F] [-o OUT]`: a scan's hit
// report as a terminal summary, CSV, JSON or a self-contained HTML page.
// Needs no key: the report holds counts and term names, never chat text.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "verbs.h"
#include "winnow/output_file.h"
#include "winnow/search.h"

namespace winnow::cli {
namespace {

struct ReportArgs {
  std::string matter;
  std::string scan = "latest";
  std::string format = "summary";
  std::string output = "-";
  bool list = false;
};

int RunReport(const ReportArgs& args) {
  auto format = ParseReportFormat(args.format);
  if (!format.ok()) {
    fmt::print(stderr, "winnow report: --format: {}\n", format.status().message());
    return kExitUsage;
  }
  auto matter = Matter::Open(args.matter);
  if (!matter.ok()) {
    fmt::print(stderr, "winnow report: {}\n", matter.status().ToString());
    return kExitFailure;
  }
  if (args.list) {
    auto scans = ListScans(**matter);
    if (!scans.ok()) {
      fmt::print(stderr, "winnow report: {}\n", scans.status().ToString());
      return kExitFailure;
    }
    for (const std::string& s : *scans) fmt::print("{}\n", s);
    return kExitOk;
  }
  auto text = RenderScanReport(**matter, args.scan, *format);
  if (!text.ok()) {
    fmt::print(stderr, "winnow report: {}\n", text.status().ToString());
    return kExitFailure;
  }
  auto out = OutputFile::Create(args.output);
  Status s = out.ok() ? (*out)->Append(*text) : out.status();
  if (s.ok()) s = (*out)->Close();
  if (!s.ok()) {
    fmt::print(stderr, "winnow report: {}\n", s.ToString());
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

void RegisterReport(CLI::App& app, VerbMain* run) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Print the hit report of a scan: per term and per rule, hits, unique hits, conversations and users, with "
      "totals and the share of the vault (docs/hit-report.md).");
  cmd->add_option("matter", args->matter, "matter directory")->required();
  cmd->add_option("--scan,-s", args->scan, "scan id (S0001, ...) or latest")->capture_default_str();
  cmd->add_option("--format", args->format, "summary, csv, json or html")->capture_default_str();
  cmd->add_option("--output,-o", args->output, "output file ('-' for standard output)")->capture_default_str();
  cmd->add_flag("--list", args->list, "list the matter's scans, oldest first");
  cmd->final_callback([args, run] { *run = [args] { return RunReport(*args); }; });
}

}  // namespace winnow::cli
