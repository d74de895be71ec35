// MatchJsonLines: the line filter driver (formats/line_filter.h) with one
// Matcher per thread.
#include <simdjson.h>

#include <cmath>

#include "formats/json_util.h"
#include "formats/line_filter.h"
#include "util/json_writer.h"
#include "winnow/corpus.h"
#include "winnow/output_file.h"

namespace winnow {
namespace {

namespace od = simdjson::ondemand;

struct Field {
  const char* name;
  int tool_index;  // -1 when not a tool
  std::string text;
};

// Collects the fields to match and the id. Returns an error message or "".
std::string ParseLine(od::parser& parser, FilterLine& line, std::string* id_json, std::vector<Field>* fields) {
  fields->clear();
  od::document doc;
  if (auto err = parser.iterate(line.bytes.data(), line.bytes.size(), line.bytes.capacity()).get(doc)) {
    return std::string("not JSON: ") + simdjson::error_message(err);
  }
  od::object obj;
  if (doc.get_object().get(obj)) return "not a JSON object";
  bool have_id = false;
  for (auto member : obj) {
    std::string_view key;
    if (member.unescaped_key().get(key)) return "a key is not a valid string";
    od::value v;
    if (member.value().get(v)) return std::string(key) + ": invalid value";
    if (key == "id" || key == "entry_id") {
      std::string raw;
      if (!formats::RawJson(v, &raw)) return std::string(key) + ": invalid value";
      if (!have_id || key == "entry_id") *id_json = std::move(raw);
      have_id = true;
    } else if (key == "text" || key == "prompt" || key == "output") {
      bool null = false;
      if (v.is_null().get(null)) return std::string(key) + ": invalid value";
      if (null) continue;
      std::string_view s;
      if (v.get_string().get(s)) return std::string(key) + ": expected a string";
      fields->push_back({key == "text" ? "text" : key == "prompt" ? "prompt" : "output", -1, std::string(s)});
    } else if (key == "tools") {
      od::array tools;
      if (v.get_array().get(tools)) return "tools: expected an array";
      int index = 0;
      for (auto tool : tools) {
        od::object t;
        if (tool.get_object().get(t)) return "tools[" + std::to_string(index) + "]: expected an object";
        std::string_view s;
        if (t.find_field_unordered("text").get_string().get(s)) {
          return "tools[" + std::to_string(index) + "].text: expected a string";
        }
        fields->push_back({"tools", index, std::string(s)});
        ++index;
      }
    }
  }
  if (!have_id) return "id: missing (each line needs \"id\" or \"entry_id\")";
  return "";
}

void WriteMatches(const CorpusIndex& index, const Field& f, const std::vector<CorpusMatch>& ms, JsonWriter* w) {
  for (const CorpusMatch& m : ms) {
    w->BeginObject();
    w->Key("kind"); w->String(CorpusMatchKindName(m.kind));
    w->Key("work"); w->String(index.work(m.work).id);
    w->Key("field"); w->String(f.name);
    if (f.tool_index >= 0) { w->Key("tool_index"); w->Int(f.tool_index); }
    w->Key("start"); w->Uint(m.start);
    w->Key("end"); w->Uint(m.end);
    if (m.kind == CorpusMatch::Kind::kSimilar) {
      w->Key("words"); w->Uint(m.words);
      w->Key("similarity"); w->Double(std::round(m.similarity * 1000) / 1000);
      w->Key("also"); w->Uint(m.also);
      w->EndObject();
      continue;
    }
    w->Key("work_start"); w->Uint(m.work_start);
    w->Key("work_end"); w->Uint(m.work_end);
    w->Key("words"); w->Uint(m.words);
    w->Key("identity"); w->Double(std::round(m.identity * 1000) / 1000);
    w->Key("run"); w->Uint(m.longest_run);
    w->Key("also"); w->Uint(m.also);
    w->EndObject();
  }
}

Status ProcessLine(const CorpusIndex& index, od::parser& parser, Matcher& matcher, FilterLine& line,
                   std::vector<Field>* fields, std::vector<CorpusMatch>* ms) {
  std::string id;
  std::string error = ParseLine(parser, line, &id, fields);
  if (!error.empty()) {
    WriteBadLine(error, &line);
    return Status::Ok();
  }
  JsonWriter w(&line.out);
  w.BeginObject();
  w.Key("id"); w.Raw(id);
  w.Key("matches");
  w.BeginArray();
  for (const Field& f : *fields) {
    const bool titles = std::string_view(f.name) == "text" || std::string_view(f.name) == "prompt";
    WINNOW_RETURN_IF_ERROR(matcher.Match(f.text, titles, ms));
    line.count += ms->size();
    WriteMatches(index, f, *ms, &w);
  }
  w.EndArray();
  w.EndObject();
  line.out.push_back('\n');
  return Status::Ok();
}

}  // namespace

StatusOr<MatchFilterReport> MatchJsonLines(const CorpusIndex& index, const std::string& input,
                                           const std::string& output, const MatchFilterOptions& options) {
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
  const size_t threads = LineFilterThreads(filter);
  std::vector<std::unique_ptr<Matcher>> matchers;
  std::vector<od::parser> parsers(threads);
  std::vector<std::vector<Field>> fields(threads);
  std::vector<std::vector<CorpusMatch>> ms(threads);
  for (size_t t = 0; t < threads; ++t) matchers.push_back(std::make_unique<Matcher>(index, options.match));
  MatchFilterReport report;
  WINNOW_RETURN_IF_ERROR(RunLineFilter(
      input, filter,
      [&](size_t t, FilterLine& line) {
        return ProcessLine(index, parsers[t], *matchers[t], line, &fields[t], &ms[t]);
      },
      [&](FilterLine& line) {
        ++report.lines;
        if (line.bad) {
          ++report.bad_lines;
        } else {
          report.matches += line.count;
          if (line.count > 0) ++report.flagged;
        }
        return out->Append(line.out);
      }));
  WINNOW_RETURN_IF_ERROR(out->Close());  // RunLineFilter succeeded, so `opened` ran
  for (const auto& m : matchers) {
    const MatcherStats& s = m->stats();
    report.stats.bytes += s.bytes;
    report.stats.words += s.words;
    report.stats.fingerprints += s.fingerprints;
    report.stats.postings += s.postings;
    report.stats.chains += s.chains;
    report.stats.aligned += s.aligned;
    report.stats.reported += s.reported;
    report.stats.similar_checked += s.similar_checked;
  }
  return report;
}

}  // namespace winnow
