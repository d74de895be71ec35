// The linear formats: OpenAI chat `messages` JSON lines, ShareGPT, WildChat /
// LMSYS-Chat, and instruction records. They differ only in which top-level
// keys hold the id, the user, the time and the list of messages, so one
// table-driven parser serves them all.
#include <vector>

#include "formats/record_parser.h"

namespace winnow::formats {
namespace {

struct LinearSpec {
  std::string_view messages_key;  // the array of messages
  std::string_view role_key;
  std::string_view content_key;
  std::vector<std::string_view> id_keys;    // first present wins
  std::vector<std::string_view> user_keys;  // first present wins
};


bool IsOneOf(std::string_view key, const std::vector<std::string_view>& keys, int* rank) {
  int r = 0;
  for (std::string_view k : keys) {
    if (k == key) {
      *rank = r;
      return true;
    }
    ++r;
  }
  return false;
}

class LinearParser final : public RecordParser {
 public:
  explicit LinearParser(LinearSpec spec) : spec_(spec) {}

  bool Parse(od::document& doc, std::string_view raw, Conversation* conv, std::string* reason) override {
    conv->Clear();
    od::object obj;
    if (auto err = doc.get_object().get(obj)) {
      *reason = err == simdjson::INCORRECT_TYPE ? "record: expected an object" : FieldError("record", err);
      return false;
    }
    bool has_messages = false;
    int id_rank = 99, user_rank = 99, rank;
    for (auto f : obj) {
      std::string_view key;
      if (auto err = f.unescaped_key().get(key)) { *reason = FieldError("record", err); return false; }
      od::value v;
      if (auto err = f.value().get(v)) { *reason = FieldError(key, err); return false; }
      if (key == spec_.messages_key) {
        od::array arr;
        if (auto err = v.get_array().get(arr)) {
          *reason = err == simdjson::INCORRECT_TYPE ? std::string(key) + ": expected an array"
                                                    : FieldError(key, err);
          return false;
        }
        if (!ReadTurnList(arr, key, spec_.role_key, spec_.content_key, conv, reason)) return false;
        has_messages = true;
      } else if (IsOneOf(key, spec_.id_keys, &rank) && rank < id_rank) {
        if (!ReadId(v, key, &conv->id, reason)) return false;
        id_rank = rank;
      } else if (IsOneOf(key, spec_.user_keys, &rank) && rank < user_rank) {
        if (!ReadId(v, key, &conv->user_id, reason)) return false;
        user_rank = rank;
        if (key != "user_id" && key != "user") AddStringMeta(key, conv->user_id, &conv->meta);
      } else if (key == "model") {
        if (!GetOptionalString(v, key, &conv->model, reason)) return false;
      } else if (key == "title") {
        if (!GetOptionalString(v, key, &conv->title, reason)) return false;
      } else if (key == "timestamp" || key == "created" || key == "create_time" || key == "tstamp") {
        conv->time = GetTime(v);
      } else {
        if (!AddRawMeta(key, v, &conv->meta)) { *reason = std::string(key) + ": malformed or too deeply nested JSON"; return false; }
      }
    }
    if (!has_messages) {
      *reason = "record: missing field '" + std::string(spec_.messages_key) + "'";
      return false;
    }
    if (conv->id.empty()) conv->id = DerivedConversationId(raw);
    return true;
  }

 private:
  // Ids may be strings or integers.
  static bool ReadId(od::value v, std::string_view key, std::string* out, std::string* reason) {
    od::json_type type;
    if (auto err = v.type().get(type)) { *reason = FieldError(key, err); return false; }
    if (type == od::json_type::number) {
      std::string_view tok;
      tok = v.raw_json_token();
      while (!tok.empty() && (tok.back() == ' ' || tok.back() == '\n' || tok.back() == '\r' || tok.back() == '\t')) tok.remove_suffix(1);
      out->assign(tok);
      return true;
    }
    return GetOptionalString(v, key, out, reason);
  }

