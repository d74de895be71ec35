#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "util/hex.h"
#include "util/json_writer.h"
#include "util/sha256.h"
#include "winnow/conversation.h"

namespace winnow {
namespace {

void WriteMeta(const std::vector<MetaField>& meta, JsonWriter* w) {
  w->BeginObject();
  for (const MetaField& f : meta) {
    w->Key(f.key);
    w->Raw(f.json);
  }
  w->EndObject();
}

}  // namespace

const char* RoleName(Role role) {
  switch (role) {
    case Role::kSystem: return "system";
    case Role::kUser: return "user";
    case Role::kAssistant: return "assistant";
    case Role::kTool: return "tool";
  }
  return "unknown";
}

void Conversation::Clear() {
  id.clear();
  user_id.clear();
  title.clear();
  time = -1;
  model.clear();
  meta.clear();
  turns.clear();
  threads.clear();
}

void Entry::Clear() {
  entry_id.clear();
  conversation_id.clear();
  turn = 0;
  user_id.clear();
  time.clear();
  model.clear();
  prompt.clear();
  output.clear();
  tools.clear();
  alternate = false;
  meta.clear();
}

std::string EntryId(std::string_view conversation_id, int turn, std::string_view variant) {
  // The separators keep ("a", 12) and ("a1", 2) apart; the prefix names the
  // scheme so a future scheme cannot collide with this one.
  static constexpr std::string_view kScheme{"winnow/entry/v1\0", 16};  // with its NUL
  char buf[16];
  buf[0] = 0;
  char* end = std::to_chars(buf + 1, buf + sizeof(buf) - 1, turn).ptr;
  *end++ = 0;
  uint8_t digest[kSha256Bytes];
  Sha256Digest({kScheme, conversation_id, std::string_view(buf, end - buf), variant}, digest);
  return LowerHex(std::span(digest, 12));
}

std::string DerivedConversationId(std::string_view record_bytes) {
  uint8_t digest[kSha256Bytes];
  Sha256Digest(record_bytes, digest);
  return LowerHex(std::span(digest, 12)).insert(0, 1, 'h');
}

std::string FormatRfc3339(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0 || seconds > 253402300799.0) return "";
  // Round to whole milliseconds first so 1.9999999 does not print as 1.1000.
  const int64_t ms = static_cast<int64_t>(std::llround(seconds * 1000.0));
  const int64_t whole = ms / 1000;
  const int frac = static_cast<int>(ms % 1000);
  // Every entry's time goes through here: the calendar is computed and the
  // digits written directly (snprintf was 2% of `winnow ingest`).
  const std::chrono::sys_days day{std::chrono::days{whole / 86400}};
  const std::chrono::year_month_day ymd{day};
  const int64_t in_day = whole % 86400;
  char buf[24];
  auto put = [&buf](int at, int64_t value, int digits) {
    for (int i = digits - 1; i >= 0; --i, value /= 10) buf[at + i] = static_cast<char>('0' + value % 10);
  };
  put(0, static_cast<int>(ymd.year()), 4);
  buf[4] = '-';
  put(5, static_cast<unsigned>(ymd.month()), 2);
  buf[7] = '-';
  put(8, static_cast<unsigned>(ymd.day()), 2);
  buf[10] = 'T';
  put(11, in_day / 3600, 2);
  buf[13] = ':';
  put(14, in_day / 60 % 60, 2);
  buf[16] = ':';
  put(17, in_day % 60, 2);
  int n = 19;
  if (frac != 0) {
    buf[n++] = '.';
    put(n, frac, 3);
    n += 3;
  }
  buf[n++] = 'Z';
  return std::string(buf, n);
}

void AppendEntryJson(const Entry& e, std::string* out) {
  // Every entry ingested or converted is written here: the fixed keys are
  // appended as literals instead of going through the escaping one by one.
  auto string_or_null = [out](std::string_view s) {
    if (s.empty()) {
      out->append("null");
    } else {
      AppendJsonString(s, out);
    }
  };
  out->append("{\"entry_id\":");
  AppendJsonString(e.entry_id, out);
  out->append(",\"conversation_id\":");
  AppendJsonString(e.conversation_id, out);
  out->append(",\"turn\":");
  char digits[16];
  out->append(digits, std::to_chars(digits, digits + sizeof digits, e.turn).ptr);
  out->append(",\"user_id\":");
  string_or_null(e.user_id);
  out->append(",\"time\":");
  string_or_null(e.time);
  out->append(",\"model\":");
  string_or_null(e.model);
  out->append(",\"prompt\":");
  AppendJsonString(e.prompt, out);
  out->append(",\"output\":");
  AppendJsonString(e.output, out);
  out->append(",\"tools\":[");
  for (size_t i = 0; i < e.tools.size(); ++i) {
    out->append(i == 0 ? "{\"kind\":" : ",{\"kind\":");
    AppendJsonString(e.tools[i].kind, out);
    out->append(",\"name\":");
    AppendJsonString(e.tools[i].name, out);
    out->append(",\"text\":");
    AppendJsonString(e.tools[i].text, out);
    out->push_back('}');
  }
  out->append(e.alternate ? "],\"alternate\":true,\"meta\":" : "],\"alternate\":false,\"meta\":");
  JsonWriter meta(out);
  WriteMeta(e.meta, &meta);
  out->append("}\n");
}

}  // namespace winnow
