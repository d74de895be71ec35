// The ChatGPT data export: `conversations.json`, an array of conversations
// whose `mapping` is a tree of message nodes. The visible thread is the path
// from `current_node` up to the root; every other leaf's path holds edited
// prompts or regenerated answers, which become alternate entries.
#include <algorithm>
#include <unordered_map>

#include "formats/record_parser.h"

namespace winnow::formats {
namespace {

struct Node {
  std::string id;
  std::string parent;
  int turn = -1;        // index into conv->turns, -1 for an empty or null message
  double time = -1;
  size_t order = 0;     // position in the mapping, for stable tie-breaks
};

class ChatGptParser final : public RecordParser {
 public:
  bool Parse(od::document& doc, std::string_view raw, Conversation* conv, std::string* reason) override {
    conv->Clear();
    nodes_.clear();
    current_.clear();
    od::object obj;
    if (auto err = doc.get_object().get(obj)) {
      *reason = err == simdjson::INCORRECT_TYPE ? "record: expected an object" : FieldError("record", err);
      return false;
    }
    bool has_mapping = false;
    std::string id_field;
    for (auto f : obj) {
      std::string_view key;
      if (auto err = f.unescaped_key().get(key)) { *reason = FieldError("record", err); return false; }
      od::value v;
      if (auto err = f.value().get(v)) { *reason = FieldError(key, err); return false; }
      if (key == "mapping") {
        if (!ParseMapping(v, conv, reason)) return false;
        has_mapping = true;
      } else if (key == "current_node") {
        if (!GetOptionalString(v, key, &current_, reason)) return false;
      } else if (key == "conversation_id") {
        if (!GetOptionalString(v, key, &conv->id, reason)) return false;
      } else if (key == "id") {
        if (!GetOptionalString(v, key, &id_field, reason)) return false;
      } else if (key == "title") {
        if (!GetOptionalString(v, key, &conv->title, reason)) return false;
      } else if (key == "create_time") {
        conv->time = GetTime(v);
      } else if (key == "default_model_slug") {
        if (!GetOptionalString(v, key, &conv->model, reason)) return false;
      } else {
        if (!AddRawMeta(key, v, &conv->meta)) { *reason = std::string(key) + ": malformed or too deeply nested JSON"; return false; }
      }
    }
    if (!has_mapping) { *reason = "record: missing field 'mapping'"; return false; }
    if (conv->id.empty()) conv->id = id_field;
    if (conv->id.empty()) conv->id = DerivedConversationId(raw);
    return BuildThreads(conv, reason);
  }

 private:
  bool ParseMapping(od::value v, Conversation* conv, std::string* reason) {
    od::object mapping;
    if (auto err = v.get_object().get(mapping)) {
      *reason = err == simdjson::INCORRECT_TYPE ? "mapping: expected an object" : FieldError("mapping", err);
      return false;
    }
    for (auto f : mapping) {
      std::string_view key;
      if (auto err = f.unescaped_key().get(key)) { *reason = FieldError("mapping", err); return false; }
      std::string nf = "mapping." + std::string(key);
      od::object node_obj;
      if (auto err = f.value().get_object().get(node_obj)) {
        *reason = err == simdjson::INCORRECT_TYPE ? nf + ": expected an object" : FieldError(nf, err);
        return false;
      }
      Node node;
      node.id = std::string(key);
      node.order = nodes_.size();
      for (auto nfld : node_obj) {
        std::string_view nk;
        if (auto err = nfld.unescaped_key().get(nk)) { *reason = FieldError(nf, err); return false; }
        od::value nv;
        if (auto err = nfld.value().get(nv)) { *reason = FieldError(nf + "." + std::string(nk), err); return false; }
        if (nk == "parent") {
          if (!GetOptionalString(nv, nf + ".parent", &node.parent, reason)) return false;
        } else if (nk == "message") {
          bool is_null = false;
          if (nv.is_null().get(is_null) == simdjson::SUCCESS && is_null) continue;
          Turn turn;
          turn.node_id = node.id;
          if (!ParseMessage(nv, nf + ".message", &turn, reason)) return false;
          node.time = turn.time;
          if (!turn.text.empty()) {
            node.turn = static_cast<int>(conv->turns.size());
            conv->turns.push_back(std::move(turn));
          }
        }
        // "id" repeats the key; "children" is derived from the parents.
      }
      nodes_.push_back(std::move(node));
    }
    return true;
  }

