#include "vault/file_util.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "util/hex.h"
#include "util/sha256.h"

namespace winnow::vault {
namespace {

Status Errno(const std::string& path, const char* what) {
  return Status::IoError(path + ": " + what + ": " + std::strerror(errno));
}

}  // namespace

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), Sha256Md(), nullptr);
}
Sha256::~Sha256() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_)); }
void Sha256::Update(const void* data, size_t n) { EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), data, n); }
std::string Sha256::HexDigest() {
  unsigned char d[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), d, &n);
  return LowerHex(std::span<const uint8_t>(d, n));
}

std::string Sha256Hex(std::string_view bytes) {
  uint8_t d[kSha256Bytes];
  Sha256Digest(bytes, d);
  return LowerHex(d);
}

StatusOr<std::string> Sha256File(const std::string& path, uint64_t* size) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? Status::NotFound(path + ": missing") : Errno(path, "cannot open");
  Sha256 h;
  std::vector<char> buf(1 << 20);
  uint64_t total = 0;
  for (;;) {
    ssize_t r = ::read(fd, buf.data(), buf.size());
    if (r < 0) {
      if (errno == EINTR) continue;
      Status s = Errno(path, "read failed");
      ::close(fd);
      return s;
    }
    if (r == 0) break;
    h.Update(buf.data(), static_cast<size_t>(r));
    total += static_cast<uint64_t>(r);
  }
  ::close(fd);
  if (size) *size = total;
  return h.HexDigest();
}

void RemoveTree(const std::string& dir) {
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

Status MakeDirs(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IoError(dir + ": cannot create directory: " + ec.message());
  ::chmod(dir.c_str(), 0700);
  return Status::Ok();
}

StatusOr<std::string> ReadWholeFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? Status::NotFound(path + ": missing") : Errno(path, "cannot open");
  std::string out;
  char buf[1 << 16];
  for (;;) {
    ssize_t r = ::read(fd, buf, sizeof(buf));
    if (r < 0) {
      if (errno == EINTR) continue;
      Status s = Errno(path, "read failed");
      ::close(fd);
      return s;
    }
    if (r == 0) break;
    out.append(buf, static_cast<size_t>(r));
  }
  ::close(fd);
  return out;
}

StatusOr<std::unique_ptr<FileSink>> FileSink::Create(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Errno(path, "cannot create");
  return std::unique_ptr<FileSink>(new FileSink(fd, path));
}

FileSink::~FileSink() {
  if (fd_ >= 0) ::close(fd_);
}

Status FileSink::FlushBuffer() {
  size_t done = 0;
  while (done < buf_.size()) {
    ssize_t w = ::write(fd_, buf_.data() + done, buf_.size() - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      return Errno(path_, "write failed");
    }
    done += static_cast<size_t>(w);
  }
  buf_.clear();
  return Status::Ok();
}

Status FileSink::Write(std::span<const uint8_t> data) {
  if (fd_ < 0) return Status::Internal(path_ + ": write after close");
  buf_.append(reinterpret_cast<const char*>(data.data()), data.size());
  hash_.Update(data.data(), data.size());
  bytes_ += data.size();
  if (buf_.size() >= kBuf) return FlushBuffer();
  return Status::Ok();
}

Status FileSink::Close() {
  if (fd_ < 0) return Status::Ok();
  WINNOW_RETURN_IF_ERROR(FlushBuffer());
  if (::fsync(fd_) != 0) return Errno(path_, "fsync failed");
  int rc = ::close(fd_);
  fd_ = -1;
  if (rc != 0) return Errno(path_, "close failed");
  return Status::Ok();
}

FileSource::FileSource(int fd, std::string path, bool hash)
    : fd_(fd), path_(std::move(path)), hash_(hash ? std::make_unique<Sha256>() : nullptr) {}

FileSource::~FileSource() { ::close(fd_); }

StatusOr<std::unique_ptr<FileSource>> FileSource::Open(const std::string& path, bool hash) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? Status::NotFound(path + ": missing") : Errno(path, "cannot open");
  return std::unique_ptr<FileSource>(new FileSource(fd, path, hash));
}

StatusOr<size_t> FileSource::Read(std::span<uint8_t> out) {
  for (;;) {
    ssize_t r = ::read(fd_, out.data(), out.size());
    if (r >= 0) {
      if (hash_) hash_->Update(out.data(), static_cast<size_t>(r));
      return static_cast<size_t>(r);
    }
    if (errno != EINTR) return Errno(path_, "read failed");
  }
}

StatusOr<size_t> FileSource::ReadAt(uint64_t offset, std::span<uint8_t> out) const {
  size_t done = 0;
  while (done < out.size()) {
    ssize_t r = ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
    if (r < 0) {
      if (errno == EINTR) continue;
      return Errno(path_, "read failed");
    }
    if (r == 0) break;
    done += static_cast<size_t>(r);
  }
  return done;
}

StatusOr<uint64_t> FileSource::Size() const {
  struct stat st;
  if (fstat(fd_, &st) != 0) return Errno(path_, "stat failed");
  return static_cast<uint64_t>(st.st_size);
}

StatusOr<std::string> FileSource::FinishHash() {
  if (!hash_) return Status::Internal(path_ + ": not hashing");
  std::vector<uint8_t> buf(1 << 16);
  for (;;) {
    WINNOW_ASSIGN_OR_RETURN(size_t n, Read(buf));
    if (n == 0) break;
  }
  return hash_->HexDigest();
}

}  // namespace winnow::vault
