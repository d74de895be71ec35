// The hit report as a self-contained HTML page: summary, tables, inline
// SVG bar charts, print CSS; no scripts, no external resources.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "search/hit_report.h"
#include "search/hit_report_text.h"

namespace winnow::search {

using report_text::Clip;
using report_text::CodePoints;
using report_text::Grouped;
using report_text::AppendHtml;
using report_text::Html;
using report_text::Share;

// ---------------------------------------------------------------------------
// HTML page

namespace {

std::string Px(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f", v);
  return buf;
}

std::string ShareOrDash(uint64_t part, uint64_t whole) {
  std::string s = Share(part, whole);
  return s.empty() ? "\u2013" : s;
}

// The smallest 1-2-5 step that covers `max` in at most five intervals.
uint64_t TickStep(uint64_t max) {
  for (uint64_t mag = 1;; mag *= 10) {
    for (uint64_t m : {1, 2, 5}) {
      if ((max + m * mag - 1) / (m * mag) <= 5) return m * mag;
    }
    if (mag > UINT64_MAX / 100) return mag * 10;
  }
}

// The reports' shared stylesheet (report_text), then query cells and charts.
constexpr char kOwnCss[] = R"(
td.q { overflow-wrap: anywhere; max-width: 30em; font-family: ui-monospace, Menlo, Consolas, monospace;
       font-size: 0.9em; }
svg { max-width: 100%; height: auto; font-size: 12px; }
svg text { fill: #111; }
svg .label { font-size: 12px; }
svg .tick { fill: #555; font-size: 11px; }
@media print { svg g { break-inside: avoid; } }
)";

constexpr char kHitFill[] = "#9ecae1", kUniqueFill[] = "#08519c";

// A horizontal bar per row: hits (light, full) with unique hits (dark)
// drawn over it. Rows keep a fixed height, so the chart grows with them.
void AppendChart(const std::vector<HitReportRow>& rows, std::string_view kind, std::string* out) {
  constexpr int kWidth = 880, kLabel = 250, kBar = 440, kRow = 20, kTop = 46, kBottom = 30;
  constexpr size_t kLabelChars = 34;
  const int n = static_cast<int>(rows.size());
  uint64_t max = 1;
  for (const HitReportRow& r : rows) max = std::max(max, r.hits);
  const uint64_t step = TickStep(max);
  const uint64_t axis = (max + step - 1) / step * step;
  auto x = [&](uint64_t v) { return kLabel + static_cast<double>(std::min(v, axis)) * kBar / axis; };
  const int plot_end = kTop + n * kRow, height = plot_end + kBottom;
  const std::string w = std::to_string(kWidth), h = std::to_string(height);

  *out += "<figure>\n<svg width=\"" + w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h +
          "\" role=\"img\">\n<title>Hits and unique hits per " + std::string(kind) + "</title>\n";
  // Legend.
  *out += "<rect x=\"" + std::to_string(kLabel) + "\" y=\"6\" width=\"12\" height=\"12\" fill=\"" + kHitFill +
          "\"/><text x=\"" + std::to_string(kLabel + 16) + "\" y=\"16\">hits</text>\n";
  *out += "<rect x=\"" + std::to_string(kLabel + 60) + "\" y=\"6\" width=\"12\" height=\"12\" fill=\"" +
          kUniqueFill + "\"/><text x=\"" + std::to_string(kLabel + 76) + "\" y=\"16\">unique hits (hit by no other " +
          std::string(kind) + "); numbers: hits (unique hits)</text>\n";
  // Grid and axis ticks, at the bottom and, for long charts, also at the top.
  for (uint64_t t = 0; t <= axis; t += step) {
    std::string tx = Px(x(t)), label = Grouped(t);
    *out += "<line x1=\"" + tx + "\" y1=\"" + std::to_string(kTop - 4) + "\" x2=\"" + tx + "\" y2=\"" +
            std::to_string(plot_end) + "\" stroke=\"" + (t == 0 ? "#555" : "#ddd") + "\"/>\n";
    *out += "<text class=\"tick\" x=\"" + tx + "\" y=\"" + std::to_string(plot_end + 16) +
            "\" text-anchor=\"middle\">" + label + "</text>\n";
    if (n > 20) {
      *out += "<text class=\"tick\" x=\"" + tx + "\" y=\"" + std::to_string(kTop - 8) +
              "\" text-anchor=\"middle\">" + label + "</text>\n";
    }
  }
  for (int i = 0; i < n; ++i) {
    const HitReportRow& r = rows[i];
    const int y = kTop + i * kRow;
    const uint64_t unique = std::min(r.unique_hits, r.hits);
    *out += "<g><title>";
    AppendHtml(r.name, out);
    *out += ": " + Grouped(r.hits) + " hits, " + Grouped(unique) + " unique</title>";
    *out += "<text class=\"label\" x=\"" + std::to_string(kLabel - 8) + "\" y=\"" + std::to_string(y + 14) +
            "\" text-anchor=\"end\">";
    AppendHtml(Clip(r.name, kLabelChars), out);
    *out += "</text>";
    *out += "<rect x=\"" + std::to_string(kLabel) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" +
            Px(x(r.hits) - kLabel) + "\" height=\"" + std::to_string(kRow - 6) + "\" fill=\"" + kHitFill + "\"/>";
    *out += "<rect x=\"" + std::to_string(kLabel) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" +
            Px(x(unique) - kLabel) + "\" height=\"" + std::to_string(kRow - 6) + "\" fill=\"" + kUniqueFill + "\"/>";
    *out += "<text x=\"" + Px(x(r.hits) + 5) + "\" y=\"" + std::to_string(y + 14) + "\">" + Grouped(r.hits) + " (" +
            Grouped(unique) + ")</text></g>\n";
  }
  *out += "</svg>\n</figure>\n";
}

// One table row per term or rule, then the "any" total.
void AppendTable(const HitReport& report, const std::vector<HitReportRow>& rows, bool rules, std::string* out) {
  *out += "<table class=\"rows\">\n<thead><tr><th class=\"n\">#</th><th>";
  *out += rules ? "Rule</th><th>Category</th><th>Signals" : "Search term</th><th>Query";
  *out += "</th><th class=\"n\">Hits</th><th class=\"n\">Unique hits</th><th class=\"n\">Conversations</th>"
          "<th class=\"n\">Users</th><th class=\"n\">Share</th></tr></thead>\n<tbody>\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    const HitReportRow& r = rows[i];
    *out += "<tr><td class=\"n\">" + std::to_string(i + 1) + "</td><td>" + Html(r.name) + "</td>";
    if (rules) *out += "<td>" + Html(r.category) + "</td>";
    *out += "<td class=\"q\">" + Html(r.query) + "</td><td class=\"n\">" + Grouped(r.hits) + "</td><td class=\"n\">" +
            Grouped(r.unique_hits) + "</td><td class=\"n\">" + Grouped(r.conversations) + "</td><td class=\"n\">" +
            Grouped(r.users) + "</td><td class=\"n\">" + ShareOrDash(r.hits, report.entries) + "</td></tr>\n";
  }
  uint64_t entries = rules ? report.relevant_entries : report.hit_entries;
  uint64_t convs = rules ? report.relevant_conversations : report.hit_conversations;
  uint64_t users = rules ? report.relevant_users : report.hit_users;
  *out += "</tbody>\n<tfoot><tr><th></th><th colspan=\"" + std::string(rules ? "3" : "2") + "\">" +
          (rules ? "Relevant to any rule" : "Hit by any search term") + "</th><td class=\"n\">" + Grouped(entries) +
          "</td><td class=\"n\">\u2013</td><td class=\"n\">" + Grouped(convs) + "</td><td class=\"n\">" +
          Grouped(users) + "</td><td class=\"n\">" + ShareOrDash(entries, report.entries) +
          "</td></tr></tfoot>\n</table>\n";
}

void AppendSummaryRow(std::string_view label, const std::string& value_html, std::string* out) {
  *out += "<tr><th>" + std::string(label) + "</th><td>" + value_html + "</td></tr>\n";
}

std::string Counts(uint64_t entries, uint64_t convs, uint64_t users, std::string share) {
  return Grouped(entries) + " entries" + (share.empty() ? "" : " (" + share + " of the entries searched)") + " in " +
         Grouped(convs) + " conversations of " + Grouped(users) + " users";
}

constexpr char kDefinitions[] = R"(<section>
<h2>Definitions</h2>
<dl>
<dt>Entry</dt><dd>One prompt and the model's output to it: the unit that is searched and counted.</dd>
<dt>Hits</dt><dd>Entries the search term matches (or, for a rule, entries relevant to the rule).</dd>
<dt>Unique hits</dt><dd>Entries hit by this search term and by no other search term (for a rule:
relevant to this rule and to no other rule). They show what dropping the term would remove.</dd>
<dt>Conversations, users</dt><dd>Distinct conversations and distinct users among the hits. Entries
without a user identifier are not counted as users.</dd>
<dt>Share</dt><dd>Hits divided by the entries searched.</dd>
<dt>Exact duplicates</dt><dd>Relevant entries whose normalized prompt and output equal those of
another relevant entry: groups of two or more, and the entries in them.</dd>
</dl>
</section>
)";

}  // namespace

