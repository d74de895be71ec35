// RedactPiiJsonLines: detect, decide what is evidence, replace, log.
#include <simdjson.h>

#include <algorithm>
#include <optional>

#include "formats/line_filter.h"
#include "pii/operators.h"
#include "pii/pii_doc.h"
#include "pii/pii_filter.h"
#include "pii/pseudonym.h"
#include "util/json_writer.h"
#include "winnow/corpus.h"
#include "winnow/output_file.h"

namespace winnow {
namespace pii {
namespace {

struct RedactThread {
  simdjson::ondemand::parser parser;
  PiiDoc doc;
  Engine::ScratchPtr scratch;
  std::optional<Redactor> redactor;
  std::unique_ptr<Matcher> matcher;
  std::vector<CorpusMatch> copies;
  std::vector<Finding> found;
  std::vector<std::string> normalized;
  std::vector<KeepReason> keep;
  std::vector<RedactionRecord> log;
  std::string redacted, record;
  ConversationNames names;
  std::map<std::string, uint64_t> by_type;
  uint64_t with_pii = 0, kept = 0, meta = 0;
};

struct Shared {
  const Engine* engine;
  const PseudonymKey* key;
  const CorpusIndex* index;
  bool redact_evidence;
};

// Findings inside a passage the corpus holds (a copy or a headline) are the
// evidence itself, not a private person's data: keep them, say which work.
// A corpus work that fails to decode fails the run (Corruption): redacting
// on without the evidence check would hide a damaged index.
Status FindEvidence(const Shared& sh, RedactThread& s, std::string_view text, bool titles) {
  s.keep.clear();
  if (sh.index == nullptr || sh.redact_evidence || s.found.empty()) return Status::Ok();
  WINNOW_RETURN_IF_ERROR(s.matcher->Match(text, titles, &s.copies));
  if (s.copies.empty()) return Status::Ok();
  CodePointCursor cp(text);
  for (uint32_t i = 0; i < s.found.size(); ++i) {
    const uint32_t b = cp.At(s.found[i].begin), e = cp.At(s.found[i].end);
    for (const CorpusMatch& m : s.copies) {
      if (m.kind == CorpusMatch::Kind::kSimilar || b < m.start || e > m.end) continue;
      s.keep.push_back({i, "evidence: inside a " + std::string(CorpusMatchKindName(m.kind)) + " of work " +
                               std::string(sh.index->work(m.work).id)});
      break;
    }
  }
  return Status::Ok();
}

void PseudonymizeMeta(const Shared& sh, RedactThread& s, JsonWriter* log) {
  Entry& e = s.doc.entry;
  auto replace = [&](std::string_view key, std::string_view value) {
    ++s.meta;
    return sh.key != nullptr ? sh.key->MetaToken(key, value) : "[" + MetaType(key) + "]";
  };
  log->Key("meta");
  log->BeginArray();
  if (!e.user_id.empty()) {
    e.user_id = replace("user_id", e.user_id);
    log->BeginObject(); log->Key("key"); log->String("user_id");
    log->Key("replacement"); log->String(e.user_id); log->EndObject();
  }
  for (MetaField& m : e.meta) {
    const std::string type = MetaType(m.key);
    const bool identifier = type == "USER" || type == "EMAIL_ADDRESS" || type == "IP_ADDRESS" ||
                            type == "DEVICE_ID" || type == "PHONE_NUMBER" || type == "HASHED_IP";
    if (!identifier || m.json.size() < 2 || m.json.front() != '"') continue;
    // The value as JSON text: unescape by parsing it again.
    simdjson::padded_string json(m.json);
    simdjson::ondemand::parser p;
    std::string_view value;
    simdjson::ondemand::document d;
    if (p.iterate(json).get(d) || d.get_string().get(value)) continue;
    std::string token = replace(m.key, value);
    m.json.clear();
    AppendJsonString(token, &m.json);
    log->BeginObject(); log->Key("key"); log->String(m.key);
    log->Key("replacement"); log->String(token); log->EndObject();
  }
  log->EndArray();
}

Status RedactLine(const Shared& sh, RedactThread& s, FilterLine& line) {
  std::string error = ParsePiiDoc(s.parser, line.bytes, &s.doc);
  if (!error.empty()) {
    WriteBadLine(error, &line);
    line.side = line.out;
    return Status::Ok();
  }
  s.names.Enter({});
  s.redactor->BeginDocument();
  const std::string region = s.doc.Region();
  JsonWriter log(&line.side);
  log.BeginObject();
  log.Key("id"); log.Raw(s.doc.id_json);
  log.Key("redactions");
  log.BeginArray();
  for (const PiiDoc::Field& field : s.doc.Fields()) {
    std::string& text = *field.text;
    sh.engine->Detect(DetectContext{text, region, s.names.names()}, s.scratch.get(), &s.found);
    if (s.found.empty()) continue;
    s.names.Add(text, s.found);
    s.normalized.clear();
    for (const Finding& f : s.found) {
      s.normalized.push_back(sh.engine->Normalize(f, text));
      ++s.by_type[std::string(f.type)];
    }
    line.count += s.found.size();
    WINNOW_RETURN_IF_ERROR(FindEvidence(sh, s, text, field.name != std::string_view("output")));
    s.kept += s.keep.size();
    s.log.clear();
    WINNOW_RETURN_IF_ERROR(s.redactor->Apply(text, s.found, s.normalized, s.keep, &s.redacted, &s.log));
    text.swap(s.redacted);
    for (const RedactionRecord& r : s.log) {
      // {"field":...,[tool_index,] then the record's own members}
      s.record.clear();
      AppendRecordJson(r, &s.record);
      std::string head = "{\"field\":\"" + std::string(field.name) + "\"";
      if (field.tool_index >= 0) head += ",\"tool_index\":" + std::to_string(field.tool_index);
      if (s.record.size() > 2) head += ",";
      log.Raw(head + s.record.substr(1));
    }
  }
  log.EndArray();
  if (s.doc.is_entry) PseudonymizeMeta(sh, s, &log);
  log.EndObject();
  line.side.push_back('\n');
  if (line.count > 0) ++s.with_pii;
  AppendPiiDoc(s.doc, &line.out);
  return Status::Ok();
}

}  // namespace
}  // namespace pii

StatusOr<PiiFilterReport> RedactPiiJsonLines(const std::string& input, const std::string& output,
                                             const PiiFilterOptions& options) {
  using namespace pii;
  WINNOW_ASSIGN_OR_RETURN(PiiConfig config, ResolveConfig(options));
  std::string log_path = options.log_path;
  if (log_path.empty()) {
    if (output == "-") {
      return Status::InvalidArgument("the redaction log needs a file: give --log FILE when writing to standard output");
    }
    log_path = output + ".redactions.jsonl";
  }
  std::optional<PseudonymKey> key;
  if (!options.key_path.empty()) {
    WINNOW_ASSIGN_OR_RETURN(PseudonymKey k, PseudonymKey::Load(options.key_path, options.matter_dir));
    key.emplace(std::move(k));
  }
  RedactorOptions ro;
  std::string default_op = config.default_operator;
  if (default_op.empty()) default_op = key ? "pseudonym" : "placeholder";
  std::optional<Operator> op = ParseOperator(default_op);
  if (!op) {
    return Status::InvalidArgument("unknown operator '" + default_op +
                                   "' (placeholder, pseudonym, surrogate, mask, remove, keep)");
  }
  ro.default_operator = *op;
  for (const auto& [type, op] : config.operators) ro.type_operators[type] = *ParseOperator(op);
  auto needs_key = [](Operator op) { return op == Operator::kPseudonym || op == Operator::kSurrogate; };
  bool need = needs_key(ro.default_operator);
  for (const auto& [type, op] : ro.type_operators) need = need || needs_key(op);
  if (need && !key) {
    return Status::InvalidArgument("the pseudonym and surrogate operators need a pseudonym key: give --key FILE "
                                   "(make one with winnow keygen --pseudonym -o FILE)");
  }
  WINNOW_ASSIGN_OR_RETURN(std::unique_ptr<Engine> engine, Engine::Create(config.engine));
  std::unique_ptr<CorpusIndex> index;
  if (!options.index_dir.empty()) {
    WINNOW_ASSIGN_OR_RETURN(index, CorpusIndex::Open(options.index_dir));
  }
  const Shared shared{engine.get(), key ? &*key : nullptr, index.get(), config.redact_evidence};

  std::unique_ptr<OutputFile> out, log;
  LineFilterOptions filter{options.threads, options.progress, [&]() -> Status {
                             if (output == "-") {
                               out = OutputFile::Stdout();
                             } else {
                               WINNOW_ASSIGN_OR_RETURN(out, OutputFile::Create(output));
                             }
                             WINNOW_ASSIGN_OR_RETURN(log, OutputFile::Create(log_path));
                             return Status::Ok();
                           }};
  std::vector<std::unique_ptr<RedactThread>> threads;
  for (size_t t = 0; t < LineFilterThreads(filter); ++t) {
    auto s = std::make_unique<RedactThread>();
    s->scratch = engine->NewScratch();
    WINNOW_ASSIGN_OR_RETURN(Redactor r, Redactor::Create(ro, shared.key));
    s->redactor.emplace(std::move(r));
    if (index) s->matcher = std::make_unique<Matcher>(*index, MatchOptions{});
    threads.push_back(std::move(s));
  }
  PiiFilterReport report;
  WINNOW_RETURN_IF_ERROR(RunLineFilter(
      input, filter, [&](size_t t, FilterLine& line) { return RedactLine(shared, *threads[t], line); },
      [&](FilterLine& line) {
        ++report.lines;
        if (line.bad) ++report.bad_lines;
        report.findings += line.count;
        WINNOW_RETURN_IF_ERROR(out->Append(line.out));
        return log->Append(line.side);
      }));
  WINNOW_RETURN_IF_ERROR(out->Close());
  WINNOW_RETURN_IF_ERROR(log->Close());
  for (const auto& t : threads) {
    report.documents_with_pii += t->with_pii;
    report.kept_as_evidence += t->kept;
    report.meta_pseudonymized += t->meta;
    for (const auto& [type, n] : t->by_type) report.by_type[type] += n;
  }
  return report;
}

}  // namespace winnow
