// Helpers of the engine tests: compile queries, run them on a document and
// show what a term found as "[start,end)=text" in code points.
#pragma once

#include <gtest/gtest.h>
#include <unicode/utf8.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "search/engine.h"
#include "search/query.h"

namespace winnow::search::engine_test {

inline std::shared_ptr<const TermSet> MustCompile(const std::vector<std::string>& queries) {
  std::vector<Term> terms;
  for (size_t i = 0; i < queries.size(); ++i) {
    StatusOr<Query> q = ParseQuery(queries[i]);
    EXPECT_TRUE(q.ok()) << queries[i] << ": " << q.status().ToString();
    if (!q.ok()) return nullptr;
    Term& t = terms.emplace_back();
    t.name = "t" + std::to_string(i);
    t.query_text = queries[i];
    t.query = std::move(q).value();
  }
  auto set = TermSet::Compile(std::move(terms));
  EXPECT_TRUE(set.ok()) << set.status().ToString();
  return set.ok() ? set.value() : nullptr;
}

inline Document TextDoc(std::string_view text) {
  Document d;
  d.fields.push_back({TextField::kText, 0, text});
  return d;
}

// The code points [start, end) of text (ill-formed sequences count one).
inline std::string CpSubstr(std::string_view text, uint32_t start, uint32_t end) {
  std::vector<size_t> at;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    at.push_back(static_cast<size_t>(i));
    UChar32 c;
    U8_NEXT(s, i, n, c);
  }
  at.push_back(text.size());
  if (end >= at.size()) return "<out of range>";
  return std::string(text.substr(at[start], at[end] - at[start]));
}

// What term `term` of `set` finds in doc: "-" when it does not match,
// "match" when it matches without spans, else each span as
// "field:[start,end)=text" (the field prefix only with several fields).
inline std::string Find(const std::shared_ptr<const TermSet>& set, const Document& doc, uint32_t term = 0) {
  if (!set) return "<no set>";
  TermMatcher m(set);
  std::vector<TermHit> hits;
  Status st = m.Match(doc, &hits);
  if (!st.ok()) return "error: " + st.ToString();
  for (const TermHit& h : hits) {
    if (h.term != term) continue;
    if (h.spans.empty()) return "match";
    std::string out;
    for (const Span& s : h.spans) {
      if (!out.empty()) out += " ";
      if (doc.fields.size() > 1) out += std::to_string(s.field) + ":";
      out += "[" + std::to_string(s.start) + "," + std::to_string(s.end) +
             ")=" + CpSubstr(doc.fields[s.field].text, s.start, s.end);
    }
    return out;
  }
  return "-";
}

inline std::string Find(std::string_view query, std::string_view text) {
  return Find(MustCompile({std::string(query)}), TextDoc(text));
}

}  // namespace winnow::search::engine_test
