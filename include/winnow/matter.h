// Matter: one legal matter on disk, a directory like a git repository that
// holds the vault, indexes, scans, productions and the audit log
// (docs/vault.md). Its `matter.toml` names the recipients every file holding
// chat text is encrypted to (the custodian's, plus e.g. an escrow key). Keys
// that can decrypt never live inside a matter.
//
// A Matter is immutable after Create/Open and safe to share between threads.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "winnow/age.h"
#include "winnow/status.h"

namespace winnow {

struct MatterConfig {
  int format_version = 1;
  std::string matter_id;                // 32 hex digits, random at creation
  std::string created;                  // RFC 3339 UTC
  std::vector<std::string> recipients;  // age1... strings, in the order given
  int shards = 16;                      // vault shards, fixed at creation
};

class Matter {
 public:
  // Creates directory `path` (which must not exist, or be empty) with
  // matter.toml and the vault/ folder, all mode 0700/0600 (docs/keys.md).
  // Atomic: a crash leaves no matter or a complete one. Repeated recipients
  // are dropped, keeping the first. InvalidArgument if no recipient is
  // given, a recipient does not parse (the message names it; a secret key is
  // named as such and never repeated), or shards is not in [1, 4096];
  // AlreadyExists if `path` holds files or is not a directory; NotFound if
  // its parent does not exist; IoError otherwise.
  static StatusOr<std::unique_ptr<Matter>> Create(const std::string& path,
                                                  const std::vector<std::string>& recipients,
                                                  int shards);
  // Opens an existing matter. NotFound if `path` has no matter.toml;
  // Corruption (naming the file, line, column and field) if it does not
  // parse or a field is missing, unknown or invalid, or if vault/ is
  // missing; Unsupported if its format_version is newer than this build.
  static StatusOr<std::unique_ptr<Matter>> Open(const std::string& path);

  const std::string& path() const { return path_; }
  const MatterConfig& config() const { return config_; }
  // The parsed recipients, in the order of config().recipients.
  std::vector<const age::Recipient*> recipients() const;
  // path()/rel.
  std::string Path(const std::string& rel) const { return path_ + "/" + rel; }

 private:
  Matter() = default;
  std::string path_;
  MatterConfig config_;
  std::vector<age::X25519Recipient> parsed_;
};

// Loads the identities a reading command needs: from `path` if not empty,
// else from the WINNOW_IDENTITY environment variable. Refuses with
// PermissionDenied (the message says which file and why) a file readable or
// writable by group or others, and a file that lies inside `matter_dir`
// (keys never live in a matter; compared by device and inode along the
// canonical path; skipped if `matter_dir` is empty). Disables core dumps for
// the rest of the process before reading the key. InvalidArgument when
// neither path nor variable is given; otherwise as age::ReadIdentityFile,
// the message noting when the path came from WINNOW_IDENTITY.
StatusOr<std::vector<age::X25519Identity>> LoadIdentities(const std::string& path,
                                                           const std::string& matter_dir);

// Makes the process undumpable and sets its core size limit to zero, so no
// core file can hold keys or plaintext. Idempotent.
void DisableCoreDumps();

// Whether `path` (which need not exist yet) lies anywhere below directory
// `dir`: compares device and inode of each ancestor of the path's canonical
// form with `dir`, so symbolic links, ".." and bind mounts all count. False
// when `dir` does not exist. Keys are refused inside a matter with this.
bool PathIsInside(const std::string& path, const std::string& dir);

}  // namespace winnow
