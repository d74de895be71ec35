#include "pii/pii_doc.h"

#include <algorithm>

#include "formats/json_util.h"
#include "pii/pseudonym.h"
#include "util/json_writer.h"

namespace winnow::pii {
namespace {

namespace od = simdjson::ondemand;

std::string StringOrNull(od::value v, std::string_view key, std::string* out, bool* present = nullptr) {
  bool null = false;
  if (v.is_null().get(null)) return std::string(key) + ": invalid value";
  if (null) return "";
  std::string_view s;
  if (v.get_string().get(s)) return std::string(key) + ": expected a string";
  out->assign(s);
  if (present != nullptr) *present = true;
  return "";
}

std::string ParseTools(od::value v, std::vector<ToolText>* tools) {
  od::array array;
  if (v.get_array().get(array)) return "tools: expected an array";
  int index = 0;
  for (auto item : array) {
    const std::string at = "tools[" + std::to_string(index) + "]";
    od::object obj;
    if (item.get_object().get(obj)) return at + ": expected an object";
    ToolText t;
    bool have_text = false;
    for (auto member : obj) {
      std::string_view key;
      od::value value;
      if (member.unescaped_key().get(key) || member.value().get(value)) return at + ": invalid member";
      std::string err;
      if (key == "text") err = StringOrNull(value, at + ".text", &t.text, &have_text);
      else if (key == "kind") err = StringOrNull(value, at + ".kind", &t.kind);
      else if (key == "name") err = StringOrNull(value, at + ".name", &t.name);
      if (!err.empty()) return err;
    }
    if (!have_text) return at + ".text: expected a string";
    tools->push_back(std::move(t));
    ++index;
  }
  return "";
}

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A key's token (quotes included) unescaped into *key; *key is left as it
// is when the token is not a valid string. Rare: keys seldom hold escapes.
void UnescapeKey(std::string_view token, std::string* key) {
  thread_local od::parser parser;
  simdjson::padded_string padded(token);
  od::document d;
  std::string_view value;
  if (!parser.iterate(padded).get(d) && !d.get_string().get(value)) key->assign(value);
}

// Calls fn(path, identifier_key, begin, end) for each string value (not a
// key) of the JSON text `json`, the value of meta key `key`: `path` names
// it below "meta.<key>"; `identifier_key` is the innermost key on the way
// that names an identifier (IsIdentifierMetaType), or "". begin and end
// delimit the string's token, quotes included. Tolerates malformed text:
// every quoted run is still reported.
template <typename Fn>
void ForEachStringValue(std::string_view key, std::string_view json, Fn fn) {
  struct Level {
    bool object = false;
    size_t index = 0;         // arrays: the element's index
    std::string key;          // objects: the member's key
    std::string identifier;   // the innermost identifier key at or above this level
  };
  const std::string top_identifier = IsIdentifierMetaType(MetaType(key)) ? std::string(key) : "";
  std::vector<Level> stack;
  auto path = [&] {
    std::string p = "meta." + std::string(key);
    for (const Level& l : stack) {
      if (l.object) {
        p.append(".").append(l.key);
      } else {
        p.append("[").append(std::to_string(l.index)).append("]");
      }
    }
    return p;
  };
  auto identifier = [&]() -> const std::string& { return stack.empty() ? top_identifier : stack.back().identifier; };
  size_t i = 0;
  while (i < json.size()) {
    const char c = json[i];
    if (c == '"') {
      const size_t begin = i++;
      while (i < json.size() && json[i] != '"') i += json[i] == '\\' ? 2 : 1;
      const size_t end = std::min(i + 1, json.size());
      i = end;
      size_t next = end;
      while (next < json.size() && IsJsonSpace(json[next])) ++next;
      if (!stack.empty() && stack.back().object && next < json.size() && json[next] == ':') {
        Level& l = stack.back();
        l.key.assign(json.substr(begin + 1, end - begin - 2));
        if (l.key.find('\\') != std::string::npos) UnescapeKey(json.substr(begin, end - begin), &l.key);
        const std::string& above = stack.size() > 1 ? stack[stack.size() - 2].identifier : top_identifier;
        l.identifier = IsIdentifierMetaType(MetaType(l.key)) ? l.key : above;
        i = next + 1;
        continue;
      }
      fn(path(), identifier(), begin, end);
    } else if (c == '{' || c == '[') {
      Level l;
      l.object = c == '{';
      l.identifier = identifier();
      stack.push_back(std::move(l));
      ++i;
    } else if (c == '}' || c == ']') {
      if (!stack.empty()) stack.pop_back();
      ++i;
    } else {
      if (c == ',' && !stack.empty() && !stack.back().object) ++stack.back().index;
      ++i;
    }
  }
}

}  // namespace

std::string CollectMetaText(od::parser& parser, PiiDoc* doc) {
  doc->meta_text.clear();
  if (!doc->is_entry) return "";
  const std::vector<MetaField>& meta = doc->entry.meta;
  for (size_t m = 0; m < meta.size(); ++m) {
    const std::string& json = meta[m].json;
    // A top-level identifier's string is replaced whole by Deidentifier.
    if (!json.empty() && json.front() == '"' && IsIdentifierMetaType(MetaType(meta[m].key))) continue;
    std::string error;
    ForEachStringValue(meta[m].key, json, [&](std::string path, const std::string& identifier, size_t b, size_t e) {
      if (!error.empty()) return;
      // The token unescaped by the JSON parser itself.
      simdjson::padded_string token(std::string_view(json).substr(b, e - b));
      od::document d;
      std::string_view value;
      if (parser.iterate(token).get(d) || d.get_string().get(value)) {
        error = path + ": invalid string";
        return;
      }
      PiiDoc::MetaText& t = doc->meta_text.emplace_back();
      t.name = std::move(path);
      t.meta = m;
      t.begin = b;
      t.end = e;
      t.text.assign(value);
      t.original.assign(value);
      t.identifier_key = identifier;
    });
    if (!error.empty()) return error;
  }
  return "";
}

void StoreMetaText(PiiDoc* doc) {
  // Rebuilds each changed field from its old JSON, replacing the tokens of
  // changed strings (in order) and keeping every other byte.
  std::vector<MetaField>& meta = doc->entry.meta;
  for (size_t i = 0; i < doc->meta_text.size();) {
    const size_t m = doc->meta_text[i].meta;
    size_t j = i;
    bool changed = false;
    for (; j < doc->meta_text.size() && doc->meta_text[j].meta == m; ++j) {
      changed = changed || doc->meta_text[j].text != doc->meta_text[j].original;
    }
    if (changed) {
      const std::string& old = meta[m].json;
      std::string json;
      size_t from = 0;
      for (size_t k = i; k < j; ++k) {
        const PiiDoc::MetaText& t = doc->meta_text[k];
        if (t.text == t.original) continue;
        json.append(old, from, t.begin - from);
        AppendJsonString(t.text, &json);
        from = t.end;
      }
      json.append(old, from, std::string::npos);
      meta[m].json = std::move(json);
    }
    i = j;
  }
}

std::vector<PiiDoc::Field> PiiDoc::Fields() {
  std::vector<Field> f;
  if (!is_entry) {
    f.push_back({"text", -1, &text});
    return f;
  }
  f.push_back({"prompt", -1, &entry.prompt});
  f.push_back({"output", -1, &entry.output});
  for (size_t i = 0; i < entry.tools.size(); ++i) f.push_back({"tools", static_cast<int>(i), &entry.tools[i].text});
  for (MetaText& t : meta_text) {
    if (t.identifier_key.empty()) f.push_back({t.name.c_str(), -1, &t.text});
  }
  return f;
}

std::string PiiDoc::Region() const {
  for (const MetaField& m : entry.meta) {
    if (m.key != "locale" && m.key != "language" && m.key != "country") continue;
    std::string_view v = m.json;
    if (v.size() < 4 || v.front() != '"' || v.back() != '"') continue;
    v = v.substr(1, v.size() - 2);
    size_t sep = v.find_first_of("-_");
    std::string_view region = sep == std::string_view::npos ? (m.key == "country" ? v : "") : v.substr(sep + 1);
    if (region.size() != 2) continue;
    std::string r;
    for (char c : region) {
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return "";
      r.push_back(static_cast<char>(c & ~0x20));
    }
    return r;
  }
  return "";
}

std::string ParsePiiDoc(od::parser& parser, const std::string& line, PiiDoc* out) {
  out->is_entry = false;
  out->id_json.clear();
  out->text.clear();
  out->entry.Clear();
  out->has_prompt = out->has_output = false;
  out->meta_text.clear();
  bool have_id = false, has_text = false;

  od::document doc;
  if (auto err = parser.iterate(line.data(), line.size(), line.capacity()).get(doc)) {
    return std::string("not JSON: ") + simdjson::error_message(err);
  }
  od::object obj;
  if (doc.get_object().get(obj)) return "not a JSON object";
  Entry& e = out->entry;
  for (auto member : obj) {
    std::string_view key;
    if (member.unescaped_key().get(key)) return "a key is not a valid string";
    od::value v;
    if (member.value().get(v)) return std::string(key) + ": invalid value";
    std::string err;
    if (key == "id" || key == "entry_id") {
      std::string raw;
      od::json_type type;
      if (v.type().get(type)) return std::string(key) + ": invalid value";
      if (type == od::json_type::string) {
        std::string_view s;
        if (v.get_string().get(s)) return std::string(key) + ": invalid string";
        if (key == "entry_id") e.entry_id.assign(s);
        AppendJsonString(s, &raw);
      } else if (key == "entry_id") {
        return "entry_id: expected a string";
      } else if (!formats::RawJson(v, &raw)) {
        return "id: invalid value";
      }
      if (!have_id || key == "entry_id") out->id_json = std::move(raw);
      have_id = true;
      if (key == "entry_id") out->is_entry = true;
    } else if (key == "text") {
      err = StringOrNull(v, key, &out->text, &has_text);
    } else if (key == "prompt") {
      err = StringOrNull(v, key, &e.prompt, &out->has_prompt);
    } else if (key == "output") {
      err = StringOrNull(v, key, &e.output, &out->has_output);
    } else if (key == "conversation_id") {
      err = StringOrNull(v, key, &e.conversation_id);
    } else if (key == "user_id") {
      err = StringOrNull(v, key, &e.user_id);
    } else if (key == "time") {
      err = StringOrNull(v, key, &e.time);
    } else if (key == "model") {
      err = StringOrNull(v, key, &e.model);
    } else if (key == "turn") {
      int64_t t = 0;
      if (v.get_int64().get(t) || t < 0 || t > INT32_MAX) return "turn: expected a non-negative integer";
      e.turn = static_cast<int>(t);
    } else if (key == "alternate") {
      bool b = false;
      if (v.get_bool().get(b)) return "alternate: expected true or false";
      e.alternate = b;
    } else if (key == "tools") {
      err = ParseTools(v, &e.tools);
    } else if (key == "meta") {
      od::object meta;
      if (v.get_object().get(meta)) return "meta: expected an object";
      for (auto m : meta) {
        std::string_view mkey;
        od::value mv;
        if (m.unescaped_key().get(mkey) || m.value().get(mv)) return "meta: invalid member";
        if (!formats::AddRawMeta(mkey, mv, &e.meta)) return "meta." + std::string(mkey) + ": invalid value";
      }
    }
    if (!err.empty()) return err;
  }
  if (!have_id) return "id: missing (each line needs \"id\" or \"entry_id\")";
  if (out->is_entry) {
    if (!out->has_prompt && !out->has_output && e.tools.empty())
      return "no text: an entry needs \"prompt\" and \"output\"";
  } else if (!has_text) {
    return "text: missing (each line needs \"text\", or is a canonical entry with \"entry_id\")";
  }
  return "";
}

void AppendPiiDoc(const PiiDoc& doc, std::string* out) {
  if (doc.is_entry) {
    AppendEntryJson(doc.entry, out);
    return;
  }
  JsonWriter w(out);
  w.BeginObject();
  w.Key("id"); w.Raw(doc.id_json);
  w.Key("text"); w.String(doc.text);
  w.EndObject();
  out->push_back('\n');
}

}  // namespace winnow::pii
