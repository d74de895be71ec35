#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "io/byte_source.h"

namespace winnow {
namespace {

class FdSource final : public ByteSource {
 public:
  FdSource(int fd, std::string name, bool owned) : fd_(fd), name_(std::move(name)), owned_(owned) {}
  ~FdSource() override {
    if (owned_) close(fd_);
  }

  StatusOr<size_t> Read(char* buf, size_t n) override {
    for (;;) {
      ssize_t r = ::read(fd_, buf, n);
      if (r >= 0) {
        read_ += static_cast<uint64_t>(r);
        return static_cast<size_t>(r);
      }
      if (errno == EINTR) continue;
      return Status::IoError(name_ + ": read failed: " + std::strerror(errno));
    }
  }
  uint64_t raw_bytes_read() const override { return read_; }

 private:
  int fd_;
  std::string name_;
  bool owned_;
  uint64_t read_ = 0;
};

class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(std::string data) : data_(std::move(data)) {}
  StatusOr<size_t> Read(char* buf, size_t n) override {
    size_t k = std::min(n, data_.size() - pos_);
    std::memcpy(buf, data_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  uint64_t raw_bytes_read() const override { return pos_; }

 private:
  std::string data_;
  size_t pos_ = 0;
};

}  // namespace

StatusOr<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path) {
  if (path == "-") return std::unique_ptr<ByteSource>(new FdSource(STDIN_FILENO, "<stdin>", false));
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    std::string msg = path + ": cannot open: " + std::strerror(err);
    return err == ENOENT ? Status::NotFound(msg) : Status::IoError(msg);
  }
#ifdef POSIX_FADV_SEQUENTIAL
  posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  return std::unique_ptr<ByteSource>(new FdSource(fd, path, true));
}

std::unique_ptr<ByteSource> NewMemorySource(std::string data) {
  return std::make_unique<MemorySource>(std::move(data));
}

StatusOr<std::unique_ptr<ByteSource>> OpenInput(const std::string& path, Compression* detected) {
  WINNOW_ASSIGN_OR_RETURN(std::unique_ptr<ByteSource> raw, OpenFileSource(path));
  return NewDecompressingSource(std::move(raw), path, detected);
}

}  // namespace winnow
