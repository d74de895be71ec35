// Where scans live in a matter (docs/policy.md): scans/S0001, S0002, ...
// each a complete folder; a scan being built is a hidden .S0003.partial
// folder that a crash may leave behind and the next scan removes.
#pragma once

#include <string>
#include <vector>

namespace winnow::search {

inline constexpr char kScansDir[] = "scans";

// "S0001" when there is none, else one more than the highest.
std::string NextScanId(const std::vector<std::string>& existing);
std::string PartialScanName(const std::string& scan_id);
// Names of partial scan folders in `scans_dir`.
std::vector<std::string> ListPartialScans(const std::string& scans_dir);
// Whether `name` is a scan id (S followed by four or more digits).
bool IsScanId(const std::string& name);

}  // namespace winnow::search
