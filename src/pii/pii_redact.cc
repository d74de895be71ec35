// RedactPiiJsonLines: detect, decide what is evidence, replace, log.
#include <simdjson.h>

#include <algorithm>
#include <optional>

#include "formats/line_filter.h"
#include "pii/deidentify.h"
#include "util/json_writer.h"
#include "winnow/output_file.h"

namespace winnow {
namespace pii {
namespace {

struct RedactThread {
  simdjson::ondemand::parser parser;
  PiiDoc doc;
  std::unique_ptr<Deidentifier::Worker> worker;
  Deidentified result;
  std::string record;
  uint64_t with_pii = 0, kept = 0;
};

Status RedactLine(RedactThread& s, FilterLine& line) {
  std::string error = ParsePiiDoc(s.parser, line.bytes, &s.doc);
  if (error.empty()) error = CollectMetaText(s.parser, &s.doc);
  if (!error.empty()) {
    WriteBadLine(error, &line);
    line.side = line.out;
    return Status::Ok();
  }
  WINNOW_RETURN_IF_ERROR(s.worker->Run(s.doc, &s.result));
  line.count = s.result.findings;
  s.kept += s.result.kept;
  JsonWriter log(&line.side);
  log.BeginObject();
  log.Key("id"); log.Raw(s.doc.id_json);
  log.Key("redactions");
  log.BeginArray();
  for (const Deidentified::Field& field : s.result.fields) {
    for (const RedactionRecord& r : field.records) {
      // {"field":...,[tool_index,] then the record's own members}
      s.record.clear();
      AppendRecordJson(r, &s.record);
      std::string head = "{\"field\":";
      AppendJsonString(field.name, &head);  // a metadata path may hold any key
      if (field.tool_index >= 0) head += ",\"tool_index\":" + std::to_string(field.tool_index);
      if (s.record.size() > 2) head += ",";
      log.Raw(head + s.record.substr(1));
    }
  }
  log.EndArray();
  if (s.doc.is_entry) {
    log.Key("meta");
    log.BeginArray();
    for (const auto& [key, replacement] : s.result.meta) {
      log.BeginObject(); log.Key("key"); log.String(key);
      log.Key("replacement"); log.String(replacement); log.EndObject();
    }
    log.EndArray();
  }
  log.EndObject();
  line.side.push_back('\n');
  if (line.count > 0) ++s.with_pii;
  AppendPiiDoc(s.doc, &line.out);
  return Status::Ok();
}

}  // namespace
}  // namespace pii

StatusOr<PiiFilterReport> RedactPiiJsonLines(const std::string& input, const std::string& output,
                                             const PiiFilterOptions& options) {
  using namespace pii;
  std::string log_path = options.log_path;
  if (log_path.empty()) {
    if (output == "-") {
      return Status::InvalidArgument("the redaction log needs a file: give --log FILE when writing to standard output");
    }
    log_path = output + ".redactions.jsonl";
  }
  WINNOW_ASSIGN_OR_RETURN(std::unique_ptr<Deidentifier> deid, Deidentifier::Create(options));

  std::unique_ptr<OutputFile> out, log;
  LineFilterOptions filter{options.threads, options.progress, [&]() -> Status {
                             if (output == "-") {
                               out = OutputFile::Stdout();
                             } else {
                               WINNOW_ASSIGN_OR_RETURN(out, OutputFile::Create(output));
                             }
                             WINNOW_ASSIGN_OR_RETURN(log, OutputFile::Create(log_path));
                             return Status::Ok();
                           },
                           /*open_input=*/{}};
  std::vector<std::unique_ptr<RedactThread>> threads;
  for (size_t t = 0; t < LineFilterThreads(filter); ++t) {
    auto s = std::make_unique<RedactThread>();
    WINNOW_ASSIGN_OR_RETURN(s->worker, deid->NewWorker());
    threads.push_back(std::move(s));
  }
  PiiFilterReport report;
  WINNOW_RETURN_IF_ERROR(RunLineFilter(
      input, filter, [&](size_t t, FilterLine& line) { return RedactLine(*threads[t], line); },
      [&](FilterLine& line) {
        ++report.lines;
        if (line.bad) ++report.bad_lines;
        report.findings += line.count;
        WINNOW_RETURN_IF_ERROR(out->Append(line.out));
        return log->Append(line.side);
      }));
  WINNOW_RETURN_IF_ERROR(out->Close());
  WINNOW_RETURN_IF_ERROR(log->Close());
  for (const auto& t : threads) {
    report.documents_with_pii += t->with_pii;
    report.kept_as_evidence += t->kept;
    report.meta_pseudonymized += t->worker->meta_replaced();
    for (const auto& [type, n] : t->worker->by_type()) report.by_type[type] += n;
  }
  return report;
}

}  // namespace winnow
