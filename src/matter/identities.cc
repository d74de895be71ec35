// Loading the identities (secret keys) a reading command needs, with the
// checks that keep keys out of matters and away from other users.
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>

#include "winnow/matter.h"

namespace winnow {
namespace {

constexpr char kIdentityVariable[] = "WINNOW_IDENTITY";

// The same Status with `extra` appended to its message.
Status Append(const Status& s, const std::string& extra) {
  std::string m = s.message() + extra;
  switch (s.code()) {
    case StatusCode::kOk: return s;
    case StatusCode::kInvalidArgument: return Status::InvalidArgument(std::move(m));
    case StatusCode::kNotFound: return Status::NotFound(std::move(m));
    case StatusCode::kIoError: return Status::IoError(std::move(m));
    case StatusCode::kCorruption: return Status::Corruption(std::move(m));
    case StatusCode::kPermissionDenied: return Status::PermissionDenied(std::move(m));
    case StatusCode::kAlreadyExists: return Status::AlreadyExists(std::move(m));
    case StatusCode::kUnsupported: return Status::Unsupported(std::move(m));
    case StatusCode::kInternal: return Status::Internal(std::move(m));
  }
  return Status::Internal(std::move(m));
}

}  // namespace

bool PathIsInside(const std::string& path, const std::string& dir) {
  struct stat dir_st;
  if (::stat(dir.c_str(), &dir_st) != 0) return false;
  std::error_code ec;
  std::filesystem::path p = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  if (ec) return false;
  while (p.has_relative_path()) {
    p = p.parent_path();
    struct stat st;
    if (::stat(p.c_str(), &st) == 0 && st.st_dev == dir_st.st_dev && st.st_ino == dir_st.st_ino) return true;
  }
  return false;
}

StatusOr<std::vector<age::X25519Identity>> LoadIdentities(const std::string& path,
                                                           const std::string& matter_dir) {
  std::string file = path;
  std::string origin;
  if (file.empty()) {
    const char* env = std::getenv(kIdentityVariable);
    if (env == nullptr || *env == '\0') {
      return Status::InvalidArgument(std::string("no identity given: pass --identity FILE or set ") +
                                     kIdentityVariable);
    }
    file = env;
    origin = std::string(" (identity file named by ") + kIdentityVariable + ")";
  }
  if (!matter_dir.empty() && PathIsInside(file, matter_dir)) {
    return Status::PermissionDenied(file + ": identity file lies inside the matter " + matter_dir +
                                    "; keys never live in a matter (matters get copied and handed "
                                    "over): move it out, e.g. to ~/.config/winnow/" + origin);
  }
  // Before the secret is read, so it never sits in a dumpable process.
  DisableCoreDumps();
  StatusOr<std::vector<age::X25519Identity>> ids = age::ReadIdentityFile(file);
  if (!ids.ok()) return Append(ids.status(), origin);
  return ids;
}

}  // namespace winnow
