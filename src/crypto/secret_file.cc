#include "crypto/secret_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace winnow {
namespace {

std::string ErrnoText(int err) { return std::strerror(err); }

std::string OctalMode(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

std::string SizeText(size_t bytes) {
  return bytes >= (1u << 20) ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes >> 10) + " KiB";
}

// Whether a "path" is really key material pasted where a file name belongs
// (it must then never be echoed in a message).
bool LooksLikeKey(std::string_view path) {
  std::string upper;
  for (char c : path) upper.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c));
  return upper.find("AGE-SECRET-KEY-") != std::string::npos || upper.find("AGE-PLUGIN-") != std::string::npos ||
         upper.find("WINNOW-PSEUDONYM-KEY-") != std::string::npos ||
         upper.find("WINNOW-SIGNING-KEY-") != std::string::npos;
}

}  // namespace

Status ReadSecretFile(const std::string& path, std::string_view what, size_t max_size, bool regular_only,
                      std::string* contents) {
  const std::string kind(what);
  if (LooksLikeKey(path)) {
    return Status::InvalidArgument("a key was given where the path of the " + kind +
                                   " belongs (not repeated here): write the key to a file with mode 0600 and give "
                                   "its path");
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) return Status::NotFound(path + ": no such " + kind);
    if (err == EACCES) return Status::PermissionDenied(path + ": " + ErrnoText(err));
    return Status::IoError(path + ": " + ErrnoText(err));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return Status::IoError(path + ": " + ErrnoText(err));
  }
  if ((st.st_mode & 077) != 0) {
    ::close(fd);
    return Status::PermissionDenied(path + ": " + kind + " is accessible by group or others (mode " +
                                    OctalMode(st.st_mode) + "); run chmod 600 " + path);
  }
  if (regular_only && !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::InvalidArgument(path + ": " + kind + " is not a regular file");
  }
  contents->clear();
  contents->reserve(std::min<size_t>(static_cast<size_t>(std::max<off_t>(st.st_size, 0)), max_size) + 1);
  char buf[4096];
  Status status;
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      status = Status::IoError(path + ": " + ErrnoText(errno));
      break;
    }
    if (n == 0) break;
    if (contents->size() + static_cast<size_t>(n) > max_size) {
      status = Status::InvalidArgument(path + ": " + kind + " is larger than " + SizeText(max_size));
      break;
    }
    contents->append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  sodium_memzero(buf, sizeof buf);
  return status;
}

Status WriteSecretFile(const std::string& path, std::string_view what, std::string_view text) {
  return WriteNewKeyFile(path, what, text, 0600);
}

Status WriteNewKeyFile(const std::string& path, std::string_view what, std::string_view text, unsigned mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    const int err = errno;
    if (err == EEXIST) return Status::AlreadyExists(path + ": " + std::string(what) + " already exists");
    return Status::IoError(path + ": " + ErrnoText(err));
  }
  // The umask may have cleared bits of `mode`: set it as asked.
  Status status;
  if (::fchmod(fd, mode) != 0) status = Status::IoError(path + ": chmod: " + ErrnoText(errno));
  for (size_t done = 0; status.ok() && done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      status = Status::IoError(path + ": " + ErrnoText(errno));
      break;
    }
    done += static_cast<size_t>(n);
  }
  if (status.ok() && ::fsync(fd) != 0) status = Status::IoError(path + ": fsync: " + ErrnoText(errno));
  if (::close(fd) != 0 && status.ok()) status = Status::IoError(path + ": close: " + ErrnoText(errno));
  if (!status.ok()) ::unlink(path.c_str());
  return status;
}

std::string CreatedLine() {
  char created[32];
  const std::time_t now = std::time(nullptr);
  std::tm utc;
  gmtime_r(&now, &utc);
  std::strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string("# created: ") + created + "\n";
}

}  // namespace winnow
