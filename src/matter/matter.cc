// Creating and opening a matter directory. Creation is atomic: the matter is
// assembled in a hidden sibling directory and renamed into place, so a crash
// leaves either no matter or a complete one (plus, at worst, a stale
// ".NAME.init-XXXXXX" beside it).
#include "winnow/matter.h"

#include <dirent.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/durable.h"
#include "matter/matter_toml.h"
#include "matter/recipients.h"
#include "winnow/conversation.h"

namespace winnow {
namespace {

constexpr char kConfigName[] = "matter.toml";
constexpr char kVaultName[] = "vault";
constexpr size_t kMaxConfigBytes = 1 << 20;

std::string Normalize(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

std::string ErrnoText() { return std::strerror(errno); }

StatusOr<std::string> NewMatterId() {
  if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  char hex[2 * sizeof bytes + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string(hex);
}

// Parses every recipient (so the error names the bad one) and drops repeats,
// keeping the first occurrence.
StatusOr<std::vector<std::string>> CheckRecipients(const std::vector<std::string>& recipients) {
  if (recipients.empty()) {
    return Status::InvalidArgument("a matter needs at least one recipient (age1...): the custodian's key");
  }
  std::vector<std::string> unique;
  for (const std::string& r : recipients) {
    StatusOr<age::X25519Recipient> parsed = ParseRecipient(r);
    if (!parsed.ok()) return parsed.status();
    if (std::find(unique.begin(), unique.end(), r) == unique.end()) unique.push_back(r);
  }
  return unique;
}

// True if `dir` holds nothing, or only what an interrupted in-place Create
// leaves behind: an empty vault/ and a stale temporary matter.toml.
StatusOr<bool> IsEffectivelyEmpty(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name == std::string(".") + kConfigName + ".tmp") continue;
    if (name == kVaultName && entry.is_directory(ec) && std::filesystem::is_empty(entry.path(), ec)) continue;
    return false;
  }
  if (ec) return Status::IoError(dir + ": " + ec.message());
  return true;
}

// Writes the contents of a matter into existing directory `dir`; matter.toml
// goes last, so a directory without it is not (yet) a matter.
Status Populate(const std::string& dir, const std::string& config_text) {
  const std::string vault = dir + "/" + kVaultName;
  if (::mkdir(vault.c_str(), 0700) != 0 && errno != EEXIST) {
    return Status::IoError(vault + ": " + ErrnoText());
  }
  return WriteFileAtomic(dir, kConfigName, config_text);
}

Status CreateByRename(const std::string& path, const std::string& config_text) {
  const std::string parent = ParentDir(path);
  const std::string base = path.substr(path.find_last_of('/') + 1);
  std::string staging = parent + "/." + base + ".init-XXXXXX";
  if (::mkdtemp(staging.data()) == nullptr) {
    if (errno == ENOENT) return Status::NotFound(parent + ": parent directory does not exist");
    return Status::IoError(parent + ": " + ErrnoText());
  }
  Status status = Populate(staging, config_text);
  if (status.ok() && ::rename(staging.c_str(), path.c_str()) != 0) {
    status = errno == EEXIST || errno == ENOTEMPTY
                 ? Status::AlreadyExists(path + ": already exists and is not empty")
                 : Status::IoError(path + ": " + ErrnoText());
  }
  if (!status.ok()) {
    std::error_code ec;
    std::filesystem::remove_all(staging, ec);
    return status;
  }
  return FsyncDir(parent);
}

StatusOr<std::string> ReadConfig(const std::string& path) {
  const std::string file = path + "/" + kConfigName;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    const int err = errno;
    if (err == ENOENT) {
      return Status::NotFound(path + ": not a winnow matter (no " + kConfigName +
                              "); create one with winnow init");
    }
    return Status::IoError(file + ": " + std::strerror(err));
  }
  std::string text(kMaxConfigBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) return Status::IoError(file + ": read failed");
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > kMaxConfigBytes) return Status::Corruption(file + ": larger than 1 MiB");
  return text;
}

}  // namespace

StatusOr<std::unique_ptr<Matter>> Matter::Create(const std::string& path_in,
                                                 const std::vector<std::string>& recipients, int shards) {
  const std::string path = Normalize(path_in);
  if (path.empty()) return Status::InvalidArgument("the matter path is empty");
  if (shards < 1 || shards > kMaxShards) {
    return Status::InvalidArgument("shards must be from 1 to " + std::to_string(kMaxShards) + ", not " +
                                   std::to_string(shards));
  }
  auto matter = std::unique_ptr<Matter>(new Matter);
  matter->path_ = path;
  MatterConfig& config = matter->config_;
  config.format_version = kMatterFormatVersion;
  WINNOW_ASSIGN_OR_RETURN(config.recipients, CheckRecipients(recipients));
  WINNOW_ASSIGN_OR_RETURN(config.matter_id, NewMatterId());
  config.created = FormatRfc3339(static_cast<double>(std::time(nullptr)));
  config.shards = shards;
  for (const std::string& r : config.recipients) matter->parsed_.push_back(*age::X25519Recipient::Parse(r));
  const std::string text = FormatMatterToml(config);

  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) return Status::IoError(path + ": " + ErrnoText());
    WINNOW_RETURN_IF_ERROR(CreateByRename(path, text));
    return matter;
  }
  if (!S_ISDIR(st.st_mode)) return Status::AlreadyExists(path + ": exists and is not a directory");
  WINNOW_ASSIGN_OR_RETURN(const bool empty, IsEffectivelyEmpty(path));
  if (!empty) return Status::AlreadyExists(path + ": already exists and is not empty");
  WINNOW_RETURN_IF_ERROR(Populate(path, text));
  return matter;
}

StatusOr<std::unique_ptr<Matter>> Matter::Open(const std::string& path_in) {
  const std::string path = Normalize(path_in);
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status::NotFound(path + ": no such matter directory");
    return Status::IoError(path + ": " + ErrnoText());
  }
  if (!S_ISDIR(st.st_mode)) return Status::NotFound(path + ": not a directory, so not a winnow matter");
  WINNOW_ASSIGN_OR_RETURN(const std::string text, ReadConfig(path));
  auto matter = std::unique_ptr<Matter>(new Matter);
  matter->path_ = path;
  WINNOW_ASSIGN_OR_RETURN(matter->config_, ParseMatterToml(text, path + "/" + kConfigName));
  const std::string vault = path + "/" + kVaultName;
  if (::stat(vault.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return Status::Corruption(vault + ": the matter's vault directory is missing");
  }
  for (const std::string& r : matter->config_.recipients) {
    WINNOW_ASSIGN_OR_RETURN(age::X25519Recipient parsed, age::X25519Recipient::Parse(r));
    matter->parsed_.push_back(std::move(parsed));
  }
  return matter;
}

std::vector<const age::Recipient*> Matter::recipients() const {
  std::vector<const age::Recipient*> out;
  out.reserve(parsed_.size());
  for (const age::X25519Recipient& r : parsed_) out.push_back(&r);
  return out;
}

}  // namespace winnow
