// ChatFileReader: reads one chat-log file of any supported format and yields
// its conversations as entries, record by record, in bounded memory.
//
// Formats (docs/formats.md): the ChatGPT data export (`conversations.json`),
// OpenAI chat `messages` JSON lines, ShareGPT (array or JSON lines),
// WildChat / LMSYS-Chat JSON lines, and instruction/prompt records. Plain,
// gzip or zstd input is detected from the magic bytes; the format from the
// keys of the first well-formed record, unless one is given.
//
// Bad input is a value, not an error: every record that cannot be read is
// returned as a BadRecord with its location and reason, and reading goes on.
// Only I/O failures (and corrupt compressed data, after which nothing more
// can be read) end the file with an error Status. Not thread-safe: one
// reader per thread; several readers may run in parallel.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "winnow/conversation.h"
#include "winnow/status.h"

namespace winnow {

enum class ChatFormat { kAuto, kChatGpt, kOpenAiMessages, kShareGpt, kWildChat, kInstructions };

// "auto", "chatgpt", "openai", "sharegpt", "wildchat", "instructions".
const char* ChatFormatName(ChatFormat format);
// The inverse of ChatFormatName ("lmsys" is accepted for wildchat).
StatusOr<ChatFormat> ParseChatFormat(std::string_view name);

struct ReaderOptions {
  ChatFormat format = ChatFormat::kAuto;
  // Records longer than this are reported as bad ("record too large") with
  // only their first bytes; the rest is skipped, the file's next record read.
  size_t max_record_bytes = size_t{1} << 30;
};

// A record that could not be read, and why.
struct BadRecord {
  std::string reason;    // names the field, e.g. "messages[2].content: expected a string or an array of parts"
  std::string_view raw;  // the record's bytes (only the first part when too large); valid until the next call
  uint64_t line = 0;     // 1-based line of its first byte in the (decompressed) file
  uint64_t offset = 0;   // byte offset of its first byte
  bool raw_truncated = false;
};

class ChatFileReader {
 public:
  enum class Outcome { kConversation, kBadRecord, kEnd };

  // Opens `path` ("-" for standard input). Fails with NotFound or IoError
  // naming the file when it cannot be opened.
  static StatusOr<std::unique_ptr<ChatFileReader>> Open(const std::string& path,
                                                        const ReaderOptions& options);
  // Reads from memory, for tests and fuzzers; `name` appears in messages.
  static std::unique_ptr<ChatFileReader> FromBytes(std::string name, std::string bytes,
                                                   const ReaderOptions& options);

  virtual ~ChatFileReader() = default;

  // Reads the next record. kConversation: conversation() and entries() hold
  // it; kBadRecord: *bad says where and why; kEnd: no more records. Fails
  // only on I/O errors or corrupt compressed data.
  virtual StatusOr<Outcome> Next(BadRecord* bad) = 0;

  // The last conversation read and its entries; valid until the next call.
  virtual const Conversation& conversation() const = 0;
  virtual std::span<const Entry> entries() const = 0;
  // Line and offset of the last record read.
  virtual uint64_t record_line() const = 0;
  virtual uint64_t record_offset() const = 0;
  virtual std::string_view record_bytes() const = 0;

  virtual const std::string& name() const = 0;
  // The format in use: the one given, or the one detected (kAuto until then).
  virtual ChatFormat format() const = 0;
  virtual const char* compression() const = 0;  // "none", "gzip" or "zstd"
  // Bytes of the file consumed so far (compressed bytes for compressed input).
  virtual uint64_t raw_bytes_read() const = 0;
};

}  // namespace winnow
