#include "formats/linearize.h"

#include <algorithm>
#include <utility>

#include "util/json_writer.h"

namespace winnow::formats {
namespace {

class EntryBuilder {
 public:
  EntryBuilder(const Conversation& conv, std::vector<Entry>* pool, size_t* count)
      : conv_(conv), pool_(pool), count_(count) {}

  void Thread(const std::vector<uint32_t>* thread, bool alternate) {
    alternate_ = alternate;
    turn_no_ = 0;
    last_system_ = -1;
    open_ = false;
    system_.clear();
    size_t n = thread ? thread->size() : conv_.turns.size();
    for (size_t i = 0; i < n; ++i) Add(thread ? (*thread)[i] : static_cast<uint32_t>(i));
    Close();
    // A thread that holds only system text (a shared-chat banner, custom
    // instructions) still yields one entry, so that text is not dropped.
    if (!system_.empty() && turn_no_ == 0 && last_system_ >= 0) {
      Open(static_cast<uint32_t>(last_system_));
      Close();
    }
  }

 private:
  void Add(uint32_t idx) {
    const Turn& t = conv_.turns[idx];
    switch (t.role) {
      case Role::kSystem:
        last_system_ = static_cast<int>(idx);
        if (!t.text.empty()) {
          if (!system_.empty()) system_ += "\n\n";
          system_ += t.text;
        }
        return;
      case Role::kUser:
        if (open_ && (!e_->output.empty() || !e_->tools.empty())) Close();
        if (!open_) {
          Open(idx);
        } else if (!e_->prompt.empty()) {
          e_->prompt += "\n\n";
        }
        e_->prompt += t.text;
        break;
      case Role::kAssistant:
        if (!open_) Open(idx);
        if (t.recipient.empty() || t.recipient == "all") {
          if (!e_->output.empty()) e_->output += "\n\n";
          e_->output += t.text;
          if (!t.model.empty()) e_->model = t.model;
        } else {
          e_->tools.push_back({"call", t.recipient, t.text});
        }
        break;
      case Role::kTool:
        if (!open_) Open(idx);
        e_->tools.push_back({"result", t.name, t.text});
        break;
    }
    last_ = idx;
    if (!t.meta.empty()) turns_with_meta_.push_back(idx);
    if (time_ < 0 && t.time >= 0) time_ = t.time;
  }

  void Open(uint32_t idx) {
    if (*count_ == pool_->size()) pool_->emplace_back();
    e_ = &(*pool_)[*count_];
    e_->Clear();
    open_ = true;
    first_ = last_ = idx;
    time_ = -1;
    turns_with_meta_.clear();
  }

  void Close() {
    if (!open_) return;
    open_ = false;
    int turn = turn_no_++;
    if (conv_.threads.size() > 1) {
      std::pair<uint32_t, uint32_t> key{first_, last_};
      if (std::find(keys_.begin(), keys_.end(), key) != keys_.end()) return;  // already on an earlier thread
      keys_.push_back(key);
    }
    std::string variant;
    if (alternate_) {
      variant = "alt:" + conv_.turns[first_].node_id + "/" + conv_.turns[last_].node_id;
    }
    e_->entry_id = EntryId(conv_.id, turn, variant);
    e_->conversation_id = conv_.id;
    e_->turn = turn;
    e_->user_id = conv_.user_id;
    if (e_->model.empty()) e_->model = conv_.model;
    e_->time = FormatRfc3339(time_ >= 0 ? time_ : conv_.time);
    e_->alternate = alternate_;
    e_->meta = conv_.meta;
    if (!conv_.title.empty()) {
      MetaField f{"title", ""};
      AppendJsonString(conv_.title, &f.json);
      e_->meta.push_back(std::move(f));
    }
    if (!system_.empty()) {
      MetaField f{"system", ""};
      AppendJsonString(system_, &f.json);
      e_->meta.push_back(std::move(f));
      system_.clear();
    }
    if (e_->output.empty() && e_->tools.empty()) e_->meta.push_back({"unanswered", "true"});
    if (!turns_with_meta_.empty()) e_->meta.push_back({"turn_meta", TurnMeta()});
    ++*count_;
  }

  std::string TurnMeta() const {
    std::string out;
    JsonWriter w(&out);
    w.BeginArray();
    for (uint32_t idx : turns_with_meta_) {
      const Turn& t = conv_.turns[idx];
      w.BeginObject();
      w.Key("role"); w.String(RoleName(t.role));
      if (!t.node_id.empty()) { w.Key("node"); w.String(t.node_id); }
      for (const MetaField& m : t.meta) { w.Key(m.key); w.Raw(m.json); }
      w.EndObject();
    }
    w.EndArray();
    return out;
  }

  const Conversation& conv_;
  std::vector<Entry>* pool_;
  size_t* count_;
  Entry* e_ = nullptr;
  bool open_ = false;
  bool alternate_ = false;
  int turn_no_ = 0;
  int last_system_ = -1;
  uint32_t first_ = 0, last_ = 0;
  double time_ = -1;
  std::string system_;
  std::vector<uint32_t> turns_with_meta_;
  std::vector<std::pair<uint32_t, uint32_t>> keys_;
};

}  // namespace

void Linearize(const Conversation& conv, std::vector<Entry>* pool, size_t* count) {
  *count = 0;
  EntryBuilder builder(conv, pool, count);
  if (conv.threads.empty()) {
    builder.Thread(nullptr, false);
    return;
  }
  for (size_t i = 0; i < conv.threads.size(); ++i) builder.Thread(&conv.threads[i], i > 0);
}

}  // namespace winnow::formats
