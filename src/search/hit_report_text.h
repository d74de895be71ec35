// Number and text formatting shared by the report renderers (the hit
// report: hit_report.cc, hit_report_html.cc; a production's cover report:
// produce/cover_report.cc). Thread-safe (pure functions).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace winnow::search::report_text {

// 1234567 -> "1,234,567": a court reads these, a machine reads the CSV/JSON.
std::string Grouped(uint64_t n);
// part / whole as a percentage with three significant digits ("12.3%",
// "0.0417%"), trailing zeros dropped; "" when whole is 0. A share that is
// neither none nor all never prints as "0%" or "100%".
std::string Share(uint64_t part, uint64_t whole);
// The first `max_chars` code points of UTF-8 `s`, with "…" if cut.
std::string Clip(std::string_view s, size_t max_chars);
size_t CodePoints(std::string_view s);
// Names come from input files: never let them drive the terminal (C0, DEL
// and C1 controls become '?').
std::string Printable(std::string_view s);
// Escapes text for HTML element content and quoted attribute values. C0
// controls other than tab and newline are dropped: HTML forbids them.
void AppendHtml(std::string_view s, std::string* out);
std::string Html(std::string_view s);

// The stylesheet both HTML reports start from (page, headings, tables,
// summary box, notes, print rules); each appends its own rules.
extern const char kReportCss[];

}  // namespace winnow::search::report_text
