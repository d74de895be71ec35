// `winnow verify PROD --signer KEY.pub [--identity K]`: checks a production
// (docs/production.md, "Verifying"). Needs no matter: the recipient runs it
// on the folder they were given.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "verbs.h"
#include "winnow/produce.h"

namespace winnow::cli {
namespace {

struct VerifyArgs {
  std::string production, signer, identity;
};

int RunVerify(const VerifyArgs& args) {
  std::vector<age::X25519Identity> keys;
  if (!args.identity.empty()) {
    auto loaded = LoadIdentities(args.identity, "");
    if (!loaded.ok()) {
      fmt::print(stderr, "winnow verify: {}\n", loaded.status().ToString());
      return kExitFailure;
    }
    keys = std::move(*loaded);
  }
  std::vector<const age::Identity*> ids;
  for (const auto& k : keys) ids.push_back(&k);
  auto report = VerifyProduction(args.production, args.signer, ids);
  if (!report.ok()) {
    fmt::print(stderr, "winnow verify: {}\n", report.status().ToString());
    return report.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  fmt::print("production {}: signature by {} valid (signed {})\n", report->production_id, report->signer,
             report->signed_at);
  fmt::print("{} files: every SHA-256 matches the signed manifest\n", report->files);
  fmt::print("{} documents, {}: numbers continuous{}\n", report->documents,
             report->documents == 0 ? "none" : report->first_bates + " to " + report->last_bates,
             report->continuity_checked ? ", continuing the matter's previous production" : "");
  if (report->decrypted) {
    fmt::print("decrypted: every document matches its hash and number; the load file matches the documents\n");
  } else {
    fmt::print("not decrypted (give --identity to check the documents themselves)\n");
  }
  return kExitOk;
}

}  // namespace

void RegisterVerify(CLI::App& app, VerbMain* run) {
  auto args = std::make_shared<VerifyArgs>();
  CLI::App* cmd = app.add_subcommand(
      "verify",
      "Check a production folder: the producer's signature, the SHA-256 of the manifest and of every file, "
      "that Bates numbers are continuous (and continue the matter's previous production when it is beside "
      "it), and, with --identity, every decrypted document, its hash and number, and the load file.");
  cmd->add_option("production", args->production, "production folder (PRODNNNN)")->required();
  cmd->add_option("--signer", args->signer, "the producer's public signing key, or its .pub file")->required();
  cmd->add_option("--identity,-i", args->identity, "the recipient's age identity, to decrypt and check documents");
  cmd->final_callback([args, run] { *run = [args] { return RunVerify(*args); }; });
}

}  // namespace winnow::cli
