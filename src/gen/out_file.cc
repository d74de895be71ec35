#include "gen/out_file.h"

#include <cerrno>
#include <cstring>

namespace winnow::gen {

OutFile::~OutFile() {
  if (file_ != nullptr) std::fclose(file_);
}

Status OutFile::Open(const std::string& path) {
  path_ = path;
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) return Status::IoError(path + ": " + std::strerror(errno));
  buf_.reserve(kFlushBytes + (1 << 20));
  return Status::Ok();
}

Status OutFile::Flush() {
  if (buf_.empty()) return Status::Ok();
  if (file_ == nullptr) return Status::Internal(path_ + ": write before open");
  if (std::fwrite(buf_.data(), 1, buf_.size(), file_) != buf_.size()) {
    return Status::IoError(path_ + ": " + std::strerror(errno));
  }
  flushed_ += buf_.size();
  buf_.clear();
  return Status::Ok();
}

Status OutFile::Close() {
  WINNOW_RETURN_IF_ERROR(Flush());
  if (file_ == nullptr) return Status::Ok();
  int rc = std::fclose(file_);
  file_ = nullptr;
  if (rc != 0) return Status::IoError(path_ + ": " + std::strerror(errno));
  return Status::Ok();
}

}  // namespace winnow::gen
