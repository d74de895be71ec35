// `winnow keygen [-o FILE]`: a new age X25519 identity, as age-keygen makes
// them; with --pseudonym, a pseudonym key for `winnow pii redact`; with
// --signing, an Ed25519 key pair for signing productions. Only flag parsing
// and reporting live here; see src/matter, src/pii and src/produce.
#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <unistd.h>

#include <memory>
#include <string>

#include "matter/keygen.h"
#include "pii/pseudonym.h"
#include "produce/signing.h"
#include "verbs.h"
#include "winnow/age.h"
#include "winnow/matter.h"

namespace winnow::cli {
namespace {

struct KeygenArgs {
  std::string output;
  bool pseudonym = false;
  bool signing = false;
};

int RunPseudonymKeygen(const KeygenArgs& args) {
  DisableCoreDumps();
  if (args.output.empty() || args.output == "-") {
    fmt::print(stderr, "winnow keygen --pseudonym: give -o FILE (a pseudonym key is only written to a new file "
                       "with mode 0600)\n");
    return kExitUsage;
  }
  StatusOr<pii::PseudonymKey> key = pii::PseudonymKey::Generate();
  Status written = key.ok() ? key->Save(args.output) : key.status();
  if (!written.ok()) {
    fmt::print(stderr, "winnow keygen --pseudonym: {}\n", written.ToString());
    return kExitFailure;
  }
  fmt::print(stderr, "Pseudonym key {} written to {}; keep it outside every matter.\n", key->KeyId(), args.output);
  return kExitOk;
}

// FILE (the secret key, 0600) and FILE.pub (the public key, 0644). Both are
// new files; if FILE.pub cannot be written, FILE is removed again, so a
// failed run leaves neither.
int RunSigningKeygen(const KeygenArgs& args) {
  DisableCoreDumps();
  if (args.output.empty() || args.output == "-") {
    fmt::print(stderr, "winnow keygen --signing: give -o FILE (a signing key is only written to a new file "
                       "with mode 0600, its public key to FILE.pub)\n");
    return kExitUsage;
  }
  const std::string pub_path = args.output + ".pub";
  if (::access(pub_path.c_str(), F_OK) == 0) {
    fmt::print(stderr, "winnow keygen --signing: {}\n",
               Status::AlreadyExists(pub_path + ": public key file already exists").ToString());
    return kExitFailure;
  }
  StatusOr<produce::SigningKey> key = produce::SigningKey::Generate();
  Status written = key.ok() ? key->Save(args.output) : key.status();
  if (written.ok()) {
    written = key->SavePublicKey(pub_path);
    if (!written.ok()) ::unlink(args.output.c_str());
  }
  if (!written.ok()) {
    fmt::print(stderr, "winnow keygen --signing: {}\n", written.ToString());
    return kExitFailure;
  }
  fmt::print("{}\n", key->PublicKey());
  fmt::print(stderr,
             "Signing key written to {}; give {} to whoever verifies your productions; keep {} outside every "
             "matter.\n",
             args.output, pub_path, args.output);
  return kExitOk;
}

int RunKeygen(const KeygenArgs& args) {
  if (args.pseudonym && args.signing) {
    fmt::print(stderr, "winnow keygen: --pseudonym and --signing make different keys: give one of them\n");
    return kExitUsage;
  }
  if (args.pseudonym) return RunPseudonymKeygen(args);
  if (args.signing) return RunSigningKeygen(args);
  DisableCoreDumps();  // the secret key is about to be in memory
  StatusOr<age::X25519Identity> identity = age::X25519Identity::Generate();
  if (!identity.ok()) {
    fmt::print(stderr, "winnow keygen: {}\n", identity.status().ToString());
    return kExitFailure;
  }
  const std::string recipient = identity->recipient().ToString();
  if (args.output.empty() || args.output == "-") {
    Status written = WriteIdentityText(STDOUT_FILENO, *identity, "standard output");
    if (!written.ok()) {
      fmt::print(stderr, "winnow keygen: {}\n", written.ToString());
      return kExitFailure;
    }
    // As age-keygen: when the key goes to a file or pipe, show the public half.
    if (!::isatty(STDOUT_FILENO)) fmt::print(stderr, "Public key: {}\n", recipient);
    return kExitOk;
  }
  Status written = age::WriteIdentityFile(args.output, *identity);
  if (!written.ok()) {
    fmt::print(stderr, "winnow keygen: {}\n", written.ToString());
    return kExitFailure;
  }
  fmt::print(stderr, "Public key: {}\n", recipient);
  fmt::print("{}\n", recipient);
  return kExitOk;
}

}  // namespace

void RegisterKeygen(CLI::App& app, VerbMain* run) {
  auto args = std::make_shared<KeygenArgs>();
  CLI::App* cmd = app.add_subcommand(
      "keygen",
      "Generate an age X25519 identity (secret key) in age-keygen's format. With -o, write it to a new "
      "file with mode 0600 (never overwriting one) and print its recipient (public key, age1...) on "
      "standard output; without -o, print the whole identity file on standard output. Keep identity "
      "files outside every matter; give the recipient to `winnow init --recipient`.");
  cmd->add_option("--output,-o", args->output, "new identity file to write (refused if it exists)");
  cmd->add_flag("--pseudonym", args->pseudonym,
                "instead, write a pseudonym key (32 random bytes) for `winnow pii redact --key` to the new file -o; "
                "the same key gives the same pseudonyms across shards, runs and productions");
  cmd->add_flag("--signing", args->signing,
                "instead, write an Ed25519 signing key for productions to the new file -o (mode 0600) and its "
                "public key (winnow-ed25519:...) to -o FILE.pub, and print the public key; give FILE.pub to "
                "whoever verifies your productions (`winnow verify --signer`)");
  cmd->final_callback([args, run] { *run = [args] { return RunKeygen(*args); }; });
}

}  // namespace winnow::cli
