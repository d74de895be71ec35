// `winnow scan MATTER --identity KEY [--policy P] [--index CORPUS]`: runs a
// relevance policy over the whole vault and commits the results as a new
// scan in the matter; prints the hit report's summary.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "audit_cli.h"
#include "progress.h"
#include "verbs.h"
#include "winnow/search.h"
#include "winnow/vault.h"

namespace winnow::cli {
namespace {

struct ScanArgs {
  std::string matter;
  std::string identity;
  ScanOptions options;
  bool print_default = false;
};

int RunScan(ScanArgs& args) {
  auto matter = Matter::Open(args.matter);
  if (!matter.ok()) {
    fmt::print(stderr, "winnow scan: {}\n", matter.status().ToString());
    return kExitFailure;
  }
  AuditRecord record;
  record.verb = "scan";
  record.inputs.push_back(VaultHead(args.matter));
  if (!args.options.policy_path.empty()) record.inputs.push_back(OutsideFile(args.options.policy_path));
  if (!args.options.index_dir.empty()) record.inputs.push_back(AuditFile{args.options.index_dir, "", 0});
  auto fail = [&](const Status& s, int code) {
    fmt::print(stderr, "winnow scan: {}\n", s.ToString());
    return AuditAndExit(args.matter, std::move(record), s, code);
  };
  auto identities = LoadIdentities(args.identity, args.matter);
  if (!identities.ok()) {
    return fail(identities.status(),
                identities.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure);
  }
  std::vector<const age::Identity*> ids;
  for (const auto& id : *identities) ids.push_back(&id);
  auto info = GetVaultInfo(**matter);
  if (!info.ok()) return fail(info.status(), kExitFailure);
  Progress progress("scan", info->entries, "entries");
  args.options.progress = [&](uint64_t entries, uint64_t) { progress.Update(entries); };
  auto start = std::chrono::steady_clock::now();
  auto summary = ScanMatter(**matter, ids, args.options);
  progress.Finish();
  if (!summary.ok()) {
    return fail(summary.status(),
                summary.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const std::string& w : summary->warnings) fmt::print(stderr, "winnow scan: warning: {}\n", w);
  fmt::print("{}", summary->summary);
  fmt::print("scan {}: {} entries ({:.1f} MB) in {:.1f} s, {} relevant; results encrypted in {}/results\n",
             summary->scan_id, summary->entries, summary->bytes / 1e6, seconds, summary->relevant, summary->dir);
  fmt::print("hit report: {}/report.html (also report.csv, report.json; winnow report {} --scan {})\n",
             summary->dir, args.matter, summary->scan_id);
  record.outputs.push_back(MatterFile(args.matter, "scans/" + summary->scan_id + "/scan.json"));
  record.counts = {{"entries", summary->entries}, {"relevant", summary->relevant}, {"bytes", summary->bytes}};
  return AuditAndExit(args.matter, std::move(record), Status::Ok(), kExitOk);
}

}  // namespace

void RegisterScan(CLI::App& app, VerbMain* run) {
  auto args = std::make_shared<ScanArgs>();
  CLI::App* cmd = app.add_subcommand(
      "scan",
      "Run a relevance policy (docs/policy.md; the default policy when --policy is not given) over every entry of "
      "the vault, on all cores, and commit the results as a new scan of the matter (encrypted to its "
      "recipients). Rerun with a changed policy to make another scan.");
  cmd->add_option("matter", args->matter, "matter directory")->required();
  cmd->add_option("--identity,-i", args->identity,
                  "age identity file (default: $WINNOW_IDENTITY); never inside the matter");
  cmd->add_option("--policy,-p", args->options.policy_path, "policy.toml (default: the built-in policy)");
  cmd->add_option("--index", args->options.index_dir,
                  "reference corpus index (winnow corpus build) for the overlap, headline and similar signals "
                  "and the corpus's publishers");
  cmd->add_option("--threads", args->options.threads, "worker threads (0: one per core)")->capture_default_str();
  cmd->final_callback([args, run] { *run = [args] { return RunScan(*args); }; });
}

}  // namespace winnow::cli
