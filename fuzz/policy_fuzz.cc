// libFuzzer target for policy.toml: any text gives a policy or an error
// naming the file, never a crash; an accepted policy has at least one rule,
// unique rule names, and rules whose term names exist.
#include <cstdint>
#include <set>
#include <string>

#include "search/policy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 65536) return 0;
  std::string text(reinterpret_cast<const char*>(data), size);
  // A terms_file is looked up in a folder that does not exist.
  auto policy = winnow::search::ParsePolicy(text, "fuzz.toml", "/nonexistent-winnow-fuzz");
  if (!policy.ok()) {
    if (policy.status().message().rfind("fuzz.toml", 0) != 0 &&
        policy.status().message().rfind("default paywall terms", 0) != 0) {
      __builtin_trap();  // every error names the file
    }
    return 0;
  }
  if (policy->rules.empty()) __builtin_trap();
  std::set<std::string> names;
  for (const auto& r : policy->rules) {
    if (!names.insert(r.name).second || r.signals.empty()) __builtin_trap();
    for (const std::string& t : r.terms) {
      bool found = false;
      for (const auto& term : policy->terms) found = found || term.name == t;
      if (!found) __builtin_trap();
    }
  }
  for (const auto& t : policy->terms) {
    if (t.query.root == nullptr) __builtin_trap();
  }
  return 0;
}
