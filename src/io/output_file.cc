#include "winnow/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace winnow {

OutputFile::OutputFile(int fd, std::string path, bool owned) : fd_(fd), path_(std::move(path)), owned_(owned) {
  buf_.reserve(kFlushAt + (kFlushAt >> 2));
}

OutputFile::~OutputFile() {
  if (fd_ >= 0) (void)Close();
}

StatusOr<std::unique_ptr<OutputFile>> OutputFile::Create(const std::string& path) {
  if (path == "-") return Stdout();
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Status::IoError(path + ": cannot create: " + std::strerror(errno));
  return std::unique_ptr<OutputFile>(new OutputFile(fd, path, true));
}

std::unique_ptr<OutputFile> OutputFile::Stdout() {
  return std::unique_ptr<OutputFile>(new OutputFile(STDOUT_FILENO, "<stdout>", false));
}

Status OutputFile::Append(std::string_view bytes) {
  buf_.append(bytes);
  return MaybeFlush();
}

Status OutputFile::Flush() {
  size_t done = 0;
  while (done < buf_.size()) {
    ssize_t w = ::write(fd_, buf_.data() + done, buf_.size() - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(path_ + ": write failed: " + std::strerror(errno));
    }
    done += static_cast<size_t>(w);
  }
  written_ += buf_.size();
  buf_.clear();
  return Status::Ok();
}

Status OutputFile::Close() {
  if (fd_ < 0) return Status::Ok();
  Status s = Flush();
  if (owned_) {
    struct stat st;
    if (s.ok() && fstat(fd_, &st) == 0 && S_ISREG(st.st_mode) && fsync(fd_) != 0) {
      s = Status::IoError(path_ + ": fsync failed: " + std::strerror(errno));
    }
    if (::close(fd_) != 0 && s.ok()) s = Status::IoError(path_ + ": close failed: " + std::strerror(errno));
  }
  fd_ = -1;
  return s;
}

}  // namespace winnow
