// RenderProductionReport: a production's cover figures from its manifest
// (no key needed: the manifest holds no chat text).
#include <simdjson.h>

#include "produce/cover_report.h"
#include "produce/layout.h"
#include "util/json_writer.h"
#include "vault/file_util.h"
#include "winnow/produce.h"

namespace winnow {

StatusOr<std::string> RenderProductionReport(const std::string& dir, ReportFormat format) {
  using namespace produce;
  const std::string path = dir + "/" + kManifest;
  WINNOW_ASSIGN_OR_RETURN(std::string text, vault::ReadWholeFile(path));
  simdjson::dom::parser parser;
  simdjson::dom::element stats;
  std::string_view kind;
  if (parser.parse(text)["format"].get_string().get(kind) || kind != "winnow-production") {
    return Status::InvalidArgument(path + ": not a winnow production manifest");
  }
  if (parser.parse(text)["stats"].get(stats)) return Status::Corruption(path + ": stats: missing");
  auto parsed = ParseStatsJson(simdjson::minify(stats));
  if (!parsed.ok()) return parsed.status().Prefixed(path);
  switch (format) {
    case ReportFormat::kSummary: return RenderCoverText(*parsed);
    case ReportFormat::kHtml: return RenderCoverHtml(*parsed);
    case ReportFormat::kJson: {
      std::string out;
      JsonWriter w(&out);
      AppendStatsJson(*parsed, &w);
      out.push_back('\n');
      return out;
    }
    case ReportFormat::kCsv: {
      // One row per figure: table, key, count.
      std::string out = "table,key,count\n";
      auto cell = [](std::string_view s) {
        std::string q = "\"";
        for (char c : s) {
          if (c == '"') q += '"';
          q += c;
        }
        return q + "\"";
      };
      auto add = [&](std::string_view table, std::string_view key, uint64_t n) {
        out += cell(table) + "," + cell(key) + "," + std::to_string(n) + "\n";
      };
      const ProductionStats& s = *parsed;
      add("totals", "documents", s.documents);
      add("totals", "entries", s.entries);
      add("totals", "relevant_entries", s.relevant_entries);
      add("totals", "conversations", s.conversations);
      add("totals", "withheld", s.withheld);
      add("totals", "redactions", s.redactions);
      add("totals", "text_bytes", s.text_bytes);
      for (const auto& [k, n] : s.documents_by_rule) add("documents_by_rule", k, n);
      for (const auto& [k, n] : s.documents_by_month) add("documents_by_month", k, n);
      for (const auto& [k, n] : s.documents_by_model) add("documents_by_model", k, n);
      for (const auto& [k, n] : s.withheld_by_reason) add("withheld_by_reason", k, n);
      for (const auto& [k, n] : s.redactions_by_type) add("redactions_by_type", k, n);
      return out;
    }
  }
  return Status::Internal("unknown report format");
}

}  // namespace winnow
