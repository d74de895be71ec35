// libFuzzer target for the JSON lines `winnow search` and `winnow scan`
// read (search/search_doc.h): any bytes give a document or an error, never a
// crash. An accepted document has an id and at least one text field, each
// field's text is the member it came from, the title is a field only on the
// line that may carry it, and terms scoped to every field match with spans
// inside their field's text.
#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "search/engine.h"
#include "search/search_doc.h"

namespace {

using winnow::search::TextField;

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::shared_ptr<const winnow::search::TermSet> Terms() {
  std::vector<winnow::search::Term> terms;
  for (const char* q : {"paywall OR nyt", "system:(article w/3 full)", "title:news*", "prompt:/a.c/", "output:\"the end\"",
                        "tools:ledger", "text:hello"}) {
    auto parsed = winnow::search::ParseQuery(q);
    if (!parsed.ok()) __builtin_trap();
    terms.push_back({q, q, 0, std::move(parsed).value()});
  }
  auto set = winnow::search::TermSet::Compile(std::move(terms));
  if (!set.ok()) __builtin_trap();
  return std::move(set).value();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 65536) return 0;
  static const auto terms = Terms();
  static winnow::search::TermMatcher matcher(terms);
  static simdjson::ondemand::parser parser;
  std::string line(reinterpret_cast<const char*>(data), size);
  line.reserve(size + simdjson::SIMDJSON_PADDING);
  winnow::search::SearchDoc doc;
  const std::string error = winnow::search::ParseSearchDoc(parser, line, &doc);
  if (!error.empty()) return 0;
  if (doc.id_json.empty() || doc.doc.fields.empty()) __builtin_trap();
  size_t tools = 0;
  for (const winnow::search::DocField& f : doc.doc.fields) {
    std::string_view want;
    switch (f.kind) {
      case TextField::kPrompt: want = doc.prompt; break;
      case TextField::kOutput: want = doc.output; break;
      case TextField::kText: want = doc.text; break;
      case TextField::kSystem: want = doc.system; break;
      case TextField::kTitle: want = doc.title; break;
      case TextField::kTools:
        if (f.index != tools || f.index >= doc.tools.size()) __builtin_trap();
        want = doc.tools[tools++];
        break;
      case TextField::kAny: __builtin_trap();
    }
    if (f.text != want) __builtin_trap();
  }
  if (tools != doc.tools.size()) __builtin_trap();
  std::vector<winnow::search::TermHit> hits;
  if (!matcher.Match(doc.doc, &hits).ok()) return 0;
  for (const winnow::search::TermHit& h : hits) {
    for (const winnow::search::Span& s : h.spans) {
      if (s.field >= doc.doc.fields.size() || s.start > s.end ||
          s.end > CodePoints(doc.doc.fields[s.field].text)) {
        __builtin_trap();
      }
    }
  }
  return 0;
}
