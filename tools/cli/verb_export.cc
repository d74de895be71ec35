// `winnow export MATTER --identity KEY [--entry ID ...]`: decrypted canonical
// JSON lines for those entitled to read. Writes plaintext only where asked.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

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
  auto identities = LoadIdentities(args.identity, args.matter);
  if (!identities.ok()) {
    fmt::print(stderr, "winnow export: {}\n", identities.status().ToString());
    return identities.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  std::vector<const age::Identity*> ids;
  for (const auto& id : *identities) ids.push_back(&id);
  auto reader = VaultReader::Open(**matter, ids);
  if (!reader.ok()) {
    fmt::print(stderr, "winnow export: {}\n", reader.status().ToString());
    return kExitFailure;
  }
  if (args.verify) {
    Status s = (*reader)->Verify();
    if (!s.ok()) {
      fmt::print(stderr, "winnow export --verify: {}\n", s.ToString());
      return kExitFailure;
    }
    fmt::print(stderr, "vault verified: every segment, index, quarantine and ids file matches the manifest\n");
    return kExitOk;
  }
  auto out = OutputFile::Create(args.output);
  if (!out.ok()) {
    fmt::print(stderr, "winnow export: {}\n", out.status().ToString());
    return kExitFailure;
  }
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
  if (!s.ok() || !closed.ok()) {
    fmt::print(stderr, "winnow export: {}\n", (!s.ok() ? s : closed).ToString());
    return kExitFailure;
  }
  for (const std::string& id : missing) fmt::print(stderr, "winnow export: entry {} is not in the vault\n", id);
  fmt::print(stderr, "{} {} exported\n", n, args.quarantine ? "quarantined records" : "entries");
  return missing.empty() ? kExitOk : kExitFailure;
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
