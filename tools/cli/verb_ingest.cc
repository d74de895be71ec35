// `winnow ingest MATTER FILE...`: read chat logs into the matter's encrypted
// vault. Needs only the matter's public recipients.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <memory>

#include "audit_cli.h"
#include "progress.h"
#include "verbs.h"
#include "winnow/vault.h"

namespace winnow::cli {
namespace {

struct IngestArgs {
  std::string matter;
  std::vector<std::string> inputs;
  std::string format = "auto";
  int threads = 0;
  uint64_t checkpoint_mb = 256;
  size_t max_record_mb = 1024;
  bool allow_duplicate_ids = false;
  bool strict = false;
};

int RunIngest(const IngestArgs& args) {
  auto format = ParseChatFormat(args.format);
  if (!format.ok()) {
    fmt::print(stderr, "winnow ingest: --format: {}\n", format.status().message());
    return kExitUsage;
  }
  auto matter = Matter::Open(args.matter);
  if (!matter.ok()) {
    fmt::print(stderr, "winnow ingest: {}\n", matter.status().ToString());
    return kExitFailure;
  }
  IngestOptions options;
  options.reader.format = *format;
  options.reader.max_record_bytes = args.max_record_mb << 20;
  options.threads = args.threads;
  options.checkpoint_bytes = std::max<uint64_t>(1, args.checkpoint_mb) << 20;
  options.reject_duplicate_ids = !args.allow_duplicate_ids;
  AuditRecord record;
  record.verb = "ingest";
  record.inputs.push_back(VaultHead(args.matter));
  uint64_t total = 0;
  std::map<std::string, uint64_t> sizes;
  for (const std::string& p : args.inputs) {
    std::error_code ec;
    auto size = std::filesystem::file_size(p, ec);
    if (!ec) total += size;
    if (!ec) sizes[p] = size;
  }
  Progress progress("ingest", total, "B");
  options.progress = [&](uint64_t done) { progress.Update(done); };
  auto report = Ingest(**matter, args.inputs, options);
  progress.Finish();
  if (!report.ok()) {
    fmt::print(stderr, "winnow ingest: {}\n", report.status().ToString());
    record.outputs.push_back(VaultHead(args.matter));
    return AuditAndExit(args.matter, std::move(record), report.status(), kExitFailure);
  }
  uint64_t quarantined = 0;
  uint64_t records = 0, stored = 0, already_present = 0, entries = 0;
  Status first_error;
  for (const IngestFileReport& f : report->files) {
    record.inputs.push_back(AuditFile{f.path, f.source_id, sizes.count(f.path) ? sizes[f.path] : 0});
    records += f.records;
    stored += f.stored;
    already_present += f.already_present;
    entries += f.entries;
    if (!f.status.ok() && first_error.ok()) first_error = f.status;
    if (!f.status.ok()) fmt::print(stderr, "winnow ingest: {}\n", f.status.ToString());
    if (f.already_complete) {
      fmt::print(stderr, "{}: already in the vault ({} records); nothing to do\n", f.path, f.already_present);
      continue;
    }
    if (f.records == 0 && !f.status.ok()) continue;
    quarantined += f.quarantined;
    fmt::print(stderr, "{}: {}: {} records read = {} stored + {} quarantined + {} already present; {} entries\n", f.path,
               f.format, f.records, f.stored, f.quarantined, f.already_present, f.entries);
  }
  fmt::print(stderr, "{} commit(s) to {}/vault\n", report->commits, args.matter);
  record.outputs.push_back(VaultHead(args.matter));
  record.counts = {{"files", report->files.size()}, {"records", records},          {"stored", stored},
                   {"quarantined", quarantined},    {"already_present", already_present},
                   {"entries", entries},            {"commits", report->commits}};
  int code = kExitOk;
  if (!report->all_files_ok()) {
    code = kExitFailure;
  } else if (args.strict && quarantined > 0) {
    code = kExitStrict;
  }
  return AuditAndExit(args.matter, std::move(record), first_error, code);
}

}  // namespace

void RegisterIngest(CLI::App& app, VerbMain* run) {
  auto args = std::make_shared<IngestArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ingest",
      "Read chat logs into the matter's vault: sharded, compressed, age-encrypted to the matter's recipients. "
      "Needs no secret key. Resumable: rerun the same command after a crash; files already in are skipped.");
  cmd->add_option("matter", args->matter, "matter directory (from winnow init)")->required();
  cmd->add_option("files", args->inputs, "chat-log files (any format winnow convert reads)")->required();
  cmd->add_option("--format,-f", args->format, "auto, chatgpt, openai, sharegpt, wildchat or instructions")
      ->capture_default_str();
  cmd->add_option("--threads,-j", args->threads, "threads (0: one per core)")->capture_default_str();
  cmd->add_option("--checkpoint-mb", args->checkpoint_mb, "input MB between commits (a crash loses at most this)")
      ->capture_default_str();
  cmd->add_option("--max-record-mb", args->max_record_mb, "records larger than this are quarantined")
      ->capture_default_str();
  cmd->add_flag("--allow-duplicate-ids", args->allow_duplicate_ids, "store conversations whose id was already seen");
  cmd->add_flag("--strict", args->strict, "exit with status 3 if any record was quarantined");
  cmd->final_callback([args, run] { *run = [args] { return RunIngest(*args); }; });
}

}  // namespace winnow::cli
