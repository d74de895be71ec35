// libFuzzer target for the query language (search/query.h): any bytes,
// parsed as one query and as a term file, never crash. A parsed query has a
// non-empty debug form, columns inside the text, the children each kind
// needs, and parses the same way twice; a rejected query says
// "column C: ..." with C inside the text; a term-file error names the file.
#include <unicode/utf8.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "search/query.h"

namespace {

using winnow::search::Node;

// Checks the shape of the tree; `columns` is the text's length in code points.
void CheckNode(const Node& n, int columns) {
  if (n.column < 1 || n.column > columns) __builtin_trap();
  const size_t kids = n.children.size();
  switch (n.kind) {
    case Node::Kind::kPhrase:
      if (n.words.empty() || kids != 0) __builtin_trap();
      for (const auto& w : n.words) {
        if (w.text.empty() || w.column < 1 || w.column > columns) __builtin_trap();
      }
      break;
    case Node::Kind::kRegex:
      if (n.regex.empty() || kids != 0) __builtin_trap();
      break;
    case Node::Kind::kMeta:
      if (n.meta_value.empty() || kids != 0) __builtin_trap();
      break;
    case Node::Kind::kAnd:
    case Node::Kind::kOr:
      if (kids < 2) __builtin_trap();
      break;
    case Node::Kind::kNot:
    case Node::Kind::kField:
      if (kids != 1) __builtin_trap();
      break;
    case Node::Kind::kAndNot:
      if (kids != 2) __builtin_trap();
      break;
    case Node::Kind::kNear:
    case Node::Kind::kNotNear:
      if (kids != 2 || n.distance < 1 || n.distance > 1000) __builtin_trap();
      break;
  }
  for (const auto& c : n.children) CheckNode(*c, columns);
}

int CodePoints(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  int count = 0;
  for (int32_t i = 0; i < n; ++count) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    (void)c;
  }
  return count;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const int columns = CodePoints(text) + 1;  // an error may point just past the end

  winnow::StatusOr<winnow::search::Query> q = winnow::search::ParseQuery(text);
  if (q.ok()) {
    if (q->root == nullptr || q->text != text) __builtin_trap();
    const std::string debug = winnow::search::DebugString(*q->root);
    if (debug.empty()) __builtin_trap();
    CheckNode(*q->root, columns);
    winnow::StatusOr<winnow::search::Query> again = winnow::search::ParseQuery(text);
    if (!again.ok() || winnow::search::DebugString(*again->root) != debug) __builtin_trap();
  } else {
    const std::string& m = q.status().message();
    if (q.status().code() != winnow::StatusCode::kInvalidArgument || m.rfind("column ", 0) != 0) __builtin_trap();
    const int column = std::atoi(m.c_str() + 7);
    if (column < 1 || column > columns) __builtin_trap();
  }

  winnow::StatusOr<std::vector<winnow::search::Term>> terms = winnow::search::ParseTermFile(text, "fuzz.terms");
  if (terms.ok()) {
    for (const auto& t : terms.value()) {
      if (t.name.empty() || t.line < 1 || t.query.root == nullptr) __builtin_trap();
    }
  } else if (terms.status().message().rfind("fuzz.terms:", 0) != 0) {
    __builtin_trap();
  }
  return 0;
}
