#include "produce/output.h"

namespace winnow::produce {

StatusOr<std::unique_ptr<HashedOutput>> HashedOutput::Create(const std::string& dir, const std::string& name,
                                                             std::span<const age::Recipient* const> recipients) {
  std::unique_ptr<HashedOutput> out(new HashedOutput());
  out->file_.name = name;
  out->file_.encrypted = !recipients.empty();
  WINNOW_ASSIGN_OR_RETURN(out->sink_, vault::FileSink::Create(dir + "/" + name));
  if (out->file_.encrypted) {
    WINNOW_ASSIGN_OR_RETURN(out->encryptor_, age::Encryptor::Create(recipients, out->sink_.get()));
  }
  return out;
}

Status HashedOutput::Write(std::string_view bytes) {
  // A plain file's stored bytes are its plaintext: the sink's hash serves.
  if (file_.encrypted) plain_.Update(bytes.data(), bytes.size());
  file_.plain_bytes += bytes.size();
  std::span<const uint8_t> data(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  return encryptor_ ? encryptor_->Write(data) : sink_->Write(data);
}

StatusOr<WrittenFile> HashedOutput::Finish() {
  if (encryptor_) WINNOW_RETURN_IF_ERROR(encryptor_->Finish());
  WINNOW_RETURN_IF_ERROR(sink_->Close());
  file_.file_sha256 = sink_->HexDigest();
  file_.plain_sha256 = file_.encrypted ? plain_.HexDigest() : file_.file_sha256;
  file_.file_bytes = sink_->bytes();
  return file_;
}

}  // namespace winnow::produce
