#include <sodium.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "util/json_writer.h"
#include "winnow/conversation.h"

namespace winnow {
namespace {

std::string Hex(const unsigned char* bytes, size_t n) {
  static const char kHex[] = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kHex[bytes[i] >> 4];
    out[2 * i + 1] = kHex[bytes[i] & 15];
  }
  return out;
}

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
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  static const unsigned char kScheme[] = "winnow/entry/v1";
  crypto_hash_sha256_update(&st, kScheme, sizeof(kScheme));  // includes the NUL
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(conversation_id.data()),
                            conversation_id.size());
  char buf[16];
  buf[0] = 0;
  char* end = std::to_chars(buf + 1, buf + sizeof(buf) - 1, turn).ptr;
  *end++ = 0;
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(buf), end - buf);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(variant.data()),
                            variant.size());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, digest);
  return Hex(digest, 12);
}

std::string DerivedConversationId(std::string_view record_bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(record_bytes.data()),
                     record_bytes.size());
  return "h" + Hex(digest, 12);
}

std::string FormatRfc3339(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0 || seconds > 253402300799.0) return "";
  // Round to whole milliseconds first so 1.9999999 does not print as 1.1000.
  int64_t ms = static_cast<int64_t>(std::llround(seconds * 1000.0));
  time_t whole = static_cast<time_t>(ms / 1000);
  int frac = static_cast<int>(ms % 1000);
  struct tm tm;
  gmtime_r(&whole, &tm);
  char buf[64];
  if (frac != 0) {
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
  } else {
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  }
  return buf;
}

void AppendEntryJson(const Entry& e, std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("entry_id"); w.String(e.entry_id);
  w.Key("conversation_id"); w.String(e.conversation_id);
  w.Key("turn"); w.Int(e.turn);
  w.Key("user_id"); if (e.user_id.empty()) w.Null(); else w.String(e.user_id);
  w.Key("time"); if (e.time.empty()) w.Null(); else w.String(e.time);
  w.Key("model"); if (e.model.empty()) w.Null(); else w.String(e.model);
  w.Key("prompt"); w.String(e.prompt);
  w.Key("output"); w.String(e.output);
  w.Key("tools");
  w.BeginArray();
  for (const ToolText& t : e.tools) {
    w.BeginObject();
    w.Key("kind"); w.String(t.kind);
    w.Key("name"); w.String(t.name);
    w.Key("text"); w.String(t.text);
    w.EndObject();
  }
  w.EndArray();
  w.Key("alternate"); w.Bool(e.alternate);
  w.Key("meta"); WriteMeta(e.meta, &w);
  w.EndObject();
  out->push_back('\n');
}

}  // namespace winnow
