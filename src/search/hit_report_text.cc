#include "search/hit_report_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace winnow::search::report_text {

// 1234567 -> "1,234,567": a court reads these, a machine reads the CSV/JSON.
std::string Grouped(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

// part / whole as a percentage with three significant digits ("12.3%",
// "0.0417%"), trailing zeros dropped; "" when whole is 0. A share that is
// neither none nor all never prints as "0%" or "100%": more digits are used
// until it does not round to either.
std::string Share(uint64_t part, uint64_t whole) {
  if (whole == 0) return "";
  if (part == 0) return "0%";
  if (part >= whole) return part == whole ? "100%" : Grouped(part * 100 / whole) + "%";
  double p = 100.0 * static_cast<double>(part) / static_cast<double>(whole);
  int decimals = std::max(0, 2 - static_cast<int>(std::floor(std::log10(p))));
  char buf[64];
  for (;; ++decimals) {
    std::snprintf(buf, sizeof(buf), "%.*f", decimals, p);
    double shown = std::strtod(buf, nullptr);
    if ((shown > 0 && shown < 100) || decimals >= 12) break;
  }
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s + "%";
}

// The first `max_chars` code points of UTF-8 `s`, with "…" if cut.
std::string Clip(std::string_view s, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (chars++ == max_chars) return std::string(s.substr(0, i)) + "\u2026";
  }
  return std::string(s);
}

size_t CodePoints(std::string_view s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

std::string Printable(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    bool c1 = c == 0xC2 && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0x80;
    if (c < 0x20 || c == 0x7F || c1) {
      out.push_back('?');
      if (c1) ++i;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

void AppendHtml(std::string_view s, std::string* out) {
  for (char ch : s) {
    switch (ch) {
      case '&': out->append("&amp;"); break;
      case '<': out->append("&lt;"); break;
      case '>': out->append("&gt;"); break;
      case '"': out->append("&quot;"); break;
      case '\'': out->append("&#39;"); break;
      default:
        if ((static_cast<unsigned char>(ch) < 0x20 && ch != '\t' && ch != '\n') || ch == 0x7F) break;
        out->push_back(ch);
    }
  }
}

std::string Html(std::string_view s) {
  std::string out;
  AppendHtml(s, &out);
  return out;
}

const char kReportCss[] = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #111;
       margin: 2em auto; max-width: 70em; padding: 0 1em; line-height: 1.4; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
p.title { margin-top: 0; color: #333; }
table { border-collapse: collapse; margin: 0.6em 0; }
th, td { padding: 0.25em 0.6em; border: 1px solid #ccc; vertical-align: top; text-align: left; }
thead th { background: #f0f0f0; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.summary { border: 2px solid #555; }
table.summary th { background: #f0f0f0; width: 14em; }
tfoot th, tfoot td { font-weight: bold; border-top: 2px solid #555; }
p.none { font-style: italic; }
dl dt { font-weight: bold; margin-top: 0.4em; }
dl dd { margin-left: 1.5em; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
)";

}  // namespace winnow::search::report_text
