#include "produce/age_lines.h"

namespace winnow::produce {

StatusOr<std::unique_ptr<AgeLineReader>> AgeLineReader::Open(const std::string& path,
                                                            std::span<const age::Identity* const> identities,
                                                            bool crlf) {
  std::unique_ptr<AgeLineReader> r(new AgeLineReader());
  r->path_ = path;
  r->crlf_ = crlf;
  WINNOW_ASSIGN_OR_RETURN(r->file_, vault::FileSource::Open(path, false));
  auto dec = age::Decryptor::Open(r->file_.get(), identities);
  if (!dec.ok()) return dec.status().Prefixed(path);
  r->decryptor_ = std::move(*dec);
  return r;
}

StatusOr<bool> AgeLineReader::Next(std::string* line, bool* complete) {
  const std::string_view end = crlf_ ? "\r\n" : "\n";
  size_t from = pos_;  // where no line end was found before this point
  for (;;) {
    const size_t at = buf_.find(end, from);
    if (at != std::string::npos) {
      line->assign(buf_, pos_, at - pos_);
      pos_ = at + end.size();
      *complete = true;
      return true;
    }
    if (eof_) {
      if (pos_ >= buf_.size()) return false;
      line->assign(buf_, pos_);
      pos_ = buf_.size();
      *complete = false;
      return true;
    }
    buf_.erase(0, pos_);
    pos_ = 0;
    const size_t old = buf_.size();
    from = old >= end.size() ? old - (end.size() - 1) : 0;
    buf_.resize(old + age::kChunkSize);
    auto n = decryptor_->Read({reinterpret_cast<uint8_t*>(buf_.data() + old), age::kChunkSize});
    if (!n.ok()) return n.status().Prefixed(path_);
    buf_.resize(old + *n);
    plain_.Update(buf_.data() + old, *n);
    if (*n == 0) eof_ = true;
  }
}

}  // namespace winnow::produce
