#include "produce/documents.h"

#include <algorithm>
#include <climits>
#include <set>

#include <fmt/format.h>

#include "produce/span_map.h"
#include "util/json_writer.h"
#include "vault/file_util.h"

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
  std::string entry_token, conversation_token;
  std::vector<Reason> reasons;  // the scan's, for a relevant entry
};

namespace {

// One text field of a prepared entry, with its redaction records.
struct FieldView {
  const char* name;
  int tool_index;
  std::string_view text;  // de-identified (and, at the span level, elided: then it views elision->text)
  std::span<const pii::RedactionRecord> records;
  std::optional<Elision> elision;
};

std::vector<FieldView> Fields(const pii::PiiDoc& doc, const pii::Deidentified& deid) {
  std::vector<FieldView> out;
  const Entry& e = doc.entry;
  out.push_back({"prompt", -1, e.prompt, {}, std::nullopt});
  out.push_back({"output", -1, e.output, {}, std::nullopt});
  for (size_t i = 0; i < e.tools.size(); ++i) out.push_back({"tools", static_cast<int>(i), e.tools[i].text, {}, std::nullopt});
  for (FieldView& v : out) {
    for (const pii::Deidentified::Field& d : deid.fields) {
      if (d.tool_index == v.tool_index && std::string_view(d.name) == v.name) v.records = d.records;
    }
  }
  return out;
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

}  // namespace



DocumentBuilder::DocumentBuilder(const BuildSettings& settings, std::unique_ptr<pii::Deidentifier::Worker> worker)
    : settings_(settings), worker_(std::move(worker)), dat_(LoadFileFields()) {}

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
  padded_.reserve(e.line.size() + simdjson::SIMDJSON_PADDING);
  padded_.assign(e.line);
  std::string error = pii::ParsePiiDoc(parser_, padded_, &p->doc);
  if (error.empty() && !p->doc.is_entry) error = "not a canonical entry";
  if (!error.empty()) return Status::Corruption("vault entry: " + error);
  p->entry_token = settings_.key->MetaToken("entry_id", p->doc.entry.entry_id);
  p->conversation_token = settings_.key->MetaToken("conversation_id", p->doc.entry.conversation_id);
  // The scan's reasons, read once.
  p->reasons.clear();
  if (e.hit) WINNOW_RETURN_IF_ERROR(ParseReasons(e.hit->reasons_json, p->doc.entry.entry_id, &p->reasons));
  // A publisher's URL or domain that made the entry relevant is the
  // evidence, not a person's data: the URL detector's finding there is kept.
  std::vector<pii::EvidenceSpan> evidence;
  for (const Reason& r : p->reasons) {
    if (r.signal != "publisher" || (r.ref != "url" && r.ref != "domain") || r.field.empty()) continue;
    for (auto [b, en] : r.spans) {
      evidence.push_back({r.field, r.tool_index, b, en, "URL", "evidence: the " + r.ref + " of publisher " + r.publisher});
    }
  }
  WINNOW_RETURN_IF_ERROR(worker_->Run(p->doc, &p->deid, evidence));
  p->ready = true;
  return Status::Ok();
}

Status DocumentBuilder::WriteEntry(const Prepared& p, const GroupEntry& e, bool relevant, JsonWriter* w,
                                   UnitOutput* u, std::string* text, std::string* log) {
  const DisclosureLevel level = settings_.disclosure.level;
  std::vector<FieldView> fields = Fields(p.doc, p.deid);
  const Entry& entry = p.doc.entry;

  // The scan's reasons, with their spans in the de-identified text.
  std::vector<Reason> reasons = relevant ? p.reasons : std::vector<Reason>();
  for (Reason& r : reasons) {
    if (const FieldView* f = Find(fields, r.field, r.tool_index)) {
      RedactionMap map(f->records);
      for (auto& [b, en] : r.spans) {
        b = map.Start(b);
        en = std::max(b, map.End(en));
      }
    }
  }
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
    for (const FieldView& f : fields) u->text_bytes += f.text.size();
    // The load file's TEXT: the entry as a reviewer reads it.
    if (!text->empty()) text->push_back('\n');
    text->append("[turn ").append(std::to_string(entry.turn)).append(relevant ? ", relevant" : "");
    text->append("]\nUSER:\n").append(prompt->text).append("\n\nASSISTANT:\n").append(output->text).append("\n");
    for (size_t i = 0; i < entry.tools.size(); ++i) {
      text->append("\nTOOL ").append(entry.tools[i].kind).append(" ").append(entry.tools[i].name).append(":\n");
      text->append(Find(fields, "tools", static_cast<int>(i))->text).append("\n");
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
  std::string record;
  bool logged = false;
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
    // de-identified text's positions before any elision.
    for (const pii::RedactionRecord& rec : f.records) {
      record.clear();
      pii::AppendRecordJson(rec, &record);
      std::string head = std::string(logged ? "," : "") + "{\"field\":\"" + f.name + "\"";
      if (f.tool_index >= 0) head += ",\"tool_index\":" + std::to_string(f.tool_index);
      if (record.size() > 2) head += ",";
      log->append(head).append(record, 1);
      logged = true;
    }
  }
  w->EndArray();
  w->EndObject();
  return Status::Ok();
}

