// `winnow export MATTER --identity KEY [--entry ID ...]`: decrypted canonical
// JSON lines for those entitled to read. Writes plaintext only where asked.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "audit_cli.h"
#include "verbs.h"
#include "winnow/output_file.h"
#include "winnow/vault.h"

namespace winnow::cli {
namespace {

struct ExportArgs {
  std::string matter;
  std::string identity;
  std::vector<std::string> entries;
  std::string output = "-";
  bool quarantine = false;
  bool verify = false;
};

int RunExport(const ExportArgs& args) {
  auto matter = Matter::Open(args.matter);
  if (!matter.ok()) {
    fmt::print(stderr, "winnow export: {}\n", matter.status().ToString());
    return kExitFailure;
  }
  AuditRecord record;
  record.verb = "export";
  record.inputs.push_back(VaultHead(args.matter));
  auto fail = [&](std::string_view what, const Status& s, int code) {
    fmt::print(stderr, "{}: {}\n", what, s.ToString());
    return AuditAndExit(args.matter, std::move(record), s, code);
  };
  auto identities = LoadIdentities(args.identity, args.matter);
  if (!identities.ok()) {
    return fail("winnow export", identities.status(),
                identities.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure);
  }
  std::vector<const age::Identity*> ids;
  for (const auto& id : *identities) ids.push_back(&id);
  auto reader = VaultReader::Open(**matter, ids);
  if (!reader.ok()) return fail("winnow export", reader.status(), kExitFailure);
  if (args.verify) {
    Status s = (*reader)->Verify();
    if (!s.ok()) return fail("winnow export --verify", s, kExitFailure);
    fmt::print(stderr, "vault verified: every segment, index, quarantine and ids file matches the manifest\n");
    return AuditAndExit(args.matter, std::move(record), Status::Ok(), kExitOk);
  }
  auto out = OutputFile::Create(args.output);
  if (!out.ok()) return fail("winnow export", out.status(), kExitFailure);
  uint64_t n = 0;
  auto write = [&](std::string_view line) -> Status {
    ++n;
    std::string* buf = (*out)->buffer();
    buf->append(line);
    buf->push_back('\n');
    return (*out)->MaybeFlush();
  };
  Status s;
  std::vector<std::string> missing;
  if (args.quarantine) {
    s = (*reader)->ForEachQuarantined(write);
  } else if (!args.entries.empty()) {
    s = (*reader)->GetEntries(args.entries, write, &missing);
  } else {
    s = (*reader)->ForEachEntry(write);
  }
  Status closed = (*out)->Close();
  record.outputs.push_back(OutsideFile(args.output));
  record.counts = {{args.quarantine ? "quarantined_records" : "entries", n}, {"missing", missing.size()}};
  if (!s.ok() || !closed.ok()) return fail("winnow export", !s.ok() ? s : closed, kExitFailure);
  for (const std::string& id : missing) fmt::print(stderr, "winnow export: entry {} is not in the vault\n", id);
  fmt::print(stderr, "{} {} exported\n", n, args.quarantine ? "quarantined records" : "entries");
  if (!missing.empty()) {
    return AuditAndExit(args.matter, std::move(record),
                        Status::NotFound(std::to_string(missing.size()) + " requested entries are not in the vault"),
                        kExitFailure);
  }
  return AuditAndExit(args.matter, std::move(record), Status::Ok(), kExitOk);
}

}  // namespace

void RegisterExport(CLI::App& app, VerbMain* run) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Decrypt entries from the vault as canonical JSON lines (plaintext: only where you send it)");
  cmd->add_option("matter", args->matter, "matter directory")->required();
  cmd->add_option("--identity,-i", args->identity, "age identity file (default: $WINNOW_IDENTITY)");
  cmd->add_option("--entry,-e", args->entries, "export only these entry ids (random access)");
  cmd->add_option("--output,-o", args->output, "where to write ('-' for standard output)")->capture_default_str();
  cmd->add_flag("--quarantine", args->quarantine, "export the quarantined records instead");
  cmd->add_flag("--verify", args->verify, "check every file of the vault and write nothing");
  cmd->final_callback([args, run] { *run = [args] { return RunExport(*args); }; });
}

}  // namespace winnow::cli
