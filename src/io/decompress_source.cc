// Streaming gzip (zlib) and zstd decompression behind the ByteSource seam.
// Both keep one fixed input buffer, so memory does not grow with the file.
#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <vector>

#include "io/byte_source.h"

namespace winnow {
namespace {

constexpr size_t kInBufSize = 1 << 17;

// Serves a few bytes read ahead (to look at the magic number), then the rest.
class PrefixSource final : public ByteSource {
 public:
  PrefixSource(std::string prefix, std::unique_ptr<ByteSource> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  StatusOr<size_t> Read(char* buf, size_t n) override {
    if (pos_ < prefix_.size()) {
      size_t k = std::min(n, prefix_.size() - pos_);
      std::memcpy(buf, prefix_.data() + pos_, k);
      pos_ += k;
      return k;
    }
    return rest_->Read(buf, n);
  }
  uint64_t raw_bytes_read() const override { return rest_->raw_bytes_read() - (prefix_.size() - pos_); }

 private:
  std::string prefix_;
  size_t pos_ = 0;
  std::unique_ptr<ByteSource> rest_;
};

class GzipSource final : public ByteSource {
 public:
  GzipSource(std::unique_ptr<ByteSource> raw, std::string name)
      : raw_(std::move(raw)), name_(std::move(name)), in_(kInBufSize) {
    std::memset(&zs_, 0, sizeof(zs_));
    // 15 + 32: zlib or gzip header, detected automatically.
    init_ok_ = inflateInit2(&zs_, 15 + 32) == Z_OK;
  }
  ~GzipSource() override { inflateEnd(&zs_); }

  StatusOr<size_t> Read(char* buf, size_t n) override {
    if (!error_.ok()) return error_;
    if (!init_ok_) return Status::Internal(name_ + ": cannot initialise zlib");
    // An error after some output is kept for the next call, so the bytes
    // decoded before the damage are not lost.
    StatusOr<size_t> r = Inflate(buf, n);
    if (!r.ok() && n - zs_.avail_out > 0) {
      error_ = r.status();
      return n - zs_.avail_out;
    }
    return r;
  }

 private:
  StatusOr<size_t> Inflate(char* buf, size_t n) {
    zs_.next_out = reinterpret_cast<Bytef*>(buf);
    zs_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    while (zs_.avail_out > 0 && !done_) {
      if (zs_.avail_in == 0) {
        WINNOW_ASSIGN_OR_RETURN(size_t got, raw_->Read(in_.data(), in_.size()));
        if (got == 0) {
          if (member_started_) {
            return Status::Corruption(name_ + ": gzip stream is truncated (ends inside a member)");
          }
          done_ = true;
          break;
        }
        zs_.next_in = reinterpret_cast<Bytef*>(in_.data());
        zs_.avail_in = static_cast<uInt>(got);
      }
      member_started_ = true;
      int rc = inflate(&zs_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        // Concatenated gzip members are one stream (as gzip -d treats them).
        member_started_ = false;
        inflateReset(&zs_);
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return Status::Corruption(name_ + ": gzip data is corrupt near compressed byte " +
                                  std::to_string(raw_->raw_bytes_read() - zs_.avail_in) + ": " +
                                  (zs_.msg ? zs_.msg : "inflate failed"));
      }
    }
    return n - zs_.avail_out;
  }

 public:
  uint64_t raw_bytes_read() const override { return raw_->raw_bytes_read(); }

 private:
  std::unique_ptr<ByteSource> raw_;
  std::string name_;
  std::vector<char> in_;
  Status error_;
  z_stream zs_;
  bool init_ok_ = false;
  bool done_ = false;
  bool member_started_ = false;
};

class ZstdSource final : public ByteSource {
 public:
  ZstdSource(std::unique_ptr<ByteSource> raw, std::string name)
      : raw_(std::move(raw)), name_(std::move(name)), in_(ZSTD_DStreamInSize()),
        ds_(ZSTD_createDStream()) {
    ZSTD_initDStream(ds_);
  }
  ~ZstdSource() override { ZSTD_freeDStream(ds_); }

  StatusOr<size_t> Read(char* buf, size_t n) override {
    if (!error_.ok()) return error_;
    ZSTD_outBuffer out{buf, n, 0};
    StatusOr<size_t> r = Decompress(&out);
    if (!r.ok() && out.pos > 0) {
      error_ = r.status();
      return out.pos;
    }
    return r;
  }

 private:
  StatusOr<size_t> Decompress(ZSTD_outBuffer* outp) {
    ZSTD_outBuffer& out = *outp;
    while (out.pos < out.size && !done_) {
      if (input_.pos == input_.size) {
        WINNOW_ASSIGN_OR_RETURN(size_t got, raw_->Read(in_.data(), in_.size()));
        if (got == 0) {
          if (pending_ != 0) return Status::Corruption(name_ + ": zstd stream is truncated (ends inside a frame)");
          done_ = true;
          break;
        }
        input_ = ZSTD_inBuffer{in_.data(), got, 0};
      }
      size_t rc = ZSTD_decompressStream(ds_, &out, &input_);
      if (ZSTD_isError(rc)) {
        return Status::Corruption(name_ + ": zstd data is corrupt: " + ZSTD_getErrorName(rc));
      }
      pending_ = rc;  // 0 when a frame is complete
    }
    return out.pos;
  }

 public:
  uint64_t raw_bytes_read() const override { return raw_->raw_bytes_read(); }

 private:
  std::unique_ptr<ByteSource> raw_;
  std::string name_;
  std::vector<char> in_;
  Status error_;
  ZSTD_DStream* ds_;
  ZSTD_inBuffer input_{nullptr, 0, 0};
  size_t pending_ = 0;
  bool done_ = false;
};

}  // namespace

const char* CompressionName(Compression c) {
  switch (c) {
    case Compression::kNone: return "none";
    case Compression::kGzip: return "gzip";
    case Compression::kZstd: return "zstd";
  }
  return "unknown";
}

StatusOr<std::unique_ptr<ByteSource>> NewDecompressingSource(std::unique_ptr<ByteSource> raw,
                                                             const std::string& name,
                                                             Compression* detected) {
  std::string prefix(4, '\0');
  size_t have = 0;
  while (have < prefix.size()) {
    WINNOW_ASSIGN_OR_RETURN(size_t got, raw->Read(prefix.data() + have, prefix.size() - have));
    if (got == 0) break;
    have += got;
  }
  prefix.resize(have);
  auto src = std::make_unique<PrefixSource>(prefix, std::move(raw));
  const unsigned char* p = reinterpret_cast<const unsigned char*>(prefix.data());
  *detected = Compression::kNone;
  if (have >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
    *detected = Compression::kGzip;
    return std::unique_ptr<ByteSource>(new GzipSource(std::move(src), name));
  }
  if (have >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd) {
    *detected = Compression::kZstd;
    return std::unique_ptr<ByteSource>(new ZstdSource(std::move(src), name));
  }
  return std::unique_ptr<ByteSource>(std::move(src));
}

}  // namespace winnow
