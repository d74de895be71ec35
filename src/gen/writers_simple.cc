// The flat formats: OpenAI messages JSONL, ShareGPT and WildChat.
#include "gen/text_util.h"
#include "gen/writers.h"
#include "util/json_writer.h"

namespace winnow::gen {
namespace {

constexpr int kDeepNesting = 4000;

void Message(JsonWriter* w, std::string_view role_key, std::string_view role, std::string_view text_key,
             std::string_view text) {
  w->BeginObject();
  w->Key(role_key);
  w->String(role);
  w->Key(text_key);
  w->String(text);
  w->EndObject();
}

// Writes the message list as `key` (or a fault in its place).
template <typename F>
void MessageList(JsonWriter* w, std::string* out, std::string_view key, Mutation m, const GenConversation& c,
                 F&& write_messages) {
  if (m == Mutation::kMissingField) return;
  w->Key(key);
  if (m == Mutation::kWrongType) {
    w->String(c.entry_count > 0 ? std::string_view(c.entries[0].prompt) : std::string_view("hello"));
  } else if (m == Mutation::kDeepNesting) {
    std::string deep;
    AppendDeepArray(kDeepNesting, &deep);
    w->Raw(deep);
  } else {
    w->BeginArray();
    write_messages();
    w->EndArray();
  }
}

std::string_view CountryOf(const GenConversation& c) {
  if (c.language != nullptr) return c.language->country;
  static constexpr std::string_view kEnglish[] = {"United States", "United States", "United Kingdom",
                                                  "Canada", "India", "Australia", "Ireland"};
  return kEnglish[c.index % 7];
}

}  // namespace

void AppendDeepArray(int depth, std::string* out) {
  out->append(depth, '[');
  out->append(depth, ']');
}

void AppendOpenAiRecord(const GenConversation& c, Mutation m, std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("id"); w.String(c.id);
  if (!c.user.empty()) { w.Key("user"); w.String(c.user); }
  w.Key("model"); w.String(c.model);
  w.Key("created"); w.Int(c.created);
  MessageList(&w, out, "messages", m, c, [&] {
    if (!c.system_prompt.empty()) Message(&w, "role", "system", "content", c.system_prompt);
    for (size_t i = 0; i < c.entry_count; ++i) {
      Message(&w, "role", "user", "content", c.entries[i].prompt);
      Message(&w, "role", "assistant", "content", c.entries[i].output);
    }
  });
  w.EndObject();
}

void AppendShareGptRecord(const GenConversation& c, Mutation m, std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("id"); w.String(c.id);
  w.Key("model"); w.String(c.model);
  if (m == Mutation::kWrongType) {
    // An object where the list belongs.
    w.Key("conversations");
    w.BeginObject();
    w.Key("from"); w.String("human");
    w.Key("value"); w.String(c.entry_count > 0 ? std::string_view(c.entries[0].prompt) : "hello");
    w.EndObject();
  } else {
    MessageList(&w, out, "conversations", m, c, [&] {
      if (!c.system_prompt.empty()) Message(&w, "from", "system", "value", c.system_prompt);
      for (size_t i = 0; i < c.entry_count; ++i) {
        Message(&w, "from", "human", "value", c.entries[i].prompt);
        Message(&w, "from", "gpt", "value", c.entries[i].output);
      }
    });
  }
  w.EndObject();
}

void AppendWildChatRecord(const GenConversation& c, Mutation m, std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("conversation_hash"); w.String(c.id);
  w.Key("model"); w.String(c.model);
  std::string ts;
  AppendRfc3339Seconds(c.created, &ts);
  w.Key("timestamp"); w.String(ts);
  w.Key("hashed_ip"); w.String(c.user);
  w.Key("country"); w.String(CountryOf(c));
  w.Key("language"); w.String(c.language != nullptr ? c.language->name : "English");
  w.Key("turn"); w.Int(static_cast<int64_t>(c.entry_count));
  w.Key("toxic"); w.Bool(false);
  w.Key("redacted"); w.Bool(false);
  MessageList(&w, out, "conversation", m, c, [&] {
    for (size_t i = 0; i < c.entry_count; ++i) {
      Message(&w, "role", "user", "content", c.entries[i].prompt);
      Message(&w, "role", "assistant", "content", c.entries[i].output);
    }
  });
  w.EndObject();
}

void AppendRecord(GenFormat format, const GenConversation& c, Mutation m, Rng* node_rng, std::string* out) {
  switch (format) {
    case GenFormat::kChatGpt: AppendChatGptRecord(c, m, node_rng, out); return;
    case GenFormat::kOpenAi: AppendOpenAiRecord(c, m, out); return;
    case GenFormat::kShareGpt: AppendShareGptRecord(c, m, out); return;
    case GenFormat::kWildChat: AppendWildChatRecord(c, m, out); return;
  }
}

}  // namespace winnow::gen
