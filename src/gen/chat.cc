#include "gen/chat.h"

namespace winnow::gen {

const char* FieldName(Field f) {
  switch (f) {
    case Field::kPrompt: return "prompt";
    case Field::kOutput: return "output";
    case Field::kTool: return "tools";
  }
  return "?";
}

void GenEntry::Clear() {
  prompt.clear();
  output.clear();
  browse.clear();
  plants.clear();
  regenerated_output.clear();
  edited_prompt.clear();
  edited_output.clear();
  time = 0;
}

void GenConversation::Clear() {
  id.clear();
  user.clear();
  user_kind.clear();
  model.clear();
  title.clear();
  system_prompt.clear();
  system_node = false;
  language = nullptr;
  created = 0;
  entry_count = 0;
}

GenEntry& GenConversation::AddEntry() {
  if (entry_count == entries.size()) entries.emplace_back();
  GenEntry& e = entries[entry_count++];
  e.Clear();
  return e;
}

}  // namespace winnow::gen
