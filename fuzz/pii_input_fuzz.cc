// libFuzzer target for the pii filters' other untrusted inputs: any bytes
// as one JSON line (pii/pii_doc.h) and as a settings file
// (pii/pii_config.h). Never crash; a parsed line has an id and writes back
// as one line (when it was one line); a rejected settings file names its source.
#include <simdjson.h>

#include <cstdint>
#include <string>

#include "pii/pii_config.h"
#include "pii/pii_doc.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 16) return 0;
  std::string line(reinterpret_cast<const char*>(data), size);
  line.reserve(size + simdjson::SIMDJSON_PADDING);
  static simdjson::ondemand::parser parser;
  winnow::pii::PiiDoc doc;
  if (winnow::pii::ParsePiiDoc(parser, line, &doc).empty()) {
    if (doc.id_json.empty()) __builtin_trap();
    std::string out;
    winnow::pii::AppendPiiDoc(doc, &out);
    if (out.empty() || out.back() != '\n') __builtin_trap();
    // Metadata values are copied as raw JSON, so a line break inside one
    // (which the line filters never pass in: they split lines first) stays.
    const bool one_line_in = line.find('\n') == std::string::npos;
    if (one_line_in && out.find('\n') != out.size() - 1) __builtin_trap();
    (void)doc.Region();
  }
  auto config = winnow::pii::ParsePiiConfig(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml");
  if (!config.ok() && config.status().message().find("fuzz.toml") == std::string::npos) __builtin_trap();
  return 0;
}
