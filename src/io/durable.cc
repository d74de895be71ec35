#include "io/durable.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace winnow {
namespace {

// Call right after the failing system call, before anything can reset errno.
Status Errno(const std::string& path, std::string_view what) {
  const int err = errno;
  return Status::IoError(path + ": " + std::string(what) + (what.empty() ? "" : ": ") + std::strerror(err));
}

}  // namespace

Status FsyncDir(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno(dir, "");
  const bool ok = ::fsync(fd) == 0;
  Status status = ok ? Status::Ok() : Errno(dir, "fsync");
  ::close(fd);
  return status;
}

Status WriteFileAtomic(const std::string& dir, const std::string& name, std::string_view bytes) {
  const std::string tmp = dir + "/." + name + ".tmp";
  const std::string path = dir + "/" + name;
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Errno(tmp, "");
  Status status;
  size_t done = 0;
  while (status.ok() && done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) status = Errno(tmp, "write");
    else done += static_cast<size_t>(n);
  }
  if (status.ok() && ::fsync(fd) != 0) status = Errno(tmp, "fsync");
  if (::close(fd) != 0 && status.ok()) status = Errno(tmp, "close");
  if (status.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) status = Errno(path, "rename");
  if (!status.ok()) {
    ::unlink(tmp.c_str());
    return status;
  }
  return FsyncDir(dir);
}

std::string ParentDir(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace winnow
