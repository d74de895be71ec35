// libFuzzer target for the pii filters' other untrusted inputs: any bytes
// as one JSON line (pii/pii_doc.h) and as a settings file
// (pii/pii_config.h). Never crash; a parsed line has an id and writes back
// as one line (when it was one line); its metadata texts store back
// unchanged; a rejected settings file names its source.
#include <simdjson.h>

#include <cstdint>
#include <string>
#include <vector>

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
    // The metadata's strings, as the filters collect and store them back:
    // unchanged, they leave every byte in place.
    if (winnow::pii::CollectMetaText(parser, &doc).empty()) {
      std::vector<winnow::MetaField> before = doc.entry.meta;
      for (auto& t : doc.meta_text) {
        if (t.begin >= t.end || t.meta >= before.size() || t.end > before[t.meta].json.size()) __builtin_trap();
      }
      winnow::pii::StoreMetaText(&doc);
      for (size_t i = 0; i < before.size(); ++i) {
        if (before[i].json != doc.entry.meta[i].json) __builtin_trap();
      }
      for (auto& t : doc.meta_text) t.text = "x";
      winnow::pii::StoreMetaText(&doc);
    }
  }
  auto config = winnow::pii::ParsePiiConfig(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml");
  if (!config.ok() && config.status().message().find("fuzz.toml") == std::string::npos) __builtin_trap();
  return 0;
}
