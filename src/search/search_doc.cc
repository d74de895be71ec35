#include "search/search_doc.h"

#include "formats/json_util.h"
#include "util/json_writer.h"

namespace winnow::search {
namespace {

namespace od = simdjson::ondemand;

// Reads a string or null member into *out; returns "" or the error.
std::string StringOrNull(od::value v, std::string_view key, std::string* out, bool* present) {
  bool null = false;
  if (v.is_null().get(null)) return std::string(key) + ": invalid value";
  if (null) return "";
  std::string_view s;
  if (v.get_string().get(s)) return std::string(key) + ": expected a string";
  out->assign(s);
  if (present != nullptr) *present = true;
  return "";
}

}  // namespace

const char* DocFieldName(const DocField& field) { return TextFieldName(field.kind); }

std::string ParseSearchDoc(od::parser& parser, const std::string& line, SearchDoc* out) {
  out->id_json.clear();
  out->entry_id.clear(); out->conversation_id.clear(); out->user_id.clear();
  out->time.clear(); out->model.clear();
  out->prompt.clear(); out->output.clear(); out->text.clear();
  out->title.clear(); out->system.clear();
  out->tools.clear();
  out->alternate = false;
  out->turn = -1;
  out->has_prompt = out->has_output = out->has_text = out->has_title = out->has_system = false;
  out->doc = Document();

  od::document doc;
  if (auto err = parser.iterate(line.data(), line.size(), line.capacity()).get(doc)) {
    return std::string("not JSON: ") + simdjson::error_message(err);
  }
  od::object obj;
  if (doc.get_object().get(obj)) return "not a JSON object";
  bool have_id = false, own_title = false, meta_title = false;
  for (auto member : obj) {
    std::string_view key;
    if (member.unescaped_key().get(key)) return "a key is not a valid string";
    od::value v;
    if (member.value().get(v)) return std::string(key) + ": invalid value";
    std::string err;
    if (key == "id" || key == "entry_id") {
      // Keep the id as JSON for the output, and unescaped for `entry:`.
      std::string raw, plain;
      od::json_type type;
      if (v.type().get(type)) return std::string(key) + ": invalid value";
      if (type == od::json_type::string) {
        std::string_view s;
        if (v.get_string().get(s)) return std::string(key) + ": invalid string";
        plain.assign(s);
        AppendJsonString(s, &raw);
      } else if (!formats::RawJson(v, &raw)) {
        return std::string(key) + ": invalid value";
      }
      if (!have_id || key == "entry_id") {
        out->id_json = std::move(raw);
        out->entry_id = std::move(plain);
      }
      have_id = true;
    } else if (key == "text") {
      err = StringOrNull(v, key, &out->text, &out->has_text);
    } else if (key == "title") {
      err = StringOrNull(v, key, &out->title, &own_title);
    } else if (key == "prompt") {
      err = StringOrNull(v, key, &out->prompt, &out->has_prompt);
    } else if (key == "output") {
      err = StringOrNull(v, key, &out->output, &out->has_output);
    } else if (key == "conversation_id") {
      err = StringOrNull(v, key, &out->conversation_id, nullptr);
    } else if (key == "user_id") {
      err = StringOrNull(v, key, &out->user_id, nullptr);
    } else if (key == "time") {
      err = StringOrNull(v, key, &out->time, nullptr);
    } else if (key == "model") {
      err = StringOrNull(v, key, &out->model, nullptr);
    } else if (key == "turn") {
      int64_t t = 0;
      if (v.get_int64().get(t) || t < 0 || t > INT32_MAX) return "turn: expected a non-negative integer";
      out->turn = static_cast<int>(t);
    } else if (key == "alternate") {
      bool b = false;
      if (v.get_bool().get(b)) return "alternate: expected true or false";
      out->alternate = b;
    } else if (key == "tools") {
      od::array tools;
      if (v.get_array().get(tools)) return "tools: expected an array";
      int index = 0;
      for (auto tool : tools) {
        od::object t;
        if (tool.get_object().get(t)) return "tools[" + std::to_string(index) + "]: expected an object";
        std::string_view s;
        if (t.find_field_unordered("text").get_string().get(s)) {
          return "tools[" + std::to_string(index) + "].text: expected a string";
        }
        out->tools.emplace_back(s);
        ++index;
      }
    } else if (key == "meta") {
      // Only the two texts; other members, and these when not strings
      // (a source's own shapes), are not searched.
      od::object meta;
      if (v.get_object().get(meta)) continue;
      for (auto m : meta) {
        std::string_view mkey, s;
        if (m.unescaped_key().get(mkey)) return "meta: a key is not a valid string";
        if (mkey != "title" && mkey != "system") continue;
        od::value mv;
        if (m.value().get(mv)) return "meta." + std::string(mkey) + ": invalid value";
        od::json_type type;
        if (mv.type().get(type)) return "meta." + std::string(mkey) + ": invalid value";
        if (type != od::json_type::string) continue;
        if (mv.get_string().get(s)) return "meta." + std::string(mkey) + ": invalid string";
        if (mkey == "title") {
          if (!own_title) out->title.assign(s);
          meta_title = true;
        } else {
          out->system.assign(s);
          out->has_system = true;
        }
      }
    }
    if (!err.empty()) return err;
  }
  if (!have_id) return "id: missing (each line needs \"id\" or \"entry_id\")";
  if (!out->has_text && !out->has_prompt && !out->has_output && out->tools.empty()) {
    return "no text: each line needs \"text\", or \"prompt\" and \"output\"";
  }
  Document& d = out->doc;
  if (out->has_text) d.fields.push_back({TextField::kText, 0, out->text});
  if (out->has_prompt) d.fields.push_back({TextField::kPrompt, 0, out->prompt});
  if (out->has_output) d.fields.push_back({TextField::kOutput, 0, out->output});
  for (size_t i = 0; i < out->tools.size(); ++i) {
    d.fields.push_back({TextField::kTools, static_cast<uint32_t>(i), out->tools[i]});
  }
  if (out->has_system) d.fields.push_back({TextField::kSystem, 0, out->system});
  out->has_title = own_title || (meta_title && out->turn == 0);
  if (out->has_title) d.fields.push_back({TextField::kTitle, 0, out->title});
  d.model = out->model;
  d.time = out->time;
  d.user = out->user_id;
  d.conversation = out->conversation_id;
  d.entry = out->entry_id;
  return "";
}

}  // namespace winnow::search
