#include "search/report_format.h"

namespace winnow {

StatusOr<ReportFormat> ParseReportFormat(std::string_view name) {
  if (name == "summary") return ReportFormat::kSummary;
  if (name == "csv") return ReportFormat::kCsv;
  if (name == "json") return ReportFormat::kJson;
  if (name == "html") return ReportFormat::kHtml;
  return Status::InvalidArgument("unknown report format '" + std::string(name) +
                                 "' (formats: summary, csv, json, html)");
}

namespace search {

std::string RenderHitReport(const HitReport& report, ReportFormat format) {
  switch (format) {
    case ReportFormat::kCsv: return HitReportCsv(report);
    case ReportFormat::kJson: return HitReportJson(report);
    case ReportFormat::kHtml: return HitReportHtml(report);
    case ReportFormat::kSummary: break;
  }
  return HitReportSummary(report);
}

}  // namespace search
}  // namespace winnow