  bool ParseMessage(od::value v, const std::string& field, Turn* turn, std::string* reason) {
    od::object msg;
    if (auto err = v.get_object().get(msg)) {
      *reason = err == simdjson::INCORRECT_TYPE ? field + ": expected an object or null" : FieldError(field, err);
      return false;
    }
    bool has_author = false;
    std::string role;
    context_is_system_ = false;
    for (auto f : msg) {
      std::string_view key;
      if (auto err = f.unescaped_key().get(key)) { *reason = FieldError(field, err); return false; }
      od::value mv;
      if (auto err = f.value().get(mv)) { *reason = FieldError(field + "." + std::string(key), err); return false; }
      std::string kf = field + "." + std::string(key);
      if (key == "author") {
        od::object author;
        if (mv.get_object().get(author)) { *reason = kf + ": expected an object"; return false; }
        for (auto af : author) {
          std::string_view ak;
          if (auto err = af.unescaped_key().get(ak)) { *reason = FieldError(kf, err); return false; }
          od::value av;
          if (auto err = af.value().get(av)) { *reason = FieldError(kf, err); return false; }
          if (ak == "role") {
            if (!GetOptionalString(av, kf + ".role", &role, reason)) return false;
            has_author = true;
          } else if (ak == "name") {
            if (!GetOptionalString(av, kf + ".name", &turn->name, reason)) return false;
          }
        }
      } else if (key == "content") {
        if (!ParseContent(mv, kf, turn, reason)) return false;
      } else if (key == "create_time") {
        turn->time = GetTime(mv);
      } else if (key == "recipient") {
        if (!GetOptionalString(mv, kf, &turn->recipient, reason)) return false;
      } else if (key == "metadata") {
        od::object meta;
        if (mv.get_object().get(meta) == simdjson::SUCCESS) {
          for (auto mf : meta) {
            std::string_view mk;
            if (mf.unescaped_key().get(mk)) break;
            if (mk == "model_slug") {
              od::value sv;
              if (mf.value().get(sv) == simdjson::SUCCESS && !GetOptionalString(sv, kf + ".model_slug", &turn->model, reason)) return false;
            }
          }
        }
      }
    }
    if (!has_author) { *reason = field + ": missing field 'author.role'"; return false; }
    if (!MapRole(role, &turn->role)) { *reason = field + ".author.role: unknown role '" + role + "'"; return false; }
    if (context_is_system_) turn->role = Role::kSystem;
    return true;
  }

  bool ParseContent(od::value v, const std::string& field, Turn* turn, std::string* reason) {
    od::object content;
    if (auto err = v.get_object().get(content)) {
      *reason = err == simdjson::INCORRECT_TYPE ? field + ": expected an object" : FieldError(field, err);
      return false;
    }
    context_is_system_ = false;
    std::string content_type, text, result, profile, instructions, other;
    Turn from_parts;
    bool has_parts = false;
    for (auto f : content) {
      std::string_view key;
      if (auto err = f.unescaped_key().get(key)) { *reason = FieldError(field, err); return false; }
      od::value cv;
      if (auto err = f.value().get(cv)) { *reason = FieldError(field + "." + std::string(key), err); return false; }
      std::string kf = field + "." + std::string(key);
      if (key == "content_type") {
        if (!GetOptionalString(cv, kf, &content_type, reason)) return false;
      } else if (key == "parts") {
        if (!ReadContent(cv, kf, &from_parts, reason)) return false;
        has_parts = true;
      } else if (key == "text") {
        if (!GetOptionalString(cv, kf, &text, reason)) return false;
      } else if (key == "result") {
        if (!GetOptionalString(cv, kf, &result, reason)) return false;
      } else if (key == "user_profile") {
        if (!GetOptionalString(cv, kf, &profile, reason)) return false;
      } else if (key == "user_instructions") {
        if (!GetOptionalString(cv, kf, &instructions, reason)) return false;
      } else if (key == "model_set_context") {
        if (!GetOptionalString(cv, kf, &other, reason)) return false;
      } else if (key == "url" || key == "title" || key == "domain" || key == "language") {
        if (!AddRawMeta(key, cv, &turn->meta)) { *reason = kf + ": malformed or too deeply nested JSON"; return false; }
      }
    }
    if (has_parts) {
      turn->text = std::move(from_parts.text);
      for (auto& m : from_parts.meta) turn->meta.push_back(std::move(m));
    } else if (!text.empty()) {
      turn->text = std::move(text);
    } else if (!result.empty()) {
      turn->text = std::move(result);
    } else if (!profile.empty() || !instructions.empty() || !other.empty()) {
      // Custom instructions and memory: context the user set, not a prompt.
      context_is_system_ = true;
      turn->text = profile;
      if (!instructions.empty()) turn->text += (turn->text.empty() ? "" : "\n\n") + instructions;
      if (!other.empty()) turn->text += (turn->text.empty() ? "" : "\n\n") + other;
    }
    if (!content_type.empty() && content_type != "text") {
      turn->meta.push_back({"content_type", "\"" + content_type + "\""});
    }
    return true;
  }

