// SearchJsonLines: the line filter driver with one TermMatcher per thread;
// and the report format names shared by `search --report` and `report`.
#include <simdjson.h>

#include <ctime>

#include "formats/line_filter.h"
#include "search/engine.h"
#include "search/hit_report.h"
#include "search/report_format.h"
#include "search/search_doc.h"
#include "util/json_writer.h"
#include "winnow/conversation.h"
#include "winnow/output_file.h"
#include "winnow/search.h"

namespace winnow {
namespace search {
namespace {

namespace od = simdjson::ondemand;

struct ThreadState {
  explicit ThreadState(std::shared_ptr<const TermSet> set, HitCounter counter)
      : matcher(std::move(set)), counter(std::move(counter)) {}
  od::parser parser;
  SearchDoc doc;
  TermMatcher matcher;
  std::vector<TermHit> hits;
  std::vector<uint32_t> term_ids;
  HitCounter counter;
};

void WriteHits(const SearchDoc& doc, const TermSet& set, const std::vector<TermHit>& hits, JsonWriter* w) {
  w->Key("hits");
  w->BeginArray();
  for (const TermHit& h : hits) {
    auto begin = [&] {
      w->BeginObject();
      w->Key("term");
      w->String(set.term(h.term).name);
    };
    if (h.spans.empty()) {  // a term of metadata or NOT only
      begin();
      w->Key("spans");
      w->BeginArray();
      w->EndArray();
      w->EndObject();
      continue;
    }
    for (size_t i = 0; i < h.spans.size();) {
      const uint32_t f = h.spans[i].field;
      const DocField& field = doc.doc.fields[f];
      begin();
      w->Key("field");
      w->String(DocFieldName(field));
      if (field.kind == TextField::kTools) {
        w->Key("tool_index");
        w->Uint(field.index);
      }
      w->Key("spans");
      w->BeginArray();
      for (; i < h.spans.size() && h.spans[i].field == f; ++i) {
        w->BeginArray();
        w->Uint(h.spans[i].start);
        w->Uint(h.spans[i].end);
        w->EndArray();
      }
      w->EndArray();
      w->EndObject();
    }
  }
  w->EndArray();
}

Status ProcessLine(const TermSet& set, bool report, ThreadState& s, FilterLine& line) {
  std::string error = ParseSearchDoc(s.parser, line.bytes, &s.doc);
  if (!error.empty()) {
    WriteBadLine(error, &line);
    return Status::Ok();
  }
  WINNOW_RETURN_IF_ERROR(s.matcher.Match(s.doc.doc, &s.hits));
  line.count = s.hits.size();
  if (report) {
    s.term_ids.clear();
    for (const TermHit& h : s.hits) s.term_ids.push_back(h.term);
    // A plain record is its own conversation; no user unless it says.
    std::string_view conversation = s.doc.conversation_id.empty() ? std::string_view(s.doc.id_json)
                                                                  : std::string_view(s.doc.conversation_id);
    s.counter.Add(conversation, s.doc.user_id, s.term_ids, {}, 0);
    return Status::Ok();
  }
  JsonWriter w(&line.out);
  w.BeginObject();
  w.Key("id"); w.Raw(s.doc.id_json);
  WriteHits(s.doc, set, s.hits, &w);
  w.EndObject();
  line.out.push_back('\n');
  return Status::Ok();
}

std::string NowRfc3339() {
  return FormatRfc3339(static_cast<double>(std::time(nullptr)));
}

}  // namespace
}  // namespace search

StatusOr<SearchFilterReport> SearchJsonLines(const std::string& terms_path, const std::string& input,
                                             const std::string& output, const SearchFilterOptions& options) {
  using namespace search;
  WINNOW_ASSIGN_OR_RETURN(std::vector<Term> terms, LoadTermFile(terms_path));
  WINNOW_ASSIGN_OR_RETURN(std::shared_ptr<const TermSet> set, TermSet::Compile(std::move(terms)));
  std::vector<HitReportRow> rows;
  for (size_t i = 0; i < set->size(); ++i) {
    HitReportRow r;
    r.name = set->term(i).name;
    r.query = set->term(i).query_text;
    rows.push_back(std::move(r));
  }
  std::unique_ptr<OutputFile> out;
  LineFilterOptions filter{options.threads, options.progress, [&]() -> Status {
                             if (output == "-") {
                               out = OutputFile::Stdout();
                               return Status::Ok();
                             }
                             WINNOW_ASSIGN_OR_RETURN(out, OutputFile::Create(output));
                             return Status::Ok();
                           },
                           options.open_input};
  std::vector<std::unique_ptr<ThreadState>> states;
  for (size_t t = 0; t < LineFilterThreads(filter); ++t) {
    states.push_back(std::make_unique<ThreadState>(set, HitCounter(rows, {})));
  }
  SearchFilterReport report;
  WINNOW_RETURN_IF_ERROR(RunLineFilter(
      input, filter, [&](size_t t, FilterLine& line) { return ProcessLine(*set, options.report, *states[t], line); },
      [&](FilterLine& line) {
        ++report.lines;
        if (line.bad) ++report.bad_lines;
        report.hits += line.count;
        if (line.count > 0) ++report.hit_lines;
        if (!options.report) return out->Append(line.out);
        if (line.bad && report.bad_line_errors.size() < 20) report.bad_line_errors.push_back(line.out);
        return Status::Ok();
      }));
  if (options.report) {
    for (size_t t = 1; t < states.size(); ++t) states[0]->counter.Merge(states[t]->counter);
    HitReport hr = states[0]->counter.Finish("Search term hit report",
                                             "terms " + terms_path + " over " +
                                                 (input == "-" ? std::string("standard input") : input),
                                             NowRfc3339());
    WINNOW_RETURN_IF_ERROR(out->Append(RenderHitReport(hr, options.report_format)));
  }
  WINNOW_RETURN_IF_ERROR(out->Close());
  return report;
}

}  // namespace winnow
