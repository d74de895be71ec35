#include "produce/documents.h"

#include <algorithm>
#include <climits>
#include <span>

#include <fmt/format.h>

#include "produce/span_map.h"
#include "util/hex.h"
#include "util/json_writer.h"
#include "util/sha256.h"

namespace winnow::produce {

std::vector<std::string> LoadFileFields() {
  return {"BEGBATES", "ENDBATES", "LEVEL", "CONVERSATION", "USER", "DATETIME", "MODEL", "ENTRIES",
          "RELEVANT", "TURNS", "RULES", "WORKS", "REDACTIONS", "SHA256", "TEXT"};
}

// A reason of the scan, read once per entry: its members as the scan wrote
// them (raw JSON, in order; "spans" is rewritten when written out), and what
// the builder uses of them. Spans are positions of the original text.
struct DocumentBuilder::Reason {
  std::vector<std::pair<std::string, std::string>> members;
  std::string field, signal, ref, publisher, work;
  int tool_index = -1;
  std::vector<std::pair<uint32_t, uint32_t>> spans;
};

struct DocumentBuilder::Prepared {
  bool ready = false;
  pii::PiiDoc doc;
  pii::Deidentified deid;
  std::string entry_token;
  // The scan's, for a relevant entry; Prepare maps their spans to the
  // de-identified text, where the document places them.
  std::vector<Reason> reasons;
};

// One text field of a prepared entry, with its redaction records.
struct DocumentBuilder::FieldView {
  const char* name;
  int tool_index;
  std::string_view text;  // de-identified (and, at the span level, elided: then it views elision->text)
  std::span<const pii::RedactionRecord> records;
  std::optional<Elision> elision;
};

namespace {

using FieldView = DocumentBuilder::FieldView;

// The metadata texts a production writes, at the levels that produce a
// conversation's turns (context, conversation): its title and its system
// text, by their name in the document and their path in the entry's meta.
struct ProducedMeta {
  const char* name;
  std::string_view path;
};
constexpr ProducedMeta kProducedMeta[] = {{"title", "meta.title"}, {"system", "meta.system"}};

// The fields of `doc` into *out (emptied first): prompt, output, tools, and
// the produced metadata texts the entry has, each with its records.
void Fields(const pii::PiiDoc& doc, const pii::Deidentified& deid, std::vector<FieldView>* out) {
  // The records of the de-identified field named `name` (PiiDoc::Fields).
  auto records = [&deid](std::string_view name, int tool_index) -> std::span<const pii::RedactionRecord> {
    for (const pii::Deidentified::Field& d : deid.fields) {
      if (d.tool_index == tool_index && name == d.name) return d.records;
    }
    return {};
  };
  out->clear();
  const Entry& e = doc.entry;
  out->push_back({"prompt", -1, e.prompt, records("prompt", -1), std::nullopt});
  out->push_back({"output", -1, e.output, records("output", -1), std::nullopt});
  for (size_t i = 0; i < e.tools.size(); ++i) {
    const int index = static_cast<int>(i);
    out->push_back({"tools", index, e.tools[i].text, records("tools", index), std::nullopt});
  }
  for (const pii::PiiDoc::MetaText& t : doc.meta_text) {
    for (const ProducedMeta& m : kProducedMeta) {
      if (t.name == m.path) out->push_back({m.name, -1, t.text, records(m.path, -1), std::nullopt});
    }
  }
}

FieldView* Find(std::vector<FieldView>& fields, std::string_view name, int tool_index) {
  for (FieldView& f : fields) {
    if (name == f.name && tool_index == f.tool_index) return &f;
  }
  return nullptr;
}

uint32_t CodePoints(std::string_view s) {
  uint32_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Sorts `items` and drops repeats: the order of a std::set<std::string>.
void SortUnique(std::vector<std::string_view>* items) {
  std::sort(items->begin(), items->end());
  items->erase(std::unique(items->begin(), items->end()), items->end());
}

// `items` joined by "; " into *out.
void Join(std::span<const std::string_view> items, std::string* out) {
  out->clear();
  for (std::string_view item : items) {
    if (!out->empty()) out->append("; ");
    out->append(item);
  }
}

}  // namespace

std::string PaddedLine(std::string_view line) {
  std::string out;
  out.reserve(line.size() + simdjson::SIMDJSON_PADDING);
  out.assign(line);
  return out;
}

DocumentBuilder::DocumentBuilder(const BuildSettings& settings, std::unique_ptr<pii::Deidentifier::Worker> worker)
    : settings_(settings), level_(settings.disclosure.ToString()), worker_(std::move(worker)),
      dat_(LoadFileFields()) {}

DocumentBuilder::~DocumentBuilder() = default;

Status DocumentBuilder::ParseReasons(std::string_view json, std::string_view entry_id, std::vector<Reason>* out) {
  auto bad = [&](std::string_view what) {
    return Status::Corruption("scan results: entry " + std::string(entry_id) + ": " + std::string(what));
  };
  simdjson::dom::array array;
  if (dom_.parse(json).get_array().get(array)) return bad("the reasons do not parse");
  for (simdjson::dom::element el : array) {
    Reason& r = out->emplace_back();
    simdjson::dom::object obj;
    if (el.get_object().get(obj)) return bad("a reason is not an object");
    for (auto [key, value] : obj) {
      std::string_view sv;
      if (key == "spans") {
        simdjson::dom::array spans;
        if (value.get_array().get(spans)) return bad("spans: expected an array");
        for (simdjson::dom::element span : spans) {
          simdjson::dom::array pair;
          uint64_t b = 0, en = 0;
          if (span.get_array().get(pair) || pair.at(0).get_uint64().get(b) || pair.at(1).get_uint64().get(en) ||
              b > en) {
            return bad("a span is not [start,end]");
          }
          r.spans.emplace_back(static_cast<uint32_t>(b), static_cast<uint32_t>(en));
        }
        r.members.emplace_back(std::string(key), std::string());
        continue;
      }
      r.members.emplace_back(std::string(key), simdjson::minify(value));
      if (value.get_string().get(sv) == simdjson::SUCCESS) {
        if (key == "field") r.field.assign(sv);
        else if (key == "signal") r.signal.assign(sv);
        else if (key == "ref") r.ref.assign(sv);
        else if (key == "publisher") r.publisher.assign(sv);
        else if (key == "work") r.work.assign(sv);
      }
      int64_t ti = 0;
      if (key == "tool_index" && value.get_int64().get(ti) == simdjson::SUCCESS) r.tool_index = static_cast<int>(ti);
    }
  }
  return Status::Ok();
}

Status DocumentBuilder::Prepare(const GroupEntry& e, Prepared* p) {
  const std::string* line = &e.line;
  if (e.line.capacity() < e.line.size() + simdjson::SIMDJSON_PADDING) {
    padded_.reserve(e.line.size() + simdjson::SIMDJSON_PADDING);
    padded_.assign(e.line);
    line = &padded_;
  }
  std::string error = pii::ParsePiiDoc(parser_, *line, &p->doc);
  if (error.empty() && !p->doc.is_entry) error = "not a canonical entry";
  if (!error.empty()) return Status::Corruption("vault entry: " + error);
  p->entry_token = settings_.key->MetaToken("entry_id", p->doc.entry.entry_id);
  // The scan's reasons, read once.
  p->reasons.clear();
  if (e.hit) WINNOW_RETURN_IF_ERROR(ParseReasons(e.hit->reasons_json, p->doc.entry.entry_id, &p->reasons));
  // Turns of a conversation (context, conversation) come with its title and
  // system text; an entry alone (entry, span) with the one a reason is in.
  // Both are de-identified as the turns are; the rest of meta is not
  // produced.
  const DisclosureLevel level = settings_.disclosure.level;
  const bool whole = level == DisclosureLevel::kContext || level == DisclosureLevel::kConversation;
  auto named_by_reason = [p](const ProducedMeta& m) {
    return std::any_of(p->reasons.begin(), p->reasons.end(), [&m](const Reason& r) { return r.field == m.name; });
  };
  if (level != DisclosureLevel::kMetadata &&
      (whole || std::any_of(std::begin(kProducedMeta), std::end(kProducedMeta), named_by_reason))) {
    error = pii::CollectMetaText(parser_, &p->doc);
    if (!error.empty()) return Status::Corruption("vault entry: " + error);
    std::erase_if(p->doc.meta_text, [&](const pii::PiiDoc::MetaText& t) {
      return std::none_of(std::begin(kProducedMeta), std::end(kProducedMeta),
                          [&](const ProducedMeta& m) { return t.name == m.path && (whole || named_by_reason(m)); });
    });
  }
  // A publisher's URL or domain that made the entry relevant is the
  // evidence, not a person's data: the URL detector's finding there is kept.
  std::vector<pii::EvidenceSpan> evidence;
  for (const Reason& r : p->reasons) {
    if (r.signal != "publisher" || (r.ref != "url" && r.ref != "domain") || r.field.empty()) continue;
    // The de-identifier names a metadata text by its path (meta.system).
    std::string_view field = r.field;
    for (const ProducedMeta& m : kProducedMeta) {
      if (field == m.name) field = m.path;
    }
    for (auto [b, en] : r.spans) {
      evidence.push_back({std::string(field), r.tool_index, b, en, "URL", "evidence: the " + r.ref + " of publisher " + r.publisher});
    }
  }
  WINNOW_RETURN_IF_ERROR(worker_->Run(p->doc, &p->deid, evidence));
  // The reasons' spans, from the original text to the de-identified one,
  // once for every document the entry is written to.
  Fields(p->doc, p->deid, &fields_);
  for (Reason& r : p->reasons) {
    if (const FieldView* f = Find(fields_, r.field, r.tool_index)) {
      RedactionMap map(f->records);
      for (auto& [b, en] : r.spans) {
        b = map.Start(b);
        en = std::max(b, map.End(en));
      }
    }
  }
  p->ready = true;
  return Status::Ok();
}

const std::string& DocumentBuilder::ConversationToken(std::string_view conversation_id) {
  if (conversation_token_.empty() || conversation_id != conversation_id_) {
    conversation_id_.assign(conversation_id);
    conversation_token_ = settings_.key->MetaToken("conversation_id", conversation_id);
  }
  return conversation_token_;
}

void DocumentBuilder::WriteEntry(const Prepared& p, const GroupEntry& e, bool relevant, bool first, JsonWriter* w,
                                 UnitOutput* u) {
  const DisclosureLevel level = settings_.disclosure.level;
  std::vector<FieldView>& fields = fields_;
  Fields(p.doc, p.deid, &fields);
  // Every entry of a conversation carries its title: the document's first
  // entry produces it.
  if (!first) std::erase_if(fields, [](const FieldView& f) { return f.name == std::string_view("title"); });
  const Entry& entry = p.doc.entry;
  // The scan's reasons (with their spans in the de-identified text): only
  // a relevant entry has any.
  const std::vector<Reason>& reasons = p.reasons;

  // Span level: keep the spans and a few words around them.
  if (level == DisclosureLevel::kSpan) {
    for (FieldView& f : fields) {
      std::vector<std::pair<uint32_t, uint32_t>> spans, protect;
      for (const Reason& r : reasons) {
        if (r.field == f.name && r.tool_index == f.tool_index) spans.insert(spans.end(), r.spans.begin(), r.spans.end());
      }
      for (const pii::RedactionRecord& rec : f.records) protect.emplace_back(rec.out_begin, rec.out_end);
      f.elision = Elide(f.text, std::move(spans), settings_.span_words, protect);
      f.text = f.elision->text;  // the optional's storage does not move
    }
  }
  auto out_pos = [](const FieldView& f, uint32_t p) { return f.elision ? f.elision->Map(p) : p; };

  w->BeginObject();
  w->Key("entry"); w->String(p.entry_token);
  w->Key("turn"); w->Int(entry.turn);
  w->Key("time");
  if (entry.time.empty()) w->Null(); else w->String(entry.time);
  w->Key("model");
  if (entry.model.empty()) w->Null(); else w->String(entry.model);
  w->Key("alternate"); w->Bool(entry.alternate);
  w->Key("relevant"); w->Bool(relevant);
  if (relevant) {
    w->Key("rules");
    w->BeginArray();
    for (const std::string& r : e.hit->rules) w->String(r);
    w->EndArray();
  }
  if (level == DisclosureLevel::kMetadata) {
    // No chat text: the lengths of the de-identified fields only.
    w->Key("chars");
    w->BeginObject();
    w->Key("prompt"); w->Uint(CodePoints(entry.prompt));
    w->Key("output"); w->Uint(CodePoints(entry.output));
    w->Key("tools");
    w->BeginArray();
    for (const ToolText& t : entry.tools) w->Uint(CodePoints(t.text));
    w->EndArray();
    w->EndObject();
  } else {
    const FieldView* prompt = Find(fields, "prompt", -1);
    const FieldView* output = Find(fields, "output", -1);
    w->Key("prompt"); w->String(prompt->text);
    w->Key("output"); w->String(output->text);
    w->Key("tools");
    w->BeginArray();
    for (size_t i = 0; i < entry.tools.size(); ++i) {
      const FieldView* t = Find(fields, "tools", static_cast<int>(i));
      w->BeginObject();
      w->Key("kind"); w->String(entry.tools[i].kind);
      w->Key("name"); w->String(entry.tools[i].name);
      w->Key("text"); w->String(t->text);
      w->EndObject();
    }
    w->EndArray();
    const FieldView* title = Find(fields, "title", -1);
    const FieldView* system = Find(fields, "system", -1);
    if (title != nullptr) { w->Key("title"); w->String(title->text); }
    if (system != nullptr) { w->Key("system"); w->String(system->text); }
    for (const FieldView& f : fields) u->text_bytes += f.text.size();
    // The load file's TEXT: the entry as a reviewer reads it.
    std::string& text = text_;
    if (!text.empty()) text.push_back('\n');
    if (title != nullptr) text.append("TITLE: ").append(title->text).append("\n\n");
    text.append("[turn ").append(std::to_string(entry.turn)).append(relevant ? ", relevant" : "").append("]\n");
    if (system != nullptr) text.append("SYSTEM:\n").append(system->text).append("\n\n");
    text.append("USER:\n").append(prompt->text).append("\n\nASSISTANT:\n").append(output->text).append("\n");
    for (size_t i = 0; i < entry.tools.size(); ++i) {
      text.append("\nTOOL ").append(entry.tools[i].kind).append(" ").append(entry.tools[i].name).append(":\n");
      text.append(Find(fields, "tools", static_cast<int>(i))->text).append("\n");
    }
  }
  if (level == DisclosureLevel::kSpan) {
    w->Key("elided");
    w->BeginArray();
    for (const FieldView& f : fields) {
      for (const Elision::Cut& c : f.elision->cuts) {
        w->BeginObject();
        w->Key("field"); w->String(f.name);
        if (f.tool_index >= 0) { w->Key("tool_index"); w->Int(f.tool_index); }
        w->Key("start"); w->Uint(c.start);
        w->Key("end"); w->Uint(c.end);
        w->Key("chars"); w->Uint(c.chars);
        w->EndObject();
      }
    }
    w->EndArray();
  }
  if (!reasons.empty()) {
    w->Key("reasons");
    w->BeginArray();
    for (const Reason& r : reasons) {
      const FieldView* f = Find(fields, r.field, r.tool_index);
      w->BeginObject();
      for (const auto& [key, value] : r.members) {
        w->Key(key);
        if (key != "spans") {
          w->Raw(value);
          continue;
        }
        w->BeginArray();
        for (auto [b, en] : r.spans) {
          w->BeginArray();
          w->Uint(f != nullptr ? out_pos(*f, b) : b);
          w->Uint(f != nullptr ? out_pos(*f, en) : en);
          w->EndArray();
        }
        w->EndArray();
      }
      w->EndObject();
    }
    w->EndArray();
  }
  // Where the produced text holds a replacement.
  w->Key("redactions");
  w->BeginArray();
  std::string& log = entry_log_;
  log.clear();
  for (const FieldView& f : fields) {
    for (const pii::RedactionRecord& rec : f.records) {
      if (rec.action != "redacted") continue;
      ++u->redactions_count;
      ++u->by_type[rec.type];
      const uint32_t b = out_pos(f, rec.out_begin), en = out_pos(f, rec.out_end);
      if (b == UINT32_MAX || en == UINT32_MAX) continue;  // elided with the text around it
      w->BeginObject();
      w->Key("field"); w->String(f.name);
      if (f.tool_index >= 0) { w->Key("tool_index"); w->Int(f.tool_index); }
      w->Key("start"); w->Uint(b);
      w->Key("end"); w->Uint(en);
      w->Key("type"); w->String(rec.type);
      if (level != DisclosureLevel::kMetadata) { w->Key("replacement"); w->String(rec.replacement); }
      w->EndObject();
    }
    // The redaction log keeps every record, kept ones too, in the
    // de-identified text's positions before any elision: the record's
    // members after the field's.
    for (const pii::RedactionRecord& rec : f.records) {
      record_.clear();
      pii::AppendRecordJson(rec, &record_);
      if (!log.empty()) log.push_back(',');
      log.append("{\"field\":\"").append(f.name).append("\"");
      if (f.tool_index >= 0) log.append(",\"tool_index\":").append(std::to_string(f.tool_index));
      if (record_.size() > 2) log.push_back(',');
      log.append(record_, 1);
    }
  }
  w->EndArray();
  w->EndObject();
}

void DocumentBuilder::BuildUnit(const Group& group, const Unit& unit, UnitOutput* out) {
  UnitOutput& u = *out;
  u.Clear();
  u.bates = unit.bates;
  const Prepared& base = *prepared_[unit.base];
  const Entry& be = base.doc.entry;
  const std::string& conversation = ConversationToken(be.conversation_id);
  const size_t document_begin = output_.size();
  JsonWriter w(&output_);
  w.BeginObject();
  w.Key("bates"); w.String(unit.bates);
  w.Key("level"); w.String(level_);
  w.Key("conversation"); w.String(conversation);
  w.Key("user");
  if (be.user_id.empty()) w.Null(); else w.String(be.user_id);
  w.Key("time");
  if (be.time.empty()) w.Null(); else w.String(be.time);
  w.Key("model");
  if (be.model.empty()) w.Null(); else w.String(be.model);
  rules_.clear();
  works_.clear();
  for (uint32_t i = unit.lo; i <= unit.hi; ++i) {
    const std::optional<Hit>& hit = group.entries[i].hit;
    if (!hit) continue;
    ++u.relevant;
    rules_.insert(rules_.end(), hit->rules.begin(), hit->rules.end());
  }
  SortUnique(&rules_);
  w.Key("rules");
  w.BeginArray();
  for (std::string_view r : rules_) w.String(r);
  w.EndArray();
  w.Key("entries");
  w.BeginArray();
  text_.clear();
  redactions_.clear();
  for (uint32_t i = unit.lo; i <= unit.hi; ++i) {
    const bool relevant = group.entries[i].hit.has_value();
    const Prepared& p = *prepared_[i];
    WriteEntry(p, group.entries[i], relevant, i == unit.lo, &w, &u);
    ++u.entries;
    for (const Reason& r : p.reasons) {
      if (relevant && !r.work.empty()) works_.push_back(r.work);
    }
    if (!entry_log_.empty() || !p.deid.meta.empty()) {
      // The unit's redaction-log line, begun at its first entry with one.
      if (redactions_.empty()) {
        redactions_.append("{\"bates\":\"").append(unit.bates).append("\",\"entries\":[");
      } else {
        redactions_.push_back(',');
      }
      JsonWriter lw(&redactions_);
      lw.BeginObject();
      lw.Key("entry"); lw.String(p.entry_token);
      lw.Key("turn"); lw.Int(p.doc.entry.turn);
      lw.Key("redactions");
      lw.BeginArray();
      redactions_.append(entry_log_);  // records already in JSON
      lw.EndArray();
      lw.Key("meta");
      lw.BeginArray();
      for (const auto& [key, replacement] : p.deid.meta) {
        lw.BeginObject(); lw.Key("key"); lw.String(key); lw.Key("replacement"); lw.String(replacement); lw.EndObject();
      }
      lw.EndArray();
      lw.EndObject();
    }
  }
  w.EndArray();
  w.EndObject();
  uint8_t digest[kSha256Bytes];
  // The list form of Sha256Digest reuses a context per thread.
  Sha256Digest({std::string_view(output_).substr(document_begin)}, digest);
  char sha256[2 * kSha256Bytes];
  WriteLowerHex(digest, sha256);
  output_.push_back('\n');
  auto range_from = [&](size_t begin) { return TextRange{begin, output_.size() - begin}; };
  u.document = range_from(document_begin);
  const size_t hash_line_begin = output_.size();
  output_.append(sha256, sizeof sha256).append("  ").append(unit.bates).push_back('\n');
  u.hash_line = range_from(hash_line_begin);
  u.rules.assign(rules_.begin(), rules_.end());
  if (be.time.size() >= 7) u.month.assign(be.time, 0, 7); else u.month = "unknown";
  u.model = be.model.empty() ? std::string_view("unknown") : std::string_view(be.model);
  // The load-file record.
  std::string turns = std::to_string(prepared_[unit.lo]->doc.entry.turn);
  if (unit.hi > unit.lo) turns += "-" + std::to_string(prepared_[unit.hi]->doc.entry.turn);
  SortUnique(&works_);
  Join(rules_, &rule_list_);
  Join(works_, &work_list_);
  const std::string entries = std::to_string(u.entries), relevant = std::to_string(u.relevant),
                    redactions = std::to_string(u.redactions_count);
  const std::string_view row[] = {unit.bates, unit.bates, level_, conversation, be.user_id, be.time, be.model,
                                  entries, relevant, turns, rule_list_, work_list_, redactions,
                                  std::string_view(sha256, sizeof sha256), text_};
  const size_t dat_row_begin = output_.size();
  dat_.AppendRow(row, &output_);
  u.dat_row = range_from(dat_row_begin);
  if (!redactions_.empty()) {
    const size_t redactions_begin = output_.size();
    output_.append(redactions_).append("]}\n");
    u.redactions = range_from(redactions_begin);
  }
}

Status DocumentBuilder::Build(const Group& group, std::vector<UnitOutput>* out) {
  const size_t n = group.entries.size();
  while (prepared_.size() < n) prepared_.push_back(std::make_unique<Prepared>());
  for (size_t i = 0; i < n; ++i) prepared_[i]->ready = false;
  // Outputs are reused from batch to batch: their strings keep their
  // capacity.
  out->resize(group.units.size());
  for (size_t k = 0; k < group.units.size(); ++k) {
    const Unit& unit = group.units[k];
    for (uint32_t i = unit.lo; i <= unit.hi; ++i) {
      if (!prepared_[i]->ready) WINNOW_RETURN_IF_ERROR(Prepare(group.entries[i], prepared_[i].get()));
    }
    BuildUnit(group, unit, &(*out)[k]);
  }
  return Status::Ok();
}

}  // namespace winnow::produce
