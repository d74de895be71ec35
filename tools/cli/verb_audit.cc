// `winnow audit verify MATTER`: checks the matter's audit log (docs/audit.md)
// and, only when its chain is intact, appends a record of the check itself.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "audit_cli.h"
#include "verbs.h"
#include "winnow/audit.h"
#include "winnow/matter.h"

namespace winnow::cli {
namespace {

struct AuditArgsFlags {
  std::string matter;
};

int RunAuditVerify(const AuditArgsFlags& args) {
  // Opening the matter first: a mistyped path is an error, not an empty log.
  auto matter = Matter::Open(args.matter);
  if (!matter.ok()) {
    fmt::print(stderr, "winnow audit verify: {}\n", matter.status().ToString());
    return kExitFailure;
  }
  auto report = VerifyAuditLog(args.matter);
  if (!report.ok()) {
    // Never append to a damaged log: the damage stays as it was found.
    fmt::print(stderr, "winnow audit verify: {}\n", report.status().ToString());
    return kExitFailure;
  }
  fmt::print("audit log: {} records, chain intact, head {}\n", report->records, report->head_hash);
  if (report->unanchored_last) {
    fmt::print(stderr, "winnow audit verify: note: record {} was appended but audit.head not yet updated (an "
               "interrupted append); the next record anchors it\n", report->records);
  }
  if (report->torn_tail) {
    fmt::print(stderr, "winnow audit verify: note: audit.log ends with an unfinished line past its last record (an "
               "interrupted append); the next record replaces it\n");
  }
  AuditRecord record;
  record.verb = "audit verify";
  record.inputs.push_back(AuditFile{"audit.log", report->head_hash, report->bytes});
  record.counts = {{"records", report->records}};
  return Audit(args.matter, std::move(record)) ? kExitOk : kExitFailure;
}

}  // namespace

void RegisterAudit(CLI::App& app, VerbMain* run) {
  CLI::App* audit = app.add_subcommand("audit", "The matter's tamper-evident audit log (docs/audit.md).");
  audit->require_subcommand(1);
  auto args = std::make_shared<AuditArgsFlags>();
  CLI::App* verify = audit->add_subcommand(
      "verify",
      "Check every record of MATTER/audit.log: its hash, its place in the chain, and the anchor audit.head, so "
      "an edited, removed, reordered or truncated record is found. Exits 1 naming the first damaged record.");
  verify->add_option("matter", args->matter, "matter directory")->required();
  verify->final_callback([args, run] { *run = [args] { return RunAuditVerify(*args); }; });
}

}  // namespace winnow::cli
