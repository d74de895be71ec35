#include "winnow/chat_reader.h"

#include "formats/linearize.h"
#include "formats/record_parser.h"
#include "formats/record_splitter.h"
#include "io/byte_source.h"

namespace winnow {

const char* ChatFormatName(ChatFormat format) {
  switch (format) {
    case ChatFormat::kAuto: return "auto";
    case ChatFormat::kChatGpt: return "chatgpt";
    case ChatFormat::kOpenAiMessages: return "openai";
    case ChatFormat::kShareGpt: return "sharegpt";
    case ChatFormat::kWildChat: return "wildchat";
    case ChatFormat::kInstructions: return "instructions";
  }
  return "unknown";
}

StatusOr<ChatFormat> ParseChatFormat(std::string_view name) {
  for (ChatFormat f : {ChatFormat::kAuto, ChatFormat::kChatGpt, ChatFormat::kOpenAiMessages,
                       ChatFormat::kShareGpt, ChatFormat::kWildChat, ChatFormat::kInstructions}) {
    if (name == ChatFormatName(f)) return f;
  }
  if (name == "lmsys") return ChatFormat::kWildChat;
  return Status::InvalidArgument("unknown format '" + std::string(name) +
                                 "' (expected auto, chatgpt, openai, sharegpt, wildchat or instructions)");
}

namespace {

class ChatFileReaderImpl final : public ChatFileReader {
 public:
  ChatFileReaderImpl(std::string name, std::unique_ptr<ByteSource> source, Compression compression,
                     const ReaderOptions& options)
      : name_(std::move(name)),
        source_(std::move(source)),
        compression_(compression),
        splitter_(source_.get(), options.max_record_bytes),
        format_(options.format) {
    if (format_ != ChatFormat::kAuto) parser_ = formats::NewRecordParser(format_);
  }

  StatusOr<Outcome> Next(BadRecord* bad) override {
    entry_count_ = 0;
    Record rec;
    WINNOW_ASSIGN_OR_RETURN(bool got, splitter_.Next(&rec));
    if (!got) return Outcome::kEnd;
    record_ = rec;
    std::string reason;
    if (Convert(rec, &reason)) return Outcome::kConversation;
    bad->reason = std::move(reason);
    bad->raw = rec.bytes;
    bad->line = rec.line;
    bad->offset = rec.offset;
    bad->raw_truncated = rec.problem == Record::Problem::kTooLarge;
    return Outcome::kBadRecord;
  }

  const Conversation& conversation() const override { return conv_; }
  std::span<const Entry> entries() const override { return {entries_.data(), entry_count_}; }
  uint64_t record_line() const override { return record_.line; }
  uint64_t record_offset() const override { return record_.offset; }
  std::string_view record_bytes() const override { return record_.bytes; }
  const std::string& name() const override { return name_; }
  ChatFormat format() const override { return format_; }
  const char* compression() const override { return CompressionName(compression_); }
  uint64_t raw_bytes_read() const override { return source_->raw_bytes_read(); }

 private:
  bool Convert(const Record& rec, std::string* reason) {
    switch (rec.problem) {
      case Record::Problem::kTruncated:
        *reason = "truncated: the file ends inside this record";
        return false;
      case Record::Problem::kTooLarge:
        *reason = "record too large: longer than " + std::to_string(rec.bytes.size()) +
                  " bytes (only its first bytes are kept here; raise --max-record-bytes)";
        return false;
      case Record::Problem::kTrailing:
        *reason = "unexpected bytes after the end of the top-level array";
        return false;
      case Record::Problem::kNone:
        break;
    }
    simdjson::padded_string_view view(rec.bytes.data(), rec.bytes.size(),
                                      rec.bytes.size() + kRecordPadding);
    formats::od::document doc;
    if (auto err = json_.iterate(view).get(doc)) {
      *reason = formats::FieldError("record", err);
      return false;
    }
    if (!parser_) {
      format_ = formats::DetectRecordFormat(doc);
      if (format_ == ChatFormat::kAuto) {
        *reason = "cannot tell the format: the record is not an object with a 'mapping', 'messages', "
                  "'conversations', 'conversation' or 'instruction' key (use --format)";
        return false;
      }
      parser_ = formats::NewRecordParser(format_);
      if (auto err = json_.iterate(view).get(doc)) {
        *reason = formats::FieldError("record", err);
        return false;
      }
    }
    if (!parser_->Parse(doc, rec.bytes, &conv_, reason)) return false;
    // A location inside the record after the top-level value means more
    // JSON follows it ("{...} {...}" on one line).
    const char* trailing = nullptr;
    if (doc.current_location().get(trailing) == simdjson::SUCCESS) {
      *reason = "record: unexpected content after the JSON value at byte " +
                std::to_string(trailing - rec.bytes.data());
      return false;
    }
    formats::Linearize(conv_, &entries_, &entry_count_);
    return true;
  }

  std::string name_;
  std::unique_ptr<ByteSource> source_;
  Compression compression_;
  RecordSplitter splitter_;
  ChatFormat format_;
  std::unique_ptr<formats::RecordParser> parser_;
  formats::od::parser json_;
  Conversation conv_;
  std::vector<Entry> entries_;
  size_t entry_count_ = 0;
  Record record_;
};

}  // namespace

StatusOr<std::unique_ptr<ChatFileReader>> ChatFileReader::Open(const std::string& path,
                                                               const ReaderOptions& options) {
  Compression compression;
  WINNOW_ASSIGN_OR_RETURN(std::unique_ptr<ByteSource> source, OpenInput(path, &compression));
  return std::unique_ptr<ChatFileReader>(
      new ChatFileReaderImpl(path, std::move(source), compression, options));
}

std::unique_ptr<ChatFileReader> ChatFileReader::FromBytes(std::string name, std::string bytes,
                                                          const ReaderOptions& options) {
  Compression compression;
  auto source = NewDecompressingSource(NewMemorySource(std::move(bytes)), name, &compression);
  // A memory source cannot fail to read its first bytes.
  return std::make_unique<ChatFileReaderImpl>(std::move(name), std::move(source).value(), compression,
                                              options);
}

}  // namespace winnow
