// `winnow info MATTER`: what the vault holds, from its manifest (no key).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "audit_cli.h"
#include "util/json_writer.h"
#include "verbs.h"
#include "winnow/vault.h"

namespace winnow::cli {
namespace {

struct InfoArgs {
  std::string matter;
  bool json = false;
};

int RunInfo(const InfoArgs& args) {
  auto matter = Matter::Open(args.matter);
  if (!matter.ok()) {
    fmt::print(stderr, "winnow info: {}\n", matter.status().ToString());
    return kExitFailure;
  }
  AuditRecord record;
  record.verb = "info";
  record.inputs.push_back(VaultHead(args.matter));
  auto info = GetVaultInfo(**matter);
  if (!info.ok()) {
    fmt::print(stderr, "winnow info: {}\n", info.status().ToString());
    return AuditAndExit(args.matter, std::move(record), info.status(), kExitFailure);
  }
  record.counts = {{"commits", info->commits}, {"entries", info->entries}, {"quarantined", info->quarantined}};
  const MatterConfig& cfg = (*matter)->config();
  if (args.json) {
    std::string out;
    JsonWriter w(&out);
    w.BeginObject();
    w.Key("matter"); w.String(args.matter);
    w.Key("matter_id"); w.String(cfg.matter_id);
    w.Key("recipients"); w.BeginArray(); for (const auto& r : cfg.recipients) w.String(r); w.EndArray();
    w.Key("shards"); w.Int(cfg.shards);
    w.Key("commits"); w.Uint(info->commits);
    w.Key("segments"); w.Uint(info->segments);
    w.Key("entries"); w.Uint(info->entries);
    w.Key("blocks"); w.Uint(info->blocks);
    w.Key("quarantined"); w.Uint(info->quarantined);
    w.Key("stored_bytes"); w.Uint(info->stored_bytes);
    w.Key("raw_bytes"); w.Uint(info->raw_bytes);
    w.Key("entries_per_shard"); w.BeginArray(); for (uint64_t n : info->entries_per_shard) w.Uint(n); w.EndArray();
    w.Key("sources");
    w.BeginArray();
    for (const auto& s : info->sources) {
      w.BeginObject();
      w.Key("path"); w.String(s.path);
      w.Key("sha256"); w.String(s.id);
      w.Key("format"); w.String(s.format);
      w.Key("records"); w.Uint(s.records_done);
      w.Key("stored"); w.Uint(s.stored);
      w.Key("quarantined"); w.Uint(s.quarantined);
      w.Key("entries"); w.Uint(s.entries);
      w.Key("complete"); w.Bool(s.complete);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    fmt::print("{}\n", out);
    return AuditAndExit(args.matter, std::move(record), Status::Ok(), kExitOk);
  }
  fmt::print("matter      {} (id {})\n", args.matter, cfg.matter_id);
  for (const auto& r : cfg.recipients) fmt::print("recipient   {}\n", r);
  fmt::print("shards      {}\n", cfg.shards);
  fmt::print("commits     {}\n", info->commits);
  fmt::print("entries     {} in {} segments, {} blocks\n", info->entries, info->segments, info->blocks);
  fmt::print("quarantined {} records\n", info->quarantined);
  double ratio = info->stored_bytes ? static_cast<double>(info->raw_bytes) / info->stored_bytes : 0;
  fmt::print("size        {:.1f} MB on disk for {:.1f} MB of entries ({:.1f}x)\n", info->stored_bytes / 1e6,
             info->raw_bytes / 1e6, ratio);
  for (const auto& s : info->sources) {
    fmt::print("source      {} [{}] {} records: {} stored, {} quarantined, {} entries{}\n", s.path, s.format,
               s.records_done, s.stored, s.quarantined, s.entries, s.complete ? "" : " (incomplete: rerun ingest)");
  }
  return AuditAndExit(args.matter, std::move(record), Status::Ok(), kExitOk);
}

}  // namespace

void RegisterInfo(CLI::App& app, VerbMain* run) {
  auto args = std::make_shared<InfoArgs>();
  CLI::App* cmd = app.add_subcommand("info", "Show a matter's vault: counts, shards, sizes, recipients, sources");
  cmd->add_option("matter", args->matter, "matter directory")->required();
  cmd->add_flag("--json", args->json, "print as JSON");
  cmd->final_callback([args, run] { *run = [args] { return RunInfo(*args); }; });
}

}  // namespace winnow::cli