std::string HitReportHtml(const HitReport& report) {
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Search term hit report";
  if (!report.title.empty()) out += ": " + Html(report.title);
  out += "</title>\n<style>" + std::string(report_text::kReportCss) + kOwnCss + "</style>\n</head>\n<body>\n<h1>Search term hit report</h1>\n";
  if (!report.title.empty()) out += "<p class=\"title\">" + Html(report.title) + "</p>\n";

  out += "<section>\n<h2>Summary</h2>\n<table class=\"summary\">\n";
  AppendSummaryRow("Scope", Html(report.scope), &out);
  AppendSummaryRow("Created", Html(report.created), &out);
  AppendSummaryRow("Entries searched", Counts(report.entries, report.conversations, report.users, ""), &out);
  AppendSummaryRow("Hit by a search term",
                   Counts(report.hit_entries, report.hit_conversations, report.hit_users,
                          Share(report.hit_entries, report.entries)),
                   &out);
  AppendSummaryRow("Relevant to a rule",
                   Counts(report.relevant_entries, report.relevant_conversations, report.relevant_users,
                          Share(report.relevant_entries, report.entries)),
                   &out);
  AppendSummaryRow("Exact duplicates",
                   Grouped(report.duplicate_entries) + " relevant entries in " + Grouped(report.duplicate_groups) +
                       " groups",
                   &out);
  out += "</table>\n</section>\n";

  auto kind = [&](std::string_view heading, std::string_view noun, const std::vector<HitReportRow>& rows,
                  bool rules) {
    out += "<section>\n<h2>" + std::string(heading) + "</h2>\n";
    if (rows.empty()) {
      out += "<p class=\"none\">No " + std::string(noun) + "s.</p>\n</section>\n";
      return;
    }
    AppendChart(rows, noun, &out);
    AppendTable(report, rows, rules, &out);
    out += "</section>\n";
  };
  kind("Search terms", "search term", report.terms, false);
  kind("Rules", "rule", report.rules, true);
  out += kDefinitions;
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace winnow::search
