#include "gen/truth.h"

#include "gen/text_util.h"
#include "util/json_writer.h"
#include "winnow/conversation.h"

namespace winnow::gen {
namespace {

const std::string& FieldText(const GenEntry& e, const Plant& p) {
  switch (p.field) {
    case Field::kPrompt: return e.prompt;
    case Field::kOutput: return e.output;
    case Field::kTool: {
      const BrowseStep& s = e.browse[p.tool_index / 2];
      return p.tool_index % 2 == 0 ? s.call : s.quote;
    }
  }
  return e.prompt;
}

}  // namespace

void AppendConversationTruth(const GenConversation& c, std::string* out, TruthCounts* counts) {
  for (size_t turn = 0; turn < c.entry_count; ++turn) {
    const GenEntry& e = c.entries[turn];
    if (e.plants.empty()) continue;
    std::string entry_id = EntryId(c.id, static_cast<int>(turn), "");
    for (const Plant& p : e.plants) {
      std::string_view text = FieldText(e, p);
      uint64_t start = CodePoints(text.substr(0, p.begin));
      uint64_t end = start + CodePoints(text.substr(p.begin, p.end - p.begin));
      JsonWriter w(out);
      w.BeginObject();
      w.Key("kind"); w.String(p.kind);
      w.Key("entry_id"); w.String(entry_id);
      w.Key("conversation_id"); w.String(c.id);
      w.Key("turn"); w.Uint(turn);
      w.Key("field"); w.String(FieldName(p.field));
      if (p.field == Field::kTool) { w.Key("tool_index"); w.Int(p.tool_index); }
      w.Key("start"); w.Uint(start);
      w.Key("end"); w.Uint(end);
      out->append(p.members);
      w.EndObject();
      out->push_back('\n');
      ++(*counts)[std::string(p.kind)];
    }
  }
  if (!c.user.empty()) {
    JsonWriter w(out);
    w.BeginObject();
    w.Key("kind"); w.String("user_meta");
    w.Key("conversation_id"); w.String(c.id);
    w.Key("key"); w.String(c.user_kind == "hashed_ip" ? "hashed_ip" : "user");
    w.Key("type"); w.String(c.user_kind);
    w.Key("value"); w.String(c.user);
    w.EndObject();
    out->push_back('\n');
    ++(*counts)["user_meta"];
  }
}

void AppendCorruptTruth(uint64_t record, uint64_t line, uint64_t offset, std::string_view conversation_id,
                        std::string_view reason, std::string_view duplicate_of, std::string* out,
                        TruthCounts* counts) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("kind"); w.String("corrupt");
  w.Key("record"); w.Uint(record);
  w.Key("line"); w.Uint(line);
  w.Key("offset"); w.Uint(offset);
  w.Key("conversation_id"); w.String(conversation_id);
  w.Key("reason"); w.String(reason);
  if (!duplicate_of.empty()) { w.Key("duplicate_of_record"); w.Raw(duplicate_of); }
  w.EndObject();
  out->push_back('\n');
  ++(*counts)["corrupt"];
}

}  // namespace winnow::gen
