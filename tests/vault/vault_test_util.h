// Helpers for the vault tests: temporary directories, running the winnow
// CLI as a child process (posix_spawn, output captured in memory or sent to
// files), SHA-256, and a deterministic generator of OpenAI `messages` JSON
// lines. Not thread-safe; tests are serial.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "temp_dir.h"

namespace winnow::vault::testing {

// Vault tests name their folders winnow-vault-... unless told otherwise.
class TempDir : public winnow::test::TempDir {
 public:
  explicit TempDir(const std::string& prefix = "winnow-vault") : winnow::test::TempDir(prefix) {}
};

struct ProcessResult {
  int exit_code = -1;   // when the child exited
  int term_signal = 0;  // when a signal ended it
  std::string out, err;
  std::string Describe() const;  // exit status and stderr, for failure messages
};

// Environment changes for a child: "NAME=value" replaces or adds NAME.
using EnvOverrides = std::vector<std::string>;

// Runs WINNOW_BINARY with `args`, stdin from /dev/null, stdout and stderr
// captured in memory, and waits for it.
ProcessResult RunWinnow(const std::vector<std::string>& args, const EnvOverrides& env = {});

// Starts WINNOW_BINARY with `args`, stdout and stderr appended to the given
// files (or /dev/null when empty); returns the pid, or -1.
pid_t SpawnWinnow(const std::vector<std::string>& args, const std::string& stdout_path, const std::string& stderr_path,
                  const EnvOverrides& env = {});

// Waits for `pid`; fills exit_code or term_signal.
ProcessResult WaitChild(pid_t pid);

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, std::string_view bytes);
std::string Sha256Hex(std::string_view bytes);
// The lines of `text`, without their newlines (a last line without one counts).
std::vector<std::string_view> SplitLines(std::string_view text);
// Every regular file under `dir`, recursively.
std::vector<std::string> ListFiles(const std::string& dir);

// `winnow keygen -o key_path`; returns the recipient ("" and a gtest
// failure if it fails).
std::string Keygen(const std::string& key_path, const EnvOverrides& env = {});
// `winnow init matter --recipient R --shards N`; false (and a gtest
// failure) if it fails.
bool InitMatter(const std::string& matter, const std::string& recipient, int shards, const EnvOverrides& env = {});

// What `winnow info --json` says (the fields the tests check).
struct InfoJson {
  bool ok = false;  // false if the command failed or printed no valid JSON
  uint64_t commits = 0, segments = 0, entries = 0, blocks = 0, quarantined = 0;
  struct Source {
    uint64_t records = 0, stored = 0, quarantined = 0, entries = 0;
    bool complete = false;
  };
  std::vector<Source> sources;
  std::string error;  // stderr and stdout when !ok
};
InfoJson RunInfo(const std::string& matter);

// A small deterministic PRNG (splitmix64): the same sequence on every
// platform, unlike the std:: distributions.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  uint64_t Uniform(uint64_t n) { return n ? Next() % n : 0; }                     // [0, n)
  uint64_t Range(uint64_t lo, uint64_t hi) { return lo + Uniform(hi - lo + 1); }  // [lo, hi]
  std::string Hex(size_t digits);

 private:
  uint64_t state_;
};

struct LogSpec {
  uint64_t seed = 1;
  int conversations = 100;
  int max_turns = 4;  // turns per conversation in [1, max_turns]
  size_t min_output_words = 20;
  size_t max_output_words = 400;
  std::string id_prefix = "conv";
  // Called for every text (prompt, output) after it is generated; may edit it.
  std::function<void(std::string* text, Rng* rng)> edit_text;
};

// One conversation per line in the OpenAI chat `messages` form:
// {"id":...,"user":...,"model":...,"created":...,"messages":[...]}. Ids are
// unique: "<id_prefix>-<n>".
std::string GenerateOpenAiLog(const LogSpec& spec);

// Lines that winnow reads as malformed records (they are quarantined).
// `marker` is embedded in the raw bytes of each.
std::vector<std::string> MalformedRecords(const std::string& marker);

}  // namespace winnow::vault::testing
