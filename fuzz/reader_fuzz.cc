// libFuzzer target for the chat-log readers. Built once per format
// (WINNOW_FUZZ_FORMAT names it; "auto" also exercises format detection and
// the gzip/zstd decoders). Every record must come out as entries or as a bad
// record; nothing may crash, and every entry must serialize as JSON.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <string>

#include "winnow/chat_reader.h"
#include "winnow/convert.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1 << 20)) return 0;
  FuzzedDataProvider fdp(data, size);
  winnow::ReaderOptions options;
  options.format = *winnow::ParseChatFormat(WINNOW_FUZZ_FORMAT);
  // Small limits reach the too-large path without large inputs.
  options.max_record_bytes = fdp.ConsumeBool() ? 64 + fdp.ConsumeIntegralInRange<size_t>(0, 4096) : (1 << 20);
  std::string bytes = fdp.ConsumeRemainingBytesAsString();
  auto reader = winnow::ChatFileReader::FromBytes("fuzz", bytes, options);
  winnow::BadRecord bad;
  std::string out;
  // Every record consumes at least one byte of the (decompressed) input, so a
  // reader that returns more records than that is looping without progress.
  const size_t max_records = bytes.size() * 1100 + 2;  // zstd/gzip expand up to ~1000x
  for (size_t i = 0;; ++i) {
    if (i > max_records) __builtin_trap();
    auto next = reader->Next(&bad);
    if (!next.ok() || *next == winnow::ChatFileReader::Outcome::kEnd) break;
    out.clear();
    if (*next == winnow::ChatFileReader::Outcome::kBadRecord) {
      if (bad.raw.size() > options.max_record_bytes) __builtin_trap();  // the limit holds
      winnow::AppendQuarantineJson("fuzz", bad, &out);
      continue;
    }
    for (const winnow::Entry& e : reader->entries()) winnow::AppendEntryJson(e, &out);
  }
  return 0;
}
