#include "search/scan_layout.h"

#include <dirent.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "search/report_format.h"
#include "vault/file_util.h"
#include "winnow/search.h"

namespace winnow {
namespace search {
namespace {

std::vector<std::string> DirNames(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) out.emplace_back(e->d_name);
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

bool IsScanId(const std::string& name) {
  if (name.size() < 5 || name[0] != 'S') return false;
  return std::all_of(name.begin() + 1, name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string NextScanId(const std::vector<std::string>& existing) {
  uint64_t next = 1;
  for (const std::string& id : existing) next = std::max<uint64_t>(next, std::stoull(id.substr(1)) + 1);
  return fmt::format("S{:04d}", next);
}

std::string PartialScanName(const std::string& scan_id) { return "." + scan_id + ".partial"; }

std::vector<std::string> ListPartialScans(const std::string& scans_dir) {
  std::vector<std::string> out;
  for (const std::string& name : DirNames(scans_dir)) {
    if (name.size() > 9 && name[0] == '.' && name.ends_with(".partial")) out.push_back(name);
  }
  return out;
}

}  // namespace search

StatusOr<std::vector<std::string>> ListScans(const Matter& matter) {
  std::vector<std::string> ids;
  for (const std::string& name : search::DirNames(matter.Path(search::kScansDir))) {
    if (search::IsScanId(name)) ids.push_back(name);
  }
  // S0002 < S0010 as numbers, also past S9999.
  std::sort(ids.begin(), ids.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  return ids;
}

StatusOr<std::string> RenderScanReport(const Matter& matter, const std::string& scan_id, ReportFormat format) {
  WINNOW_ASSIGN_OR_RETURN(std::vector<std::string> ids, ListScans(matter));
  if (ids.empty()) return Status::NotFound(matter.path() + ": no scans yet (run winnow scan)");
  std::string id = scan_id == "latest" ? ids.back() : scan_id;
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
    std::string list;
    for (const std::string& s : ids) list += (list.empty() ? "" : ", ") + s;
    return Status::NotFound(matter.path() + ": no scan " + scan_id + " (scans: " + list + ")");
  }
  const std::string path = matter.Path(std::string(search::kScansDir) + "/" + id + "/report.json");
  WINNOW_ASSIGN_OR_RETURN(std::string json, vault::ReadWholeFile(path));
  auto report = search::ParseHitReportJson(json);
  if (!report.ok()) return Status::Corruption(path + ": " + report.status().message());
  return search::RenderHitReport(*report, format);
}

}  // namespace winnow
