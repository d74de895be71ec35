#include "produce/layout.h"

#include <dirent.h>

#include <algorithm>

#include <fmt/format.h>

#include "winnow/produce.h"

namespace winnow {
namespace produce {
namespace {

std::vector<std::string> DirNames(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) out.emplace_back(e->d_name);
    closedir(d);
  }
  return out;
}

}  // namespace

uint64_t ProductionNumber(std::string_view id) { return std::stoull(std::string(id.substr(4))); }

bool IsProductionId(std::string_view name) {
  if (name.size() < 8 || name.size() > 24 || !name.starts_with("PROD")) return false;
  return std::all_of(name.begin() + 4, name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string NextProductionId(const std::vector<std::string>& existing) {
  uint64_t next = 1;
  for (const std::string& id : existing) next = std::max<uint64_t>(next, ProductionNumber(id) + 1);
  return fmt::format("PROD{:04d}", next);
}

std::string PartialProductionName(const std::string& id) { return "." + id + ".partial"; }

std::vector<std::string> ListPartialProductions(const std::string& dir) {
  std::vector<std::string> out;
  for (const std::string& name : DirNames(dir)) {
    if (name.size() > 13 && name.starts_with(".PROD") && name.ends_with(".partial")) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string BatesNumber(std::string_view prefix, uint64_t number, int digits) {
  return fmt::format("{}{:0{}d}", prefix, number, digits);
}

std::string PlainName(std::string_view stored_name) {
  if (stored_name.ends_with(".age")) stored_name.remove_suffix(4);
  return std::string(stored_name);
}

}  // namespace produce

StatusOr<std::vector<std::string>> ListProductions(const Matter& matter) {
  std::vector<std::string> ids;
  for (const std::string& name : produce::DirNames(matter.Path(produce::kProductionsDir))) {
    if (produce::IsProductionId(name)) ids.push_back(name);
  }
  std::sort(ids.begin(), ids.end(), [](const std::string& a, const std::string& b) {
    return produce::ProductionNumber(a) < produce::ProductionNumber(b);
  });
  return ids;
}

}  // namespace winnow
