#include "corpus/run_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace winnow::corpus {
namespace {

Status Errno(const std::string& path, const char* what) {
  return Status::IoError(path + ": " + what + ": " + std::strerror(errno));
}

}  // namespace

BinaryWriter::~BinaryWriter() {
  if (f_ != nullptr) std::fclose(f_);
}

Status BinaryWriter::Open(const std::string& path) {
  path_ = path;
  f_ = std::fopen(path.c_str(), "wb");
  if (f_ == nullptr) return Errno(path, "cannot create");
  std::setvbuf(f_, nullptr, _IOFBF, 1 << 20);
  size_ = 0;
  return Status::Ok();
}

Status BinaryWriter::Write(std::string_view bytes) {
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), f_) != bytes.size()) {
    return Errno(path_, "write failed");
  }
  size_ += bytes.size();
  return Status::Ok();
}

Status BinaryWriter::WriteAt(uint64_t offset, std::string_view bytes) {
  if (std::fflush(f_) != 0 || std::fseek(f_, static_cast<long>(offset), SEEK_SET) != 0) {
    return Errno(path_, "seek failed");
  }
  if (std::fwrite(bytes.data(), 1, bytes.size(), f_) != bytes.size()) return Errno(path_, "write failed");
  if (std::fflush(f_) != 0 || std::fseek(f_, 0, SEEK_END) != 0) return Errno(path_, "seek failed");
  return Status::Ok();
}

Status BinaryWriter::Close() {
  if (f_ == nullptr) return Status::Ok();
  bool ok = std::fflush(f_) == 0 && ::fsync(fileno(f_)) == 0;
  int e = errno;
  ok = (std::fclose(f_) == 0) && ok;
  f_ = nullptr;
  if (!ok) {
    errno = e;
    return Errno(path_, "write failed");
  }
  return Status::Ok();
}

RunReader::~RunReader() {
  if (f_ != nullptr) std::fclose(f_);
}

Status RunReader::Open(const std::string& path) {
  path_ = path;
  f_ = std::fopen(path.c_str(), "rb");
  if (f_ == nullptr) return Errno(path, "cannot open");
  buf_.resize(64 * 1024);
  return Status::Ok();
}

StatusOr<bool> RunReader::Next(FpRecord* rec) {
  if (pos_ == len_) {
    len_ = std::fread(buf_.data(), sizeof(FpRecord), buf_.size(), f_);
    pos_ = 0;
    if (len_ == 0) {
      if (std::ferror(f_)) return Errno(path_, "read failed");
      return false;
    }
  }
  *rec = buf_[pos_++];
  return true;
}

Status CopyBytes(std::string_view bytes, BinaryWriter* out) {
  // The source is already mapped: copy in 4 MB pieces so the page cache, not
  // the heap, holds it.
  constexpr size_t kPiece = 4 << 20;
  for (size_t p = 0; p < bytes.size(); p += kPiece) {
    WINNOW_RETURN_IF_ERROR(out->Write(bytes.substr(p, kPiece)));
  }
  return Status::Ok();
}

}  // namespace winnow::corpus
