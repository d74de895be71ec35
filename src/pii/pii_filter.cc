// DetectPiiJsonLines, and what both filters share.
#include "pii/pii_filter.h"

#include <simdjson.h>

#include <algorithm>
#include <map>

#include "formats/line_filter.h"
#include "pii/pii_doc.h"
#include "util/json_writer.h"
#include "winnow/output_file.h"

namespace winnow {
namespace pii {

StatusOr<PiiConfig> ResolveConfig(const PiiFilterOptions& options) {
  PiiConfig config;
  if (!options.config_path.empty()) {
    WINNOW_ASSIGN_OR_RETURN(config, LoadPiiConfig(options.config_path));
  }
  for (const std::string& d : options.disable) config.engine.disabled.push_back(d);
  if (!options.only.empty()) config.engine.only_types = options.only;
  if (options.threshold >= 0) {
    if (options.threshold > 1) return Status::InvalidArgument("--threshold must be between 0 and 1");
    config.engine.threshold = options.threshold;
  }
  if (!options.operator_name.empty()) config.default_operator = options.operator_name;
  return config;
}

uint32_t CodePointCursor::At(uint32_t byte) {
  for (; byte_ < byte; ++byte_) {
    if ((static_cast<unsigned char>(text_[byte_]) & 0xC0) != 0x80) ++cp_;
  }
  return cp_;
}

void ConversationNames::Enter(std::string_view conversation_id) {
  if (!conversation_id.empty() && conversation_id == conversation_) return;
  conversation_.assign(conversation_id);
  names_.clear();
}

void ConversationNames::Add(std::string_view text, const std::vector<Finding>& found) {
  constexpr size_t kMaxNames = 64;  // a long conversation should not slow every later entry
  for (const Finding& f : found) {
    if (f.type != "PERSON" || names_.size() >= kMaxNames) continue;
    std::string_view name = text.substr(f.begin, f.end - f.begin);
    if (std::find(names_.begin(), names_.end(), name) == names_.end()) names_.emplace_back(name);
  }
}

namespace {

struct DetectThread {
  simdjson::ondemand::parser parser;
  PiiDoc doc;
  Engine::ScratchPtr scratch;
  std::vector<Finding> found;
  ConversationNames names;
  std::map<std::string, uint64_t> by_type;
  uint64_t with_pii = 0;
};

void WriteSpans(std::string_view text, const PiiDoc::Field* field, const std::vector<Finding>& found,
                JsonWriter* w) {
  CodePointCursor cp(text);
  for (const Finding& f : found) {
    w->BeginObject();
    if (field != nullptr) {
      w->Key("field"); w->String(field->name);
      if (field->tool_index >= 0) { w->Key("tool_index"); w->Int(field->tool_index); }
    }
    w->Key("type"); w->String(f.type);
    w->Key("start"); w->Uint(cp.At(f.begin));
    w->Key("end"); w->Uint(cp.At(f.end));
    w->Key("score"); w->Double(static_cast<double>(static_cast<int>(f.score * 1000 + 0.5)) / 1000);
    w->Key("detector"); w->String(f.detector);
    if (!f.subtype.empty()) { w->Key("subtype"); w->String(f.subtype); }
    w->EndObject();
  }
}

Status DetectLine(const Engine& engine, DetectThread& s, FilterLine& line) {
  std::string error = ParsePiiDoc(s.parser, line.bytes, &s.doc);
  if (error.empty()) error = CollectMetaText(s.parser, &s.doc);
  if (!error.empty()) {
    WriteBadLine(error, &line);
    return Status::Ok();
  }
  // Names carry over between the fields of one record only: lines go to
  // whichever thread is free, and output must not depend on that.
  s.names.Enter({});
  const std::string region = s.doc.Region();
  JsonWriter w(&line.out);
  w.BeginObject();
  w.Key("id"); w.Raw(s.doc.id_json);
  w.Key("spans");
  w.BeginArray();
  for (const PiiDoc::Field& field : s.doc.Fields()) {
    DetectContext ctx{*field.text, region, s.names.names()};
    engine.Detect(ctx, s.scratch.get(), &s.found);
    WriteSpans(*field.text, s.doc.is_entry ? &field : nullptr, s.found, &w);
    for (const Finding& f : s.found) ++s.by_type[std::string(f.type)];
    line.count += s.found.size();
    s.names.Add(*field.text, s.found);
  }
  w.EndArray();
  w.EndObject();
  line.out.push_back('\n');
  if (line.count > 0) ++s.with_pii;
  return Status::Ok();
}

}  // namespace
}  // namespace pii

StatusOr<PiiFilterReport> DetectPiiJsonLines(const std::string& input, const std::string& output,
                                             const PiiFilterOptions& options) {
  using namespace pii;
  WINNOW_ASSIGN_OR_RETURN(PiiConfig config, ResolveConfig(options));
  WINNOW_ASSIGN_OR_RETURN(std::unique_ptr<Engine> engine, Engine::Create(config.engine));
  std::unique_ptr<OutputFile> out;
  LineFilterOptions filter{options.threads, options.progress, [&]() -> Status {
                             if (output == "-") {
                               out = OutputFile::Stdout();
                               return Status::Ok();
                             }
                             WINNOW_ASSIGN_OR_RETURN(out, OutputFile::Create(output));
                             return Status::Ok();
                           },
                           /*open_input=*/{}};
  std::vector<std::unique_ptr<DetectThread>> threads;
  for (size_t t = 0; t < LineFilterThreads(filter); ++t) {
    threads.push_back(std::make_unique<DetectThread>());
    threads.back()->scratch = engine->NewScratch();
  }
  PiiFilterReport report;
  WINNOW_RETURN_IF_ERROR(RunLineFilter(
      input, filter, [&](size_t t, FilterLine& line) { return DetectLine(*engine, *threads[t], line); },
      [&](FilterLine& line) {
        ++report.lines;
        if (line.bad) ++report.bad_lines;
        report.findings += line.count;
        return out->Append(line.out);
      }));
  WINNOW_RETURN_IF_ERROR(out->Close());
  for (const auto& t : threads) {
    report.documents_with_pii += t->with_pii;
    for (const auto& [type, n] : t->by_type) report.by_type[type] += n;
  }
  return report;
}

}  // namespace winnow