Status DocumentBuilder::Build(const Group& group, std::vector<UnitOutput>* out) {
  const size_t n = group.entries.size();
  while (prepared_.size() < n) prepared_.push_back(std::make_unique<Prepared>());
  for (size_t i = 0; i < n; ++i) prepared_[i]->ready = false;
  // Outputs are reused from batch to batch: their buffers keep their
  // capacity (fresh ones cost the allocator and the kernel's page clearing).
  out->resize(group.units.size());
  size_t next_output = 0;
  for (const Unit& unit : group.units) {
    for (uint32_t i = unit.lo; i <= unit.hi; ++i) {
      if (!prepared_[i]->ready) WINNOW_RETURN_IF_ERROR(Prepare(group.entries[i], prepared_[i].get()));
    }
    UnitOutput& u = (*out)[next_output++];
    u.Clear();
    u.bates = unit.bates;
    const Prepared& base = *prepared_[unit.base];
    const Entry& be = base.doc.entry;
    JsonWriter w(&u.document);
    w.BeginObject();
    w.Key("bates"); w.String(unit.bates);
    w.Key("level"); w.String(settings_.disclosure.ToString());
    w.Key("conversation"); w.String(base.conversation_token);
    w.Key("user");
    if (be.user_id.empty()) w.Null(); else w.String(be.user_id);
    w.Key("time");
    if (be.time.empty()) w.Null(); else w.String(be.time);
    w.Key("model");
    if (be.model.empty()) w.Null(); else w.String(be.model);
    std::set<std::string> rules, works;
    for (uint32_t i = unit.lo; i <= unit.hi; ++i) {
      const std::optional<Hit>& hit = group.entries[i].hit;
      if (!hit) continue;
      ++u.relevant;
      rules.insert(hit->rules.begin(), hit->rules.end());
    }
    w.Key("rules");
    w.BeginArray();
    for (const std::string& r : rules) w.String(r);
    w.EndArray();
    w.Key("entries");
    w.BeginArray();
    std::string text, log_entries, log;
    for (uint32_t i = unit.lo; i <= unit.hi; ++i) {
      const bool relevant = group.entries[i].hit.has_value();
      const Prepared& p = *prepared_[i];
      std::string entry_log;
      WINNOW_RETURN_IF_ERROR(WriteEntry(p, group.entries[i], relevant, &w, &u, &text, &entry_log));
      ++u.entries;
      for (const Reason& r : p.reasons) {
        if (relevant && !r.work.empty()) works.insert(r.work);
      }
      if (!entry_log.empty() || !p.deid.meta.empty()) {
        JsonWriter lw(&log_entries);
        lw.BeginObject();
        lw.Key("entry"); lw.String(p.entry_token);
        lw.Key("turn"); lw.Int(p.doc.entry.turn);
        lw.Key("redactions"); lw.Raw("[" + entry_log + "]");
        lw.Key("meta");
        lw.BeginArray();
        for (const auto& [key, replacement] : p.deid.meta) {
          lw.BeginObject(); lw.Key("key"); lw.String(key); lw.Key("replacement"); lw.String(replacement); lw.EndObject();
        }
        lw.EndArray();
        lw.EndObject();
        log_entries.push_back(',');
      }
    }
    w.EndArray();
    w.EndObject();
    u.sha256 = vault::Sha256Hex(u.document);
    u.document.push_back('\n');
    if (!log_entries.empty()) {
      log_entries.pop_back();
      u.redactions = "{\"bates\":\"" + unit.bates + "\",\"entries\":[" + log_entries + "]}\n";
    }
    u.rules.assign(rules.begin(), rules.end());
    u.month = be.time.size() >= 7 ? be.time.substr(0, 7) : "unknown";
    u.model = be.model.empty() ? "unknown" : be.model;
    // The load-file record.
    std::string turns = std::to_string(prepared_[unit.lo]->doc.entry.turn);
    if (unit.hi > unit.lo) turns += "-" + std::to_string(prepared_[unit.hi]->doc.entry.turn);
    std::string rule_list, work_list;
    for (const std::string& r : rules) rule_list += (rule_list.empty() ? "" : "; ") + r;
    for (const std::string& wk : works) work_list += (work_list.empty() ? "" : "; ") + wk;
    const std::vector<std::string> row = {unit.bates, unit.bates, settings_.disclosure.ToString(),
                                          base.conversation_token, be.user_id, be.time, be.model,
                                          std::to_string(u.entries), std::to_string(u.relevant), turns, rule_list,
                                          work_list, std::to_string(u.redactions_count), u.sha256, text};
    dat_.AppendRow(row, &u.dat_row);
  }
  return Status::Ok();
}

}  // namespace winnow::produce
