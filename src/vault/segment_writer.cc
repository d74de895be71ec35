#include "vault/segment_writer.h"

namespace winnow::vault {

StatusOr<std::unique_ptr<SegmentWriter>> SegmentWriter::Create(const std::string& vault_dir,
                                                               const std::string& rel_file, int shard,
                                                               std::span<const age::Recipient* const> recipients,
                                                               int zstd_level) {
  std::unique_ptr<SegmentWriter> w(new SegmentWriter());
  w->vault_dir_ = vault_dir;
  w->rel_file_ = rel_file;
  w->rel_index_ = rel_file.substr(0, rel_file.size() - 4) + ".idx.age";  // seg-X.age -> seg-X.idx.age
  w->shard_ = shard;
  w->recipients_ = recipients;
  w->level_ = zstd_level;
  WINNOW_ASSIGN_OR_RETURN(w->sink_, FileSink::Create(vault_dir + "/" + rel_file + ".tmp"));
  WINNOW_ASSIGN_OR_RETURN(w->encryptor_, age::Encryptor::Create(recipients, w->sink_.get()));
  w->cctx_ = ZSTD_createCCtx();
  if (w->cctx_ == nullptr) return Status::Internal("cannot create a zstd context");
  return w;
}

SegmentWriter::~SegmentWriter() { ZSTD_freeCCtx(cctx_); }

Status SegmentWriter::AddBlock(std::string_view lines, std::vector<EntryLocation> entries) {
  frame_.resize(ZSTD_compressBound(lines.size()));
  size_t n = ZSTD_compressCCtx(cctx_, frame_.data(), frame_.size(), lines.data(), lines.size(), level_);
  if (ZSTD_isError(n)) return Status::Internal(std::string("zstd compression failed: ") + ZSTD_getErrorName(n));
  WINNOW_RETURN_IF_ERROR(encryptor_->Write({reinterpret_cast<const uint8_t*>(frame_.data()), n}));
  BlockInfo b;
  b.offset = plain_bytes_;
  b.stored_size = static_cast<uint32_t>(n);
  b.raw_size = static_cast<uint32_t>(lines.size());
  b.entries = static_cast<uint32_t>(entries.size());
  uint32_t block_no = static_cast<uint32_t>(index_.blocks.size());
  index_.blocks.push_back(b);
  for (EntryLocation& e : entries) {
    e.block = block_no;
    index_.entries.push_back(e);
  }
  plain_bytes_ += n;
  raw_bytes_ += lines.size();
  return Status::Ok();
}

StatusOr<SegmentRecord> SegmentWriter::Finish() {
  WINNOW_RETURN_IF_ERROR(encryptor_->Finish());
  WINNOW_RETURN_IF_ERROR(sink_->Close());
  SegmentRecord r;
  r.shard = shard_;
  r.file = rel_file_;
  r.bytes = sink_->bytes();
  r.sha256 = sink_->HexDigest();
  r.entries = index_.entries.size();
  r.blocks = index_.blocks.size();
  r.plain_bytes = plain_bytes_;
  r.raw_bytes = raw_bytes_;
  index_.SortEntries();
  std::string encoded = EncodeSegmentIndex(index_);
  WINNOW_ASSIGN_OR_RETURN(auto index_sink, FileSink::Create(vault_dir_ + "/" + rel_index_ + ".tmp"));
  WINNOW_ASSIGN_OR_RETURN(auto enc, age::Encryptor::Create(recipients_, index_sink.get()));
  WINNOW_RETURN_IF_ERROR(enc->Write({reinterpret_cast<const uint8_t*>(encoded.data()), encoded.size()}));
  WINNOW_RETURN_IF_ERROR(enc->Finish());
  WINNOW_RETURN_IF_ERROR(index_sink->Close());
  r.index = rel_index_;
  r.index_bytes = index_sink->bytes();
  r.index_sha256 = index_sink->HexDigest();
  return r;
}

std::vector<std::pair<std::string, std::string>> SegmentWriter::Renames() const {
  std::string f = vault_dir_ + "/" + rel_file_, i = vault_dir_ + "/" + rel_index_;
  return {{f + ".tmp", f}, {i + ".tmp", i}};
}

}  // namespace winnow::vault
