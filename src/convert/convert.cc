#include "winnow/convert.h"

#include <sodium.h>

#include "convert/id_set.h"
#include "winnow/output_file.h"
#include "util/json_writer.h"

namespace winnow {

bool ConvertReport::all_files_ok() const {
  for (const FileReport& f : files) {
    if (!f.status.ok()) return false;
  }
  return true;
}

void AppendQuarantineJson(const std::string& source, const BadRecord& bad, std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("source"); w.String(source);
  w.Key("line"); w.Uint(bad.line);
  w.Key("offset"); w.Uint(bad.offset);
  w.Key("reason"); w.String(bad.reason);
  w.Key("raw_bytes"); w.Uint(bad.raw.size());
  w.Key("raw_truncated"); w.Bool(bad.raw_truncated);
  w.Key("raw_base64");
  std::string b64(sodium_base64_encoded_len(bad.raw.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(bad.raw.data()),
                    bad.raw.size(), sodium_base64_VARIANT_ORIGINAL);
  b64.pop_back();  // the terminating NUL
  w.String(b64);
  w.EndObject();
  out->push_back('\n');
}

namespace {

class Converter {
 public:
  Converter(const ConvertOptions& options, OutputFile* out, const ProgressFn& progress)
      : options_(options), out_(out), progress_(progress) {}

  StatusOr<ConvertReport> Run(const std::vector<std::string>& paths) {
    for (const std::string& path : paths) {
      FileReport& file = report_.files.emplace_back();
      file.path = path;
      WINNOW_RETURN_IF_ERROR(ConvertOne(&file));
      report_.records += file.records;
      report_.converted += file.converted;
      report_.quarantined += file.quarantined;
      report_.entries += file.entries;
      done_before_ += file.bytes;
    }
    if (quarantine_) WINNOW_RETURN_IF_ERROR(quarantine_->Close());
    WINNOW_RETURN_IF_ERROR(out_->Flush());
    return std::move(report_);
  }

 private:
  // Fails only for output errors; input errors go into file->status.
  Status ConvertOne(FileReport* file) {
    auto opened = ChatFileReader::Open(file->path, options_.reader);
    if (!opened.ok()) {
      file->status = opened.status();
      return Status::Ok();
    }
    std::unique_ptr<ChatFileReader> reader = std::move(opened).value();
    file->compression = reader->compression();
    BadRecord bad;
    for (uint64_t n = 0;; ++n) {
      auto next = reader->Next(&bad);
      if (!next.ok()) {
        file->status = next.status();
        break;
      }
      if (*next == ChatFileReader::Outcome::kEnd) break;
      ++file->records;
      if (*next == ChatFileReader::Outcome::kConversation && options_.reject_duplicate_ids &&
          IsDuplicateConversation(*reader, &seen_ids_, &bad)) {
        *next = ChatFileReader::Outcome::kBadRecord;
      }
      if (*next == ChatFileReader::Outcome::kBadRecord) {
        ++file->quarantined;
        WINNOW_RETURN_IF_ERROR(Quarantine(file->path, bad));
        continue;
      }
      ++file->converted;
      std::string* buf = out_->buffer();
      for (const Entry& e : reader->entries()) {
        AppendEntryJson(e, buf);
        if (e.alternate) ++file->alternates;
      }
      file->entries += reader->entries().size();
      WINNOW_RETURN_IF_ERROR(out_->MaybeFlush());
      if (progress_ && (n & 1023) == 0) progress_(done_before_ + reader->raw_bytes_read());
    }
    file->format = ChatFormatName(reader->format());
    file->bytes = reader->raw_bytes_read();
    if (progress_) progress_(done_before_ + file->bytes);
    return Status::Ok();
  }

  Status Quarantine(const std::string& source, const BadRecord& bad) {
    if (!quarantine_) {
      WINNOW_ASSIGN_OR_RETURN(quarantine_, OutputFile::Create(options_.quarantine_path));
      report_.quarantine_path = options_.quarantine_path;
    }
    AppendQuarantineJson(source, bad, quarantine_->buffer());
    return quarantine_->MaybeFlush();
  }

  const ConvertOptions& options_;
  OutputFile* out_;
  const ProgressFn& progress_;
  ConvertReport report_;
  std::unique_ptr<OutputFile> quarantine_;
  IdSet seen_ids_;
  uint64_t done_before_ = 0;
};

}  // namespace

StatusOr<ConvertReport> ConvertFiles(const std::vector<std::string>& paths, const ConvertOptions& options,
                                     OutputFile* out, const ProgressFn& progress) {
  Converter converter(options, out, progress);
  return converter.Run(paths);
}

}  // namespace winnow
