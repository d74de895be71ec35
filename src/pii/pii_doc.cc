#include "pii/pii_doc.h"

#include "formats/json_util.h"
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

}  // namespace

std::vector<PiiDoc::Field> PiiDoc::Fields() {
  std::vector<Field> f;
  if (!is_entry) {
    f.push_back({"text", -1, &text});
    return f;
  }
  f.push_back({"prompt", -1, &entry.prompt});
  f.push_back({"output", -1, &entry.output});
  for (size_t i = 0; i < entry.tools.size(); ++i) f.push_back({"tools", static_cast<int>(i), &entry.tools[i].text});
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
