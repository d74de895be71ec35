#include "gen/gen_decode.h"

#include <simdjson.h>

#include <fstream>
#include <sstream>

namespace winnow::gen_test {
namespace {

using simdjson::dom::element;

bool GetString(element e, std::string_view key, std::string* out) {
  std::string_view v;
  if (e[key].get_string().get(v) != simdjson::SUCCESS) return false;
  *out = std::string(v);
  return true;
}

// Entries from a flat message list: role/text keys and role names per format.
bool FlatEntries(simdjson::simdjson_result<element> list, std::string_view role_key, std::string_view text_key, std::string_view user,
                 std::string_view assistant, DecodedRecord* r) {
  simdjson::dom::array arr;
  if (list.get_array().get(arr) != simdjson::SUCCESS) return false;
  for (element m : arr) {
    std::string_view role, text;
    if (m[role_key].get_string().get(role) != simdjson::SUCCESS) return false;
    if (m[text_key].get_string().get(text) != simdjson::SUCCESS) return false;
    if (role == user) {
      r->entries.emplace_back().prompt = std::string(text);
    } else if (role == assistant) {
      if (r->entries.empty()) return false;
      r->entries.back().output = std::string(text);
    }
  }
  return true;
}

bool ChatGptEntries(element conv, DecodedRecord* r) {
  simdjson::dom::object mapping;
  if (conv["mapping"].get_object().get(mapping) != simdjson::SUCCESS) return false;
  std::string_view node_id;
  if (conv["current_node"].get_string().get(node_id) != simdjson::SUCCESS) return false;
  std::vector<element> path;
  std::map<std::string, bool> on_path;
  while (true) {
    element node;
    if (mapping[node_id].get(node) != simdjson::SUCCESS) return false;
    path.push_back(node);
    on_path[std::string(node_id)] = true;
    if (node["parent"].is_null()) break;
    if (node["parent"].get_string().get(node_id) != simdjson::SUCCESS) return false;
  }
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    element msg = (*it)["message"];
    if (msg.is_null()) continue;
    std::string_view role, recipient, type;
    if (msg["author"]["role"].get_string().get(role) != simdjson::SUCCESS) return false;
    if (msg["recipient"].get_string().get(recipient) != simdjson::SUCCESS) return false;
    if (msg["content"]["content_type"].get_string().get(type) != simdjson::SUCCESS) return false;
    std::string_view text;
    if (type == "text") {
      if (msg["content"]["parts"].at(0).get_string().get(text) != simdjson::SUCCESS) return false;
    } else if (msg["content"]["text"].get_string().get(text) != simdjson::SUCCESS) {
      return false;
    }
    if (role == "system") continue;
    if (role == "user") {
      r->entries.emplace_back().prompt = std::string(text);
    } else {
      if (r->entries.empty()) return false;
      if (role == "assistant" && recipient == "all") r->entries.back().output = std::string(text);
      else r->entries.back().tools.emplace_back(text);
    }
  }
  // Branches: children of path nodes that are not on the path.
  for (element node : path) {
    simdjson::dom::array children;
    if (node["children"].get_array().get(children) != simdjson::SUCCESS) return false;
    for (element c : children) {
      std::string_view id;
      if (c.get_string().get(id) != simdjson::SUCCESS) return false;
      if (!on_path.count(std::string(id))) ++r->alternates;
    }
  }
  return true;
}

}  // namespace

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::vector<std::string> lines;
  std::string all = ReadFile(path);
  size_t pos = 0;
  while (pos < all.size()) {
    size_t nl = all.find('\n', pos);
    if (nl == std::string::npos) nl = all.size();
    lines.push_back(all.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

std::vector<DecodedRecord> DecodeConversations(const std::string& dir, GenFormat format) {
  const bool jsonl = format == GenFormat::kOpenAi || format == GenFormat::kWildChat;
  std::vector<std::string> lines = ReadLines(dir + (jsonl ? "/conversations.jsonl" : "/conversations.json"));
  std::vector<DecodedRecord> out;
  simdjson::dom::parser parser;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view text = lines[i];
    if (!jsonl) {
      if (text == "[" || text == "]") continue;
      if (!text.empty() && text.back() == ',') text.remove_suffix(1);
    }
    if (text.empty()) continue;
    DecodedRecord& r = out.emplace_back();
    r.line = static_cast<int>(i + 1);
    element doc;
    if (parser.parse(text.data(), text.size(), true).get(doc) != simdjson::SUCCESS) continue;
    r.parsed = true;
    switch (format) {
      case GenFormat::kChatGpt:
        r.schema_ok = GetString(doc, "conversation_id", &r.id) && ChatGptEntries(doc, &r);
        break;
      case GenFormat::kOpenAi:
        r.schema_ok = GetString(doc, "id", &r.id) && GetString(doc, "user", &r.user) &&
                      FlatEntries(doc["messages"], "role", "content", "user", "assistant", &r);
        break;
      case GenFormat::kShareGpt:
        r.schema_ok = GetString(doc, "id", &r.id) &&
                      FlatEntries(doc["conversations"], "from", "value", "human", "gpt", &r);
        break;
      case GenFormat::kWildChat:
        r.schema_ok = GetString(doc, "conversation_hash", &r.id) && GetString(doc, "hashed_ip", &r.user) &&
                      FlatEntries(doc["conversation"], "role", "content", "user", "assistant", &r);
        break;
    }
  }
  return out;
}

std::string_view CodePointSlice(std::string_view s, size_t start, size_t end, bool* ok) {
  size_t cp = 0, b = std::string_view::npos, e = std::string_view::npos;
  for (size_t i = 0; i <= s.size(); ++i) {
    bool boundary = i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    if (!boundary) continue;
    if (cp == start) b = i;
    if (cp == end) e = i;
    ++cp;
  }
  *ok = b != std::string_view::npos && e != std::string_view::npos && b <= e;
  return *ok ? s.substr(b, e - b) : std::string_view();
}

std::vector<std::string> NormalizedWords(std::string_view s) {
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) words.push_back(cur);
    cur.clear();
  };
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\n' || c == '\t') { flush(); continue; }
    // U+2018, U+2019, U+201C, U+201D: typographic quotes.
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
      unsigned char c3 = static_cast<unsigned char>(s[i + 2]);
      if (c3 == 0x98 || c3 == 0x99 || c3 == 0x9C || c3 == 0x9D) { i += 2; continue; }
    }
    if (c < 0x80 && !std::isalnum(c)) continue;
    cur.push_back(static_cast<char>(c < 0x80 ? std::tolower(c) : c));
  }
  flush();
  return words;
}

std::vector<uint64_t> ShingleHashes(const std::vector<std::string>& words, size_t k) {
  std::vector<uint64_t> out;
  if (words.size() < k || k == 0) return out;
  constexpr uint64_t kBase = 0x100000001b3ULL;
  std::vector<uint64_t> h(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    uint64_t x = 1469598103934665603ULL;  // FNV-1a of the word
    for (unsigned char c : words[i]) x = (x ^ c) * 0x100000001b3ULL;
    h[i] = x | 1;
  }
  uint64_t top = 1;  // kBase^(k-1)
  for (size_t i = 1; i < k; ++i) top *= kBase;
  uint64_t v = 0;
  for (size_t i = 0; i < k; ++i) v = v * kBase + h[i];
  out.push_back(v);
  for (size_t i = k; i < words.size(); ++i) {
    v = (v - h[i - k] * top) * kBase + h[i];
    out.push_back(v);
  }
  return out;
}

}  // namespace winnow::gen_test