  bool BuildThreads(Conversation* conv, std::string* reason) {
    std::unordered_map<std::string_view, size_t> index;
    index.reserve(nodes_.size() * 2);
    for (size_t i = 0; i < nodes_.size(); ++i) {
      if (!index.emplace(nodes_[i].id, i).second) {
        *reason = "mapping: duplicate node id '" + nodes_[i].id + "'";
        return false;
      }
    }
    std::vector<int> parent(nodes_.size(), -1);
    std::vector<bool> has_child(nodes_.size(), false);
    for (size_t i = 0; i < nodes_.size(); ++i) {
      auto it = nodes_[i].parent.empty() ? index.end() : index.find(nodes_[i].parent);
      if (it != index.end()) {
        parent[i] = static_cast<int>(it->second);
        has_child[it->second] = true;
      }
    }
    // The visible leaf: current_node, else the latest leaf.
    int main_leaf = -1;
    if (auto it = index.find(current_); !current_.empty() && it != index.end()) main_leaf = static_cast<int>(it->second);
    std::vector<size_t> leaves;
    for (size_t i = 0; i < nodes_.size(); ++i) {
      if (!has_child[i]) leaves.push_back(i);
    }
    if (main_leaf < 0 && !leaves.empty()) {
      main_leaf = static_cast<int>(*std::max_element(leaves.begin(), leaves.end(), [&](size_t a, size_t b) {
        return nodes_[a].time != nodes_[b].time ? nodes_[a].time < nodes_[b].time : a < b;
      }));
    }
    if (main_leaf < 0) return true;  // an empty mapping: no entries
    std::vector<uint32_t> path;
    if (!PathTo(main_leaf, parent, &path, reason)) return false;
    conv->threads.push_back(path);
    for (size_t leaf : leaves) {
      if (static_cast<int>(leaf) == main_leaf) continue;
      if (!PathTo(static_cast<int>(leaf), parent, &path, reason)) return false;
      if (!path.empty()) conv->threads.push_back(path);
    }
    return true;
  }

  // The turns on the path from the root to `leaf`, in order.
  bool PathTo(int leaf, const std::vector<int>& parent, std::vector<uint32_t>* path, std::string* reason) {
    path->clear();
    size_t steps = 0;
    for (int n = leaf; n >= 0; n = parent[n]) {
      if (++steps > nodes_.size()) {
        *reason = "mapping: parent links form a cycle at node '" + nodes_[leaf].id + "'";
        return false;
      }
      if (nodes_[n].turn >= 0) path->push_back(static_cast<uint32_t>(nodes_[n].turn));
    }
    std::reverse(path->begin(), path->end());
    return true;
  }

  std::vector<Node> nodes_;
  std::string current_;
  bool context_is_system_ = false;
};

}  // namespace

std::unique_ptr<RecordParser> NewChatGptParser() { return std::make_unique<ChatGptParser>(); }

}  // namespace winnow::formats
