#include "audit_cli.h"

#include <fmt/format.h>

#include <algorithm>

#include "vault/manifest.h"
#include "verbs.h"

namespace winnow::cli {
namespace {

std::vector<std::string>& CommandLine() {
  static std::vector<std::string> args;
  return args;
}

constexpr char kRemoved[] = "[secret removed]";

}  // namespace

void SetCommandLine(int argc, char** argv) {
  CommandLine().assign(argv + std::min(argc, 1), argv + argc);
}

std::string RemoveSecrets(std::string_view arg) {
  if (!HoldsKeyMaterial(arg)) return std::string(arg);
  size_t eq = arg.find('=');
  if (arg.starts_with("--") && eq != std::string_view::npos && !HoldsKeyMaterial(arg.substr(0, eq))) {
    return std::string(arg.substr(0, eq + 1)) + kRemoved;
  }
  return kRemoved;
}

std::vector<std::string> AuditArgs() {
  std::vector<std::string> out;
  for (const std::string& a : CommandLine()) out.push_back(RemoveSecrets(a));
  return out;
}

bool Audit(const std::string& matter_dir, AuditRecord record) {
  record.args = AuditArgs();
  Status s = AppendAuditRecord(matter_dir, record);
  if (!s.ok()) {
    fmt::print(stderr, "winnow {}: audit log: {}\n", record.verb, s.ToString());
    return false;
  }
  return true;
}

int AuditAndExit(const std::string& matter_dir, AuditRecord record, const Status& status, int exit_code) {
  record.result = status.ok() ? "ok" : status.ToString();
  return Audit(matter_dir, std::move(record)) ? exit_code : kExitFailure;
}

AuditFile VaultHead(const std::string& matter_dir) {
  AuditFile f{"vault", "", 0};
  auto commits = vault::LoadManifest(matter_dir + "/vault", /*repair=*/false);
  if (commits.ok()) f.sha256 = commits->empty() ? vault::kZeroHash : commits->back().hash;
  return f;
}

AuditFile MatterFile(const std::string& matter_dir, const std::string& rel) {
  auto f = AuditFileFor(matter_dir + "/" + rel, rel);
  return f.ok() ? *f : AuditFile{rel, "", 0};
}

AuditFile OutsideFile(const std::string& path) {
  if (path == "-") return AuditFile{path, "", 0};
  auto f = AuditFileFor(path);
  return f.ok() ? *f : AuditFile{path, "", 0};
}

}  // namespace winnow::cli
