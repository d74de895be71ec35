// `winnow init MATTER --recipient age1... [--recipients-file FILE] [--shards N]`:
// creates a matter directory. Only flag parsing and reporting live here; see
// src/matter.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <memory>
#include <string>
#include <vector>

#include "audit_cli.h"
#include "matter/recipients.h"
#include "verbs.h"
#include "winnow/matter.h"

namespace winnow::cli {
namespace {

struct InitArgs {
  std::string matter;
  std::vector<std::string> recipients;
  std::vector<std::string> recipient_files;
  int shards = 16;
};

int Fail(const Status& status) {
  fmt::print(stderr, "winnow init: {}\n", status.ToString());
  return status.code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
}

int RunInit(const InitArgs& args) {
  std::vector<std::string> recipients = args.recipients;
  for (const std::string& file : args.recipient_files) {
    StatusOr<std::vector<std::string>> listed = ReadRecipientsFile(file);
    if (!listed.ok()) return Fail(listed.status());
    recipients.insert(recipients.end(), listed->begin(), listed->end());
  }
  if (recipients.empty()) {
    return Fail(Status::InvalidArgument(
        "give at least one recipient with --recipient age1... or --recipients-file FILE (the custodian's "
        "public key; `winnow keygen -o FILE` makes one)"));
  }
  StatusOr<std::unique_ptr<Matter>> matter = Matter::Create(args.matter, recipients, args.shards);
  if (!matter.ok()) return Fail(matter.status());
  const MatterConfig& c = (*matter)->config();
  fmt::print("initialized matter {}\n", (*matter)->path());
  fmt::print("  matter id:  {}\n", c.matter_id);
  fmt::print("  created:    {}\n", c.created);
  fmt::print("  shards:     {}\n", c.shards);
  for (const std::string& r : c.recipients) fmt::print("  recipient:  {}\n", r);
  AuditRecord record;
  record.verb = "init";
  record.outputs.push_back(MatterFile((*matter)->path(), "matter.toml"));
  record.counts = {{"shards", static_cast<uint64_t>(c.shards)}, {"recipients", c.recipients.size()}};
  return Audit((*matter)->path(), std::move(record)) ? kExitOk : kExitFailure;
}

}  // namespace

void RegisterInit(CLI::App& app, VerbMain* run) {
  auto args = std::make_shared<InitArgs>();
  CLI::App* cmd = app.add_subcommand(
      "init",
      "Create a matter directory: matter.toml (id, recipients, shard count) and an empty vault/. Every file "
      "holding chat text will be encrypted to all the recipients (public keys, age1...), e.g. the "
      "custodian's and an escrow key. Secret keys never go into a matter.");
  cmd->add_option("matter", args->matter, "directory to create (must not exist, or be empty)")->required();
  cmd->add_option("--recipient,-r", args->recipients, "age1... public key to encrypt to (repeatable)");
  cmd->add_option("--recipients-file,-R", args->recipient_files,
                  "file of recipients, one per line, '#' comments (as age -R; repeatable)");
  cmd->add_option("--shards", args->shards, "vault shards, fixed for the life of the matter (1 to 4096)")
      ->capture_default_str();
  cmd->final_callback([args, run] { *run = [args] { return RunInit(*args); }; });
}

}  // namespace winnow::cli
