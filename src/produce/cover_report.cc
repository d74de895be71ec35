#include "produce/cover_report.h"

#include <simdjson.h>

#include <algorithm>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "search/hit_report_text.h"

namespace winnow::produce {
namespace {

using search::report_text::Clip;
using search::report_text::CodePoints;
using search::report_text::Grouped;
using search::report_text::Html;
using search::report_text::Printable;
using search::report_text::Share;

using CountMap = std::map<std::string, uint64_t>;

// The members of ProductionStats, in JSON order; the writer and the parser
// walk the same lists so a new member cannot be forgotten in one of them.
struct StringMember {
  const char* key;
  std::string ProductionStats::*field;
};
// Before "all" in JSON order, then after it.
constexpr StringMember kIdStrings[] = {
    {"production_id", &ProductionStats::production_id},
    {"matter_id", &ProductionStats::matter_id},
    {"level", &ProductionStats::level},
};
constexpr StringMember kSelectionStrings[] = {
    {"scan_id", &ProductionStats::scan_id},
    {"policy_name", &ProductionStats::policy_name},
    {"policy_sha256", &ProductionStats::policy_sha256},
    {"prefix", &ProductionStats::prefix},
    {"first_bates", &ProductionStats::first_bates},
    {"last_bates", &ProductionStats::last_bates},
};
struct CountMember {
  const char* key;
  uint64_t ProductionStats::*field;
};
constexpr CountMember kCounts[] = {
    {"documents", &ProductionStats::documents},
    {"entries", &ProductionStats::entries},
    {"relevant_entries", &ProductionStats::relevant_entries},
    {"conversations", &ProductionStats::conversations},
    {"withheld", &ProductionStats::withheld},
    {"redactions", &ProductionStats::redactions},
    {"text_bytes", &ProductionStats::text_bytes},
};
struct MapMember {
  const char* key;
  CountMap ProductionStats::*field;
};
constexpr MapMember kMaps[] = {
    {"documents_by_rule", &ProductionStats::documents_by_rule},
    {"documents_by_month", &ProductionStats::documents_by_month},
    {"documents_by_model", &ProductionStats::documents_by_model},
    {"withheld_by_reason", &ProductionStats::withheld_by_reason},
    {"redactions_by_type", &ProductionStats::redactions_by_type},
};
constexpr char kVersionKey[] = "winnow_version";

// "context:N" -> N; nullopt for anything else (N must be digits only).
std::optional<uint64_t> ContextCount(std::string_view level) {
  constexpr std::string_view kPrefix = "context:";
  if (level.substr(0, kPrefix.size()) != kPrefix || level.size() == kPrefix.size() || level.size() > 18) {
    return std::nullopt;
  }
  uint64_t n = 0;
  for (char c : level.substr(kPrefix.size())) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  return n;
}

// Rows of a count table: the largest count first, ties by name, or (for
// months) in key order, which is time order.
std::vector<std::pair<std::string, uint64_t>> Rows(const CountMap& map, bool by_count) {
  std::vector<std::pair<std::string, uint64_t>> rows(map.begin(), map.end());
  if (by_count) {
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  }
  return rows;
}

// One table of the report: its heading, the name column, the count
// column, and a total (which months and models add up to; rules overlap).
struct Table {
  const char* heading;
  const char* name_column;
  const char* count_column;
  const CountMap* map;
  bool by_count;
  bool share;  // a share-of-documents column
  const char* total_label;  // nullptr: no total row
  uint64_t total;
  const char* note;  // nullptr or a sentence under the table
};

std::vector<Table> Tables(const ProductionStats& s) {
  return {
      {"Documents by rule", "Rule", "Documents", &s.documents_by_rule, true, true, nullptr, 0,
       "A document is counted under every rule that fired in it, so the rows can add up to more than the "
       "documents."},
      {"Documents by month", "Month", "Documents", &s.documents_by_month, false, true, "All documents", s.documents,
       nullptr},
      {"Documents by model", "Model", "Documents", &s.documents_by_model, true, true, "All documents", s.documents,
       nullptr},
      {"Withheld entries by reason", "Reason", "Entries", &s.withheld_by_reason, true, false, "All withheld",
       s.withheld, nullptr},
      {"Redactions by type", "Type", "Values replaced", &s.redactions_by_type, true, false, "All redactions",
       s.redactions, nullptr},
  };
}

// ---------------------------------------------------------------------------
// HTML. Escaping is the hit report's (report_text); the CSS follows
// search/hit_report_html.cc's look, with rules for code and notes added.

// The reports' shared stylesheet, then code blocks and notes.
constexpr char kOwnCss[] = R"(
code, pre { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9em; overflow-wrap: anywhere; }
pre { background: #f6f6f6; border: 1px solid #ccc; padding: 0.5em; white-space: pre-wrap; }
p.note { color: #333; font-size: 0.95em; }
)";

constexpr char kDash[] = "\u2013";

void AppendSummaryRow(std::string_view label, const std::string& value_html, std::string* out) {
  *out += "<tr><th>" + std::string(label) + "</th><td>" + value_html + "</td></tr>\n";
}

void AppendHtmlTable(const Table& t, uint64_t documents, std::string* out) {
  *out += "<section>\n<h2>" + std::string(t.heading) + "</h2>\n";
  if (t.map->empty()) {
    *out += "<p class=\"none\">None.</p>\n</section>\n";
    return;
  }
  *out += "<table>\n<thead><tr><th>" + std::string(t.name_column) + "</th><th class=\"n\">" + t.count_column +
          "</th>" + (t.share ? "<th class=\"n\">Share of documents</th>" : "") + "</tr></thead>\n<tbody>\n";
  auto share = [&](uint64_t n) {
    std::string s = Share(n, documents);
    return "<td class=\"n\">" + (s.empty() ? std::string(kDash) : s) + "</td>";
  };
  for (const auto& [name, n] : Rows(*t.map, t.by_count)) {
    *out += "<tr><td>" + Html(name) + "</td><td class=\"n\">" + Grouped(n) + "</td>" + (t.share ? share(n) : "") +
            "</tr>\n";
  }
  *out += "</tbody>\n";
  if (t.total_label != nullptr) {
    *out += "<tfoot><tr><th>" + std::string(t.total_label) + "</th><td class=\"n\">" + Grouped(t.total) + "</td>" +
            (t.share ? share(t.total) : "") + "</tr></tfoot>\n";
  }
  *out += "</table>\n";
  if (t.note != nullptr) *out += "<p class=\"note\">" + std::string(t.note) + "</p>\n";
  *out += "</section>\n";
}

constexpr char kDefinitions[] = R"(<section>
<h2>Definitions</h2>
<dl>
<dt>Document</dt><dd>One produced unit with one Bates number: an entry, an entry with its context, or a
conversation, depending on the level of disclosure.</dd>
<dt>Entry</dt><dd>One prompt and the model's output to it.</dd>
<dt>Relevant entry</dt><dd>An entry the scan's policy found relevant; the documents may hold other
entries as context.</dd>
<dt>Withheld</dt><dd>Relevant entries not produced, each with its reason in the withheld log.</dd>
<dt>Redaction</dt><dd>A personal value replaced during de-identification, recorded in the redaction log.</dd>
</dl>
</section>
)";

// ---------------------------------------------------------------------------
// Text


std::string Pad(std::string s, size_t width, bool right) {
  size_t n = CodePoints(s);
  if (n >= width) return s;
  return right ? std::string(width - n, ' ') + s : s + std::string(width - n, ' ');
}

constexpr size_t kTextTop = 10, kTextNameWidth = 40;

// The rows a text table shows: the largest kTextTop of a table by count,
// every row of the months.
std::vector<std::pair<std::string, uint64_t>> TextRows(const Table& t) {
  auto rows = Rows(*t.map, t.by_count);
  if (t.by_count && rows.size() > kTextTop) rows.resize(kTextTop);
  for (auto& row : rows) row.first = Clip(Printable(row.first), kTextNameWidth);
  return rows;
}

// The name column's width, shared by every table so their counts line up.
size_t TextNameWidth(const std::vector<Table>& tables) {
  size_t width = 0;
  for (const Table& t : tables) {
    if (t.map->empty()) continue;
    width = std::max({width, CodePoints(t.name_column), t.total_label ? CodePoints(t.total_label) : 0});
    for (const auto& row : TextRows(t)) width = std::max(width, CodePoints(row.first));
  }
  return width;
}

void AppendTextTable(const Table& t, uint64_t documents, size_t width, std::string* out) {
  if (t.map->empty()) return;
  const auto rows = TextRows(t);
  const size_t all_rows = t.map->size();
  constexpr size_t count_width = 17;  // the longest count column, "Values replaced", and two spaces
  auto line = [&](const std::string& name, uint64_t n) {
    *out += "  " + Pad(name, width, false) + Pad(Grouped(n), count_width, true);
    if (t.share) *out += Pad(Share(n, documents), 10, true);
    *out += "\n";
  };
  *out += std::string(t.heading) +
          (rows.size() < all_rows ? " (" + std::to_string(rows.size()) + " of " + std::to_string(all_rows) + ")" : "") +
          ":\n";
  *out += "  " + Pad(t.name_column, width, false) + Pad(t.count_column, count_width, true) +
          (t.share ? Pad("Share", 10, true) : "") + "\n";
  for (const auto& [name, n] : rows) line(name, n);
  if (t.total_label != nullptr) line(t.total_label, t.total);
}

// ---------------------------------------------------------------------------
// JSON reading: every getter names the member it reads in its error.

namespace dom = simdjson::dom;

Status Missing(std::string_view path) {
  return Status::InvalidArgument("production stats JSON: missing member \"" + std::string(path) + "\"");
}
Status Mistyped(std::string_view path, std::string_view expected) {
  return Status::InvalidArgument("production stats JSON: member \"" + std::string(path) + "\" must be " +
                                 std::string(expected));
}

Status GetMember(dom::object obj, std::string_view key, dom::element* e) {
  if (obj.at_key(key).get(*e) != simdjson::SUCCESS) return Missing(key);
  return Status::Ok();
}

Status GetString(dom::object obj, std::string_view key, std::string* out) {
  dom::element e;
  WINNOW_RETURN_IF_ERROR(GetMember(obj, key, &e));
  std::string_view s;
  if (e.get_string().get(s) != simdjson::SUCCESS) return Mistyped(key, "a string");
  out->assign(s);
  return Status::Ok();
}

Status GetCountMap(dom::object obj, std::string_view key, CountMap* out) {
  dom::element e;
  WINNOW_RETURN_IF_ERROR(GetMember(obj, key, &e));
  dom::object map;
  if (e.get_object().get(map) != simdjson::SUCCESS) return Mistyped(key, "an object of counts");
  for (dom::key_value_pair kv : map) {
    std::string path = std::string(key) + "." + std::string(kv.key);
    uint64_t n = 0;
    if (kv.value.get_uint64().get(n) != simdjson::SUCCESS) return Mistyped(path, "a non-negative integer");
    if (!out->emplace(std::string(kv.key), n).second) {
      return Status::InvalidArgument("production stats JSON: member \"" + std::string(key) + "\" has the key \"" +
                                     std::string(kv.key) + "\" twice");
    }
  }
  return Status::Ok();
}

}  // namespace

std::string DescribeLevel(std::string_view level, bool all) {
  const std::string each = all ? "each entry" : "each relevant entry";
  if (level == "metadata") {
    return "No chat text at all: pseudonymous ids, times, the model, the rules that fired and, for matches with the "
           "corpus, the work and the word counts and positions of the matched spans; every prompt and output is "
           "left out.";
  }
  if (level == "span") {
    return "The matched spans of " + each + " with a few words of context around them; every other part of the "
           "entry is left out, replaced by a marker that gives its length.";
  }
  if (level == "entry") {
    return "The prompt and output of " + each + "; the other entries of its conversation are left out.";
  }
  if (level == "conversation") {
    return "The whole conversation of " + each + ": every prompt and output in it.";
  }
  if (std::optional<uint64_t> n = ContextCount(level)) {
    const std::string entries = Grouped(*n) + (*n == 1 ? " entry" : " entries");
    return "The prompt and output of " + each + ", plus up to " + entries + " before it and " + Grouped(*n) +
           " after it in the same conversation; the rest of the conversation is left out.";
  }
  return "A level this version of winnow does not describe.";
}

std::string RenderCoverHtml(const ProductionStats& s) {
  std::string out;
  const std::string id = Html(s.production_id);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Production " +
         id + ": cover report</title>\n<style>" + search::report_text::kReportCss + kOwnCss + "</style>\n</head>\n<body>\n<h1>Production " + id +
         "</h1>\n<p class=\"title\">Cover report for matter " + Html(s.matter_id) + "</p>\n";

  out += "<section>\n<h2>Summary</h2>\n<table class=\"summary\">\n";
  AppendSummaryRow("Production", id, &out);
  AppendSummaryRow("Matter", Html(s.matter_id), &out);
  AppendSummaryRow("Level of disclosure",
                   "<code>" + Html(s.level) + "</code>: " + Html(DescribeLevel(s.level, s.all)) +
                       " All text is de-identified before it is written.",
                   &out);
  AppendSummaryRow("Selection",
                   s.all ? std::string("Every entry of the vault (<code>--all</code>)")
                         : std::string("The entries the scan found relevant"),
                   &out);
  if (!s.scan_id.empty()) AppendSummaryRow("Scan", Html(s.scan_id), &out);
  if (!s.policy_name.empty() || !s.policy_sha256.empty()) {
    AppendSummaryRow("Policy", Html(s.policy_name), &out);
    AppendSummaryRow("Policy SHA-256", "<code>" + Html(s.policy_sha256) + "</code>", &out);
  }
  AppendSummaryRow("Bates range",
                   s.first_bates.empty() ? std::string("None: no document was produced")
                                         : Html(s.first_bates) + " " + kDash + " " + Html(s.last_bates) + " (" +
                                               Grouped(s.documents) + " documents)",
                   &out);
  AppendSummaryRow("Bates prefix", "<code>" + Html(s.prefix) + "</code>", &out);
  AppendSummaryRow("Documents", Grouped(s.documents), &out);
  AppendSummaryRow("Entries",
                   Grouped(s.entries) + " in the documents, " + Grouped(s.relevant_entries) + " of them relevant",
                   &out);
  AppendSummaryRow("Conversations", Grouped(s.conversations), &out);
  AppendSummaryRow("Withheld", Grouped(s.withheld) + " relevant entries (see the withheld log)", &out);
  AppendSummaryRow("Redactions", Grouped(s.redactions) + " personal values replaced (see the redaction log)", &out);
  AppendSummaryRow("Chat text", Grouped(s.text_bytes) + " bytes of de-identified text (UTF-8), encrypted", &out);
  AppendSummaryRow("winnow version", Html(s.winnow_version), &out);
  out += "</table>\n</section>\n";

  for (const Table& t : Tables(s)) AppendHtmlTable(t, s.documents, &out);

  out += "<section>\n<h2>Encryption and verification</h2>\n"
         "<p>Every file of this production that holds chat text is an age file (age-encryption.org/v1) encrypted "
         "to the recipients named when it was produced; only their identities can decrypt it. This cover report "
         "and the manifest hold no chat text and are not encrypted.</p>\n"
         "<p>The manifest records the SHA-256 of every file and document, the counts, the Bates range and the scan "
         "and policy that selected them, and is signed with the producer's Ed25519 key. To check the signature, "
         "every hash, Bates continuity and the counts, with the producer's public signing key:</p>\n<pre>winnow "
         "verify " +
         id +
         " --signer KEY.pub</pre>\n<p>Adding <code>--identity</code> with a recipient's identity also decrypts "
         "and checks every document.</p>\n</section>\n";
  out += kDefinitions;
  out += "</body>\n</html>\n";
  return out;
}

std::string RenderCoverText(const ProductionStats& s) {
  std::string out;
  out += "Production " + Printable(s.production_id) + " of matter " + Printable(s.matter_id) + ", level " +
         Printable(s.level) + "\n";
  if (s.all) out += "  selection  every entry of the vault (--all)\n";
  if (!s.scan_id.empty()) out += "  scan       " + Printable(s.scan_id) + "\n";
  if (!s.policy_name.empty() || !s.policy_sha256.empty()) {
    out += "  policy     " + Printable(s.policy_name) + " (sha256 " + Printable(s.policy_sha256) + ")\n";
  }
  out += "  bates      " +
         (s.first_bates.empty() ? std::string("none")
                                : Printable(s.first_bates) + " - " + Printable(s.last_bates)) +
         "\n";
  auto count = [&](std::string_view label, uint64_t n, std::string_view what) {
    out += "  " + Pad(std::string(label), 10, false) + Pad(Grouped(n), 14, true) + " " + std::string(what) + "\n";
  };
  count("documents", s.documents, "documents");
  count("entries", s.entries, "entries, " + Grouped(s.relevant_entries) + " relevant");
  count("convs", s.conversations, "conversations");
  count("withheld", s.withheld, "relevant entries");
  count("redacted", s.redactions, "personal values");
  count("text", s.text_bytes, "bytes of de-identified text");
  const std::vector<Table> tables = Tables(s);
  const size_t width = TextNameWidth(tables);
  for (const Table& t : tables) AppendTextTable(t, s.documents, width, &out);
  return out;
}

void AppendStatsJson(const ProductionStats& s, JsonWriter* w) {
  w->BeginObject();
  for (const StringMember& m : kIdStrings) {
    w->Key(m.key);
    w->String(s.*m.field);
  }
  w->Key("all");
  w->Bool(s.all);
  for (const StringMember& m : kSelectionStrings) {
    w->Key(m.key);
    w->String(s.*m.field);
  }
  for (const CountMember& m : kCounts) {
    w->Key(m.key);
    w->Uint(s.*m.field);
  }
  for (const MapMember& m : kMaps) {
    w->Key(m.key);
    w->BeginObject();
    for (const auto& [name, n] : s.*m.field) {
      w->Key(name);
      w->Uint(n);
    }
    w->EndObject();
  }
  w->Key(kVersionKey);
  w->String(s.winnow_version);
  w->EndObject();
}

StatusOr<ProductionStats> ParseStatsJson(std::string_view json) {
  dom::parser parser;
  simdjson::padded_string padded(json);
  dom::element doc;
  if (auto err = parser.parse(padded).get(doc)) {
    return Status::InvalidArgument(std::string("production stats JSON: not valid JSON: ") +
                                   simdjson::error_message(err));
  }
  dom::object obj;
  if (doc.get_object().get(obj) != simdjson::SUCCESS) {
    return Status::InvalidArgument("production stats JSON: the top level must be an object");
  }
  ProductionStats s;
  for (const StringMember& m : kIdStrings) WINNOW_RETURN_IF_ERROR(GetString(obj, m.key, &(s.*m.field)));
  dom::element all;
  WINNOW_RETURN_IF_ERROR(GetMember(obj, "all", &all));
  if (all.get_bool().get(s.all) != simdjson::SUCCESS) return Mistyped("all", "true or false");
  for (const StringMember& m : kSelectionStrings) WINNOW_RETURN_IF_ERROR(GetString(obj, m.key, &(s.*m.field)));
  for (const CountMember& m : kCounts) {
    dom::element e;
    WINNOW_RETURN_IF_ERROR(GetMember(obj, m.key, &e));
    if (e.get_uint64().get(s.*m.field) != simdjson::SUCCESS) return Mistyped(m.key, "a non-negative integer");
  }
  for (const MapMember& m : kMaps) WINNOW_RETURN_IF_ERROR(GetCountMap(obj, m.key, &(s.*m.field)));
  WINNOW_RETURN_IF_ERROR(GetString(obj, kVersionKey, &s.winnow_version));
  return s;
}

}  // namespace winnow::produce
