// `winnow produce MATTER --to age1... --prefix P --signing-key K --key PK
// [--scan S | --all] [--level L]`: a new production of the matter
// (docs/production.md). Only flag parsing and reporting live here.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <memory>

#include "audit_cli.h"
#include "progress.h"
#include "verbs.h"
#include "winnow/produce.h"
#include "winnow/vault.h"

namespace winnow::cli {
namespace {

struct ProduceArgs {
  std::string matter, identity, level = "entry";
  ProduceOptions options;
  bool no_dedup = false;
};

int RunProduce(ProduceArgs& args) {
  auto matter = Matter::Open(args.matter);
  if (!matter.ok()) {
    fmt::print(stderr, "winnow produce: {}\n", matter.status().ToString());
    return kExitFailure;
  }
  AuditRecord record;
  record.verb = "produce";
  record.inputs.push_back(VaultHead(args.matter));
  if (!args.options.pii.config_path.empty()) record.inputs.push_back(OutsideFile(args.options.pii.config_path));
  auto fail = [&](const Status& s) {
    fmt::print(stderr, "winnow produce: {}\n", s.ToString());
    return AuditAndExit(args.matter, std::move(record), s,
                        s.code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure);
  };
  auto level = ParseDisclosure(args.level);
  if (!level.ok()) return fail(level.status());
  args.options.disclosure = *level;
  args.options.deduplicate = !args.no_dedup;
  auto identities = LoadIdentities(args.identity, args.matter);
  if (!identities.ok()) return fail(identities.status());
  std::vector<const age::Identity*> ids;
  for (const auto& id : *identities) ids.push_back(&id);
  auto info = GetVaultInfo(**matter);
  if (!info.ok()) return fail(info.status());
  Progress progress("produce", info->entries, "entries");
  args.options.progress = [&](uint64_t entries, uint64_t) { progress.Update(entries); };
  const auto start = std::chrono::steady_clock::now();
  auto summary = Produce(**matter, ids, args.options);
  progress.Finish();
  if (!summary.ok()) return fail(summary.status());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print("{}", summary->cover_text);
  fmt::print("production {}: {} documents ({}), {} entries read in {:.1f} s; {}\n", summary->production_id,
             summary->documents,
             summary->documents == 0 ? "none" : summary->first_bates + " to " + summary->last_bates,
             summary->entries_read, seconds, summary->dir);
  fmt::print("hand over the folder; the recipient checks it with: winnow verify {} --signer SIGNING_KEY.pub "
             "--identity THEIR_KEY\n",
             summary->dir);
  const std::string rel = "productions/" + summary->production_id + "/";
  record.outputs.push_back(MatterFile(args.matter, rel + "manifest.json"));
  record.outputs.push_back(MatterFile(args.matter, rel + "signature.json"));
  record.counts = {{"documents", summary->documents}, {"entries", summary->entries},
                   {"withheld", summary->withheld}, {"redactions", summary->redactions},
                   {"entries_read", summary->entries_read}};
  return AuditAndExit(args.matter, std::move(record), Status::Ok(), kExitOk);
}

}  // namespace

void RegisterProduce(CLI::App& app, VerbMain* run) {
  auto args = std::make_shared<ProduceArgs>();
  ProduceOptions& o = args->options;
  CLI::App* cmd = app.add_subcommand(
      "produce",
      "Make a production (docs/production.md): the scan's relevant entries (or, with --all, every entry of the "
      "vault) at a level of disclosure, de-identified with consistent pseudonyms, numbered with Bates numbers "
      "that continue the matter's earlier productions, with a Concordance load file, redaction and withheld "
      "logs, a cover report and a signed manifest, in MATTER/productions/PRODNNNN. Every file holding chat "
      "text is encrypted to the --to recipients.");
  cmd->add_option("matter", args->matter, "matter directory")->required();
  cmd->add_option("--identity,-i", args->identity,
                  "age identity that reads the vault (default: $WINNOW_IDENTITY); never inside the matter");
  cmd->add_option("--to", o.recipients, "recipient's age public key (age1...); repeat for several")->required();
  cmd->add_option("--prefix", o.prefix, "Bates prefix, e.g. OAI-NYT-")->required();
  cmd->add_option("--digits", o.digits, "digits of the Bates number")->capture_default_str();
  cmd->add_option("--signing-key", o.signing_key_path,
                  "the producer's Ed25519 signing key (winnow keygen --signing); never inside the matter")
      ->required();
  cmd->add_option("--key", o.pii.key_path,
                  "pseudonym key (winnow keygen --pseudonym): the same key gives the same pseudonyms in every "
                  "production")
      ->required();
  cmd->add_option("--scan", o.scan_id, "the scan whose relevant entries are produced")->capture_default_str();
  cmd->add_flag("--all", o.all,
                "produce every entry of the vault (a court's order), not a scan's relevant set; entries the "
                "scan (the latest, if any) found relevant still carry their reasons");
  cmd->add_option("--level", args->level, "metadata, span, entry, context:N or conversation")
      ->capture_default_str();
  cmd->add_option("--pii-config", o.pii.config_path, "de-identification settings (pii.toml or a policy's [pii])");
  cmd->add_option("--index", o.pii.index_dir,
                  "reference corpus index: personal data inside copies of its works is the evidence and is kept");
  cmd->add_option("--rule", o.rules, "produce only entries where this rule fired (repeat); others are withheld");
  cmd->add_flag("--no-dedup", args->no_dedup, "produce exact duplicates too (by default they are withheld)");
  cmd->add_option("--span-words", o.span_words, "span level: words of context each side")->capture_default_str();
  cmd->add_option("--threads", o.threads, "worker threads (0: one per core)")->capture_default_str();
  cmd->final_callback([args, run] { *run = [args] { return RunProduce(*args); }; });
}

}  // namespace winnow::cli
