// `winnow report MATTER [--scan S] [--format F] [-o OUT]`: a scan's hit
// report as a terminal summary, CSV, JSON or a self-contained HTML page.
// Needs no key: the report holds counts and term names, never chat text.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "audit_cli.h"
#include "verbs.h"
#include "winnow/output_file.h"
#include "winnow/produce.h"
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
  if (IsProductionDir(args.matter)) {
    // A production folder, as the recipient has it: no matter, no key.
    auto text = RenderProductionReport(args.matter, *format);
    auto out = text.ok() ? OutputFile::Create(args.output) : text.status();
    Status s = out.ok() ? (*out)->Append(*text) : out.status();
    if (s.ok()) s = (*out)->Close();
    if (!s.ok()) {
      fmt::print(stderr, "winnow report: {}\n", s.ToString());
      return kExitFailure;
    }
    return kExitOk;
  }
  auto matter = Matter::Open(args.matter);
  if (!matter.ok()) {
    fmt::print(stderr, "winnow report: {}\n", matter.status().ToString());
    return kExitFailure;
  }
  AuditRecord record;
  record.verb = "report";
  auto fail = [&](const Status& s) {
    fmt::print(stderr, "winnow report: {}\n", s.ToString());
    return AuditAndExit(args.matter, std::move(record), s, kExitFailure);
  };
  auto scans = ListScans(**matter);
  if (!scans.ok()) return fail(scans.status());
  if (args.list) {
    for (const std::string& s : *scans) fmt::print("{}\n", s);
    record.counts = {{"scans", scans->size()}};
    return AuditAndExit(args.matter, std::move(record), Status::Ok(), kExitOk);
  }
  const std::string scan_id = args.scan == "latest" && !scans->empty() ? scans->back() : args.scan;
  if (std::find(scans->begin(), scans->end(), scan_id) != scans->end()) {
    record.inputs.push_back(MatterFile(args.matter, "scans/" + scan_id + "/scan.json"));
  }
  auto text = RenderScanReport(**matter, args.scan, *format);
  if (!text.ok()) return fail(text.status());
  auto out = OutputFile::Create(args.output);
  Status s = out.ok() ? (*out)->Append(*text) : out.status();
  if (s.ok()) s = (*out)->Close();
  if (!s.ok()) return fail(s);
  record.outputs.push_back(OutsideFile(args.output));
  record.counts = {{"bytes", text->size()}};
  return AuditAndExit(args.matter, std::move(record), Status::Ok(), kExitOk);
}

}  // namespace

void RegisterReport(CLI::App& app, VerbMain* run) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Print the hit report of a scan: per term and per rule, hits, unique hits, conversations and users, with "
      "totals and the share of the vault (docs/hit-report.md). Given a production folder instead, print its "
      "cover figures (docs/production.md); no key is needed for either.");
  cmd->add_option("matter", args->matter, "matter directory, or a production folder")->required();
  cmd->add_option("--scan,-s", args->scan, "scan id (S0001, ...) or latest")->capture_default_str();
  cmd->add_option("--format", args->format, "summary, csv, json or html")->capture_default_str();
  cmd->add_option("--output,-o", args->output, "output file ('-' for standard output)")->capture_default_str();
  cmd->add_flag("--list", args->list, "list the matter's scans, oldest first");
  cmd->final_callback([args, run] { *run = [args] { return RunReport(*args); }; });
}

}  // namespace winnow::cli
