// The ChatGPT data export: a conversation whose `mapping` is a tree of nodes;
// `current_node` names the last node of the visible thread. Regenerated
// answers and edited prompts are sibling branches off the visible thread.
#include <vector>

#include "gen/text_util.h"
#include "gen/writers.h"
#include "util/json_writer.h"

namespace winnow::gen {
namespace {

enum class Kind : uint8_t { kRoot, kSystem, kUser, kAssistant, kCall, kQuote };

struct Node {
  std::string id;
  int parent = -1;
  std::vector<int> children;
  Kind kind = Kind::kRoot;
  const std::string* text = nullptr;
  const BrowseStep* step = nullptr;
  double time = 0;
};

class Tree {
 public:
  explicit Tree(Rng* rng) : rng_(rng) {}
  int Add(int parent, Kind kind, const std::string* text, double time, const BrowseStep* step = nullptr) {
    Node n;
    AppendUuid(rng_, &n.id);
    n.parent = parent;
    n.kind = kind;
    n.text = text;
    n.step = step;
    n.time = time;
    nodes_.push_back(std::move(n));
    int idx = static_cast<int>(nodes_.size()) - 1;
    if (parent >= 0) nodes_[parent].children.push_back(idx);
    return idx;
  }
  std::vector<Node>& nodes() { return nodes_; }

 private:
  Rng* rng_;
  std::vector<Node> nodes_;
};

const std::string kEmpty;

void WriteMessage(const Node& n, std::string_view model, JsonWriter* w) {
  w->BeginObject();
  w->Key("id"); w->String(n.id);
  w->Key("author");
  w->BeginObject();
  std::string_view role = n.kind == Kind::kSystem ? "system"
                          : n.kind == Kind::kUser ? "user"
                          : n.kind == Kind::kQuote ? "tool" : "assistant";
  w->Key("role"); w->String(role);
  w->Key("name");
  if (n.kind == Kind::kQuote) w->String("browser"); else w->Null();
  w->Key("metadata"); w->Raw("{}");
  w->EndObject();
  w->Key("create_time"); w->Double(n.time);
  w->Key("update_time"); w->Null();
  w->Key("content");
  w->BeginObject();
  if (n.kind == Kind::kCall) {
    w->Key("content_type"); w->String("code");
    w->Key("language"); w->String("unknown");
    w->Key("text"); w->String(n.step->call);
  } else if (n.kind == Kind::kQuote) {
    w->Key("content_type"); w->String("tether_quote");
    w->Key("url"); w->String(n.step->url);
    w->Key("domain"); w->String(n.step->domain);
    w->Key("text"); w->String(n.step->quote);
    w->Key("title"); w->String(n.step->title);
  } else {
    w->Key("content_type"); w->String("text");
    w->Key("parts");
    w->BeginArray();
    w->String(*n.text);
    w->EndArray();
  }
  w->EndObject();
  w->Key("status"); w->String("finished_successfully");
  w->Key("end_turn");
  if (n.kind == Kind::kAssistant) w->Bool(true); else w->Null();
  w->Key("weight"); w->Raw(n.kind == Kind::kSystem ? "0.0" : "1.0");
  w->Key("metadata");
  w->BeginObject();
  if (n.kind == Kind::kSystem) {
    w->Key("is_visually_hidden_from_conversation"); w->Bool(true);
  } else if (n.kind != Kind::kUser) {
    w->Key("model_slug"); w->String(model);
  }
  w->EndObject();
  w->Key("recipient"); w->String(n.kind == Kind::kCall ? "browser" : "all");
  w->EndObject();
}

}  // namespace

int AlternateEntries(const GenConversation& c) {
  int n = 0;
  for (size_t i = 0; i < c.entry_count; ++i) {
    n += !c.entries[i].regenerated_output.empty();
    n += !c.entries[i].edited_prompt.empty();
  }
  return n;
}

void AppendChatGptRecord(const GenConversation& c, Mutation m, Rng* rng, std::string* out) {
  Tree tree(rng);
  double t = static_cast<double>(c.created);
  auto frac = [&] { return static_cast<double>(rng->Below(1000000)) / 1e6; };
  int prev = tree.Add(-1, Kind::kRoot, nullptr, 0);
  if (c.system_node) prev = tree.Add(prev, Kind::kSystem, &kEmpty, t);
  std::vector<int> branch_parents;
  for (size_t i = 0; i < c.entry_count; ++i) {
    const GenEntry& e = c.entries[i];
    double et = static_cast<double>(e.time) + frac();
    if (!e.edited_prompt.empty()) {
      int u = tree.Add(prev, Kind::kUser, &e.edited_prompt, et - 30);
      tree.Add(u, Kind::kAssistant, &e.edited_output, et - 25);
      branch_parents.push_back(prev);
    }
    int cur = tree.Add(prev, Kind::kUser, &e.prompt, et);
    for (const BrowseStep& s : e.browse) {
      et += 1.5;
      cur = tree.Add(cur, Kind::kCall, nullptr, et, &s);
      et += 2.25;
      cur = tree.Add(cur, Kind::kQuote, nullptr, et, &s);
    }
    if (!e.regenerated_output.empty()) {
      tree.Add(cur, Kind::kAssistant, &e.regenerated_output, et + 3);
      branch_parents.push_back(cur);
    }
    prev = tree.Add(cur, Kind::kAssistant, &e.output, et + 4 + frac());
  }
  // The visible branch is not always the last child.
  for (int p : branch_parents) {
    auto& ch = tree.nodes()[p].children;
    if (rng->Chance(0.5)) std::swap(ch.front(), ch.back());
  }
  const std::vector<Node>& nodes = tree.nodes();
  JsonWriter w(out);
  w.BeginObject();
  w.Key("title"); w.String(c.title);
  w.Key("create_time"); w.Double(t + frac());
  w.Key("update_time"); w.Double(nodes[prev].time + 1);
  if (m == Mutation::kWrongType) {
    w.Key("mapping"); w.String(nodes[prev].id);
  } else if (m == Mutation::kDeepNesting) {
    std::string deep;
    AppendDeepArray(4000, &deep);
    w.Key("mapping"); w.Raw(deep);
  } else if (m != Mutation::kMissingField) {
    w.Key("mapping");
    w.BeginObject();
    for (const Node& n : nodes) {
      w.Key(n.id);
      w.BeginObject();
      w.Key("id"); w.String(n.id);
      w.Key("message");
      if (n.kind == Kind::kRoot) w.Null(); else WriteMessage(n, c.model, &w);
      w.Key("parent");
      if (n.parent < 0) w.Null(); else w.String(nodes[n.parent].id);
      w.Key("children");
      w.BeginArray();
      for (int ch : n.children) w.String(nodes[ch].id);
      w.EndArray();
      w.EndObject();
    }
    w.EndObject();
  }
  w.Key("moderation_results"); w.Raw("[]");
  w.Key("current_node"); w.String(nodes[prev].id);
  w.Key("plugin_ids"); w.Null();
  w.Key("conversation_id"); w.String(c.id);
  w.Key("conversation_template_id"); w.Null();
  w.Key("gizmo_id"); w.Null();
  w.Key("is_archived"); w.Bool(false);
  w.Key("safe_urls"); w.Raw("[]");
  w.Key("default_model_slug"); w.String(c.model);
  w.Key("id"); w.String(c.id);
  w.EndObject();
}

}  // namespace winnow::gen
