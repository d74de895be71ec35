#include <string>

#include "formats/record_parser.h"
#include "util/json_writer.h"

namespace winnow::formats {

bool MapRole(std::string_view name, Role* role) {
  static constexpr std::pair<std::string_view, Role> kRoles[] = {
      {"user", Role::kUser},           {"human", Role::kUser},          {"prompter", Role::kUser},
      {"assistant", Role::kAssistant}, {"gpt", Role::kAssistant},       {"chatgpt", Role::kAssistant},
      {"bard", Role::kAssistant},      {"bing", Role::kAssistant},      {"model", Role::kAssistant},
      {"bot", Role::kAssistant},       {"system", Role::kSystem},       {"developer", Role::kSystem},
      {"tool", Role::kTool},           {"function", Role::kTool},       {"observation", Role::kTool},
      {"function_call", Role::kTool},  {"ipython", Role::kTool},
  };
  for (const auto& [n, r] : kRoles) {
    if (n == name) {
      *role = r;
      return true;
    }
  }
  return false;
}

namespace {

// One element of a content array.
bool ReadPart(od::value part, const std::string& field, Turn* turn, std::string* attachments,
              std::string* reason) {
  od::json_type type;
  if (auto err = part.type().get(type)) { *reason = FieldError(field, err); return false; }
  if (type == od::json_type::string) {
    std::string_view s;
    if (auto err = part.get_string().get(s)) { *reason = FieldError(field, err); return false; }
    if (!turn->text.empty()) turn->text.push_back('\n');
    turn->text.append(s);
    return true;
  }
  if (type != od::json_type::object) {
    *reason = field + ": expected a string or an object, got " + JsonTypeName(type);
    return false;
  }
  od::object obj;
  if (auto err = part.get_object().get(obj)) { *reason = FieldError(field, err); return false; }
  std::string part_type, text, url;
  bool has_text = false;
  for (auto f : obj) {
    std::string_view key;
    if (auto err = f.unescaped_key().get(key)) { *reason = FieldError(field, err); return false; }
    od::value v;
    if (auto err = f.value().get(v)) { *reason = FieldError(field, err); return false; }
    if (key == "type" || key == "content_type") {
      if (!GetOptionalString(v, field + "." + std::string(key), &part_type, reason)) return false;
    } else if (key == "text" || key == "refusal") {
      if (!GetOptionalString(v, field + "." + std::string(key), &text, reason)) return false;
      has_text = true;
    } else if (key == "image_url" || key == "file" || key == "input_audio" || key == "asset_pointer") {
      if (part_type.empty()) part_type = std::string(key);
      std::string raw;
      if (!RawJson(v, &raw)) { *reason = field + "." + std::string(key) + ": malformed or too deeply nested JSON"; return false; }
      // Keep references, not inline data: a data: URL can be megabytes of base64.
      if (raw.find("data:") == std::string::npos && raw.size() < 4096) url = raw;
    }
  }
  if (has_text) {
    if (!turn->text.empty()) turn->text.push_back('\n');
    turn->text.append(text);
    return true;
  }
  if (part_type.empty()) part_type = "part";
  if (!turn->text.empty()) turn->text.push_back('\n');
  turn->text += "[" + part_type + "]";
  if (attachments->size() > 1) attachments->push_back(',');
  std::string one;
  JsonWriter a(&one);
  a.BeginObject();
  a.Key("type"); a.String(part_type);
  if (!url.empty()) { a.Key("ref"); a.Raw(url); }
  a.EndObject();
  attachments->append(one);
  return true;
}

}  // namespace

bool ReadContent(od::value value, std::string_view field, Turn* turn, std::string* reason) {
  od::json_type type;
  if (auto err = value.type().get(type)) { *reason = FieldError(field, err); return false; }
  if (type == od::json_type::null) return true;
  if (type == od::json_type::string) {
    std::string_view s;
    if (auto err = value.get_string().get(s)) { *reason = FieldError(field, err); return false; }
    turn->text.append(s);
    return true;
  }
  if (type != od::json_type::array) {
    *reason = std::string(field) + ": expected a string or an array of parts, got " + JsonTypeName(type);
    return false;
  }
  od::array parts;
  if (auto err = value.get_array().get(parts)) { *reason = FieldError(field, err); return false; }
  std::string attachments = "[";
  size_t i = 0;
  for (auto p : parts) {
    std::string pf = std::string(field) + "[" + std::to_string(i++) + "]";
    od::value v;
    if (auto err = p.get(v)) { *reason = FieldError(pf, err); return false; }
    if (!ReadPart(v, pf, turn, &attachments, reason)) return false;
  }
  if (attachments.size() > 1) turn->meta.push_back({"attachments", attachments + "]"});
  return true;
}

// Prefixes a reason that names a field relative to a message with the
// message's own name ("content: ..." -> "messages[3].content: ...").
static bool Prefix(const std::string& message, std::string* reason) {
  *reason = message + "." + *reason;
  return false;
}

bool ReadTurnList(od::array messages, std::string_view field, std::string_view role_key,
                  std::string_view content_key, Conversation* conv, std::string* reason) {
  size_t i = 0;
  // The field's name ("messages[3]") is built only when a message is bad:
  // this loop runs for every message of every record.
  std::string mf;
  auto name = [&]() -> const std::string& {
    mf = std::string(field) + "[" + std::to_string(i - 1) + "]";
    return mf;
  };
  for (auto m : messages) {
    ++i;
    od::object obj;
    if (auto err = m.get_object().get(obj)) {
      *reason = err == simdjson::INCORRECT_TYPE ? name() + ": expected an object" : FieldError(name(), err);
      return false;
    }
    Turn& turn = conv->turns.emplace_back();
    bool has_role = false, has_content = false;
    std::string role_name;
    for (auto f : obj) {
      std::string_view key;
      if (auto err = f.unescaped_key().get(key)) { *reason = FieldError(name(), err); return false; }
      od::value v;
      if (auto err = f.value().get(v)) { *reason = FieldError(name() + "." + std::string(key), err); return false; }
      if (key == role_key) {
        if (!GetOptionalString(v, key, &role_name, reason)) return Prefix(name(), reason);
        has_role = true;
      } else if (key == content_key) {
        if (!ReadContent(v, key, &turn, reason)) return Prefix(name(), reason);
        has_content = true;
      } else if (key == "name") {
        if (!GetOptionalString(v, "name", &turn.name, reason)) return Prefix(name(), reason);
      } else if (key == "model") {
        if (!GetOptionalString(v, "model", &turn.model, reason)) return Prefix(name(), reason);
      } else if (key == "timestamp" || key == "create_time" || key == "created") {
        turn.time = GetTime(v);
      } else if (key == "tool_calls" || key == "function_call") {
        // Calls become the turn's text as raw JSON: they are what the model sent to the tool.
        std::string raw;
        if (!RawJson(v, &raw)) { *reason = name() + "." + std::string(key) + ": malformed or too deeply nested JSON"; return false; }
        if (raw != "null") {
          turn.recipient = "tool_calls";
          if (!turn.text.empty()) turn.text.push_back('\n');
          turn.text += raw;
        }
      } else {
        if (!AddRawMeta(key, v, &turn.meta)) { *reason = name() + "." + std::string(key) + ": malformed or too deeply nested JSON"; return false; }
      }
    }
    if (!has_role) { *reason = name() + ": missing field '" + std::string(role_key) + "'"; return false; }
    if (!has_content && turn.recipient.empty()) {
      *reason = name() + ": missing field '" + std::string(content_key) + "'";
      return false;
    }
    if (!MapRole(role_name, &turn.role)) {
      *reason = name() + "." + std::string(role_key) + ": unknown role '" + role_name + "'";
      return false;
    }
  }
  return true;
}

}  // namespace winnow::formats
