// libFuzzer target for the audit log checker (docs/audit.md). The input is
// the bytes of audit.log, optionally preceded by one line "#head TEXT" giving
// audit.head. Any input gives a report or a Corruption, never a crash; an
// accepted log cut to its complete records is still accepted, with the same
// count and head.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "winnow/audit.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1 << 20)) return 0;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::optional<std::string> head;
  if (in.starts_with("#head ")) {
    size_t nl = in.find('\n');
    if (nl == std::string_view::npos) nl = in.size();
    head = std::string(in.substr(6, nl - 6));
    in.remove_prefix(nl == in.size() ? nl : nl + 1);
  }
  auto report = winnow::CheckAuditLog(in, head, "audit.log", "audit.head");
  if (!report.ok()) return 0;
  if (report->bytes > in.size() || report->head_hash.size() != 64 ||
      (!report->torn_tail && report->bytes != in.size())) {
    __builtin_trap();
  }
  auto again = winnow::CheckAuditLog(in.substr(0, report->bytes), head, "audit.log", "audit.head");
  if (!again.ok() || again->records != report->records || again->head_hash != report->head_hash ||
      again->torn_tail) {
    __builtin_trap();
  }
  return 0;
}