  LinearSpec spec_;
};

// Instruction and prompt records ({"instruction", "input", "output"} or
// {"prompt", "response"}): one user turn and, when present, one answer.
class InstructionParser final : public RecordParser {
 public:
  bool Parse(od::document& doc, std::string_view raw, Conversation* conv, std::string* reason) override {
    conv->Clear();
    od::object obj;
    if (auto err = doc.get_object().get(obj)) {
      *reason = err == simdjson::INCORRECT_TYPE ? "record: expected an object" : FieldError("record", err);
      return false;
    }
    Turn prompt, answer;
    prompt.role = Role::kUser;
    answer.role = Role::kAssistant;
    std::string input;
    bool has_prompt = false;
    for (auto f : obj) {
      std::string_view key;
      if (auto err = f.unescaped_key().get(key)) { *reason = FieldError("record", err); return false; }
      od::value v;
      if (auto err = f.value().get(v)) { *reason = FieldError(key, err); return false; }
      if (key == "instruction" || key == "prompt") {
        if (!GetOptionalString(v, key, &prompt.text, reason)) return false;
        has_prompt = true;
      } else if (key == "input") {
        if (!GetOptionalString(v, key, &input, reason)) return false;
      } else if (key == "output" || key == "response" || key == "completion") {
        if (!GetOptionalString(v, key, &answer.text, reason)) return false;
      } else if (key == "id") {
        if (!GetOptionalString(v, key, &conv->id, reason)) return false;
      } else if (key == "model") {
        if (!GetOptionalString(v, key, &conv->model, reason)) return false;
      } else {
        if (!AddRawMeta(key, v, &conv->meta)) { *reason = std::string(key) + ": malformed or too deeply nested JSON"; return false; }
      }
    }
    if (!has_prompt) { *reason = "record: missing field 'instruction' or 'prompt'"; return false; }
    if (!input.empty()) prompt.text += "\n\n" + input;
    conv->turns.push_back(std::move(prompt));
    if (!answer.text.empty()) conv->turns.push_back(std::move(answer));
    if (conv->id.empty()) conv->id = DerivedConversationId(raw);
    return true;
  }
};

}  // namespace

std::unique_ptr<RecordParser> NewChatGptParser();  // chatgpt_export.cc

std::unique_ptr<RecordParser> NewRecordParser(ChatFormat format) {
  switch (format) {
    case ChatFormat::kOpenAiMessages:
      return std::make_unique<LinearParser>(
          LinearSpec{"messages", "role", "content", {"id", "conversation_id"}, {"user", "user_id"}});
    case ChatFormat::kShareGpt:
      return std::make_unique<LinearParser>(
          LinearSpec{"conversations", "from", "value", {"id", "conversation_id"}, {"user_id", "user"}});
    case ChatFormat::kWildChat:
      return std::make_unique<LinearParser>(LinearSpec{
          "conversation", "role", "content", {"conversation_hash", "conversation_id", "id"},
          {"user_id", "hashed_user", "hashed_ip"}});
    case ChatFormat::kInstructions:
      return std::make_unique<InstructionParser>();
    case ChatFormat::kChatGpt:
      return NewChatGptParser();
    case ChatFormat::kAuto:
      break;
  }
  return nullptr;
}

ChatFormat DetectRecordFormat(od::document& doc) {
  od::object obj;
  if (doc.get_object().get(obj)) return ChatFormat::kAuto;
  ChatFormat found = ChatFormat::kAuto;
  for (auto f : obj) {
    std::string_view key;
    if (f.unescaped_key().get(key)) return ChatFormat::kAuto;
    if (key == "mapping") return ChatFormat::kChatGpt;
    if (key == "messages") found = ChatFormat::kOpenAiMessages;
    else if (key == "conversations" && found == ChatFormat::kAuto) found = ChatFormat::kShareGpt;
    else if (key == "conversation" && found == ChatFormat::kAuto) found = ChatFormat::kWildChat;
    else if ((key == "instruction" || key == "prompt") && found == ChatFormat::kAuto) found = ChatFormat::kInstructions;
  }
  return found;
}

}  // namespace winnow::formats
