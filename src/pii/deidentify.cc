#include "pii/deidentify.h"

#include <algorithm>

#include <fmt/format.h>

#include "util/json_writer.h"

namespace winnow::pii {

StatusOr<std::unique_ptr<Deidentifier>> Deidentifier::Create(const PiiFilterOptions& options) {
  WINNOW_ASSIGN_OR_RETURN(PiiConfig config, ResolveConfig(options));
  std::unique_ptr<Deidentifier> d(new Deidentifier());
  if (!options.key_path.empty()) {
    WINNOW_ASSIGN_OR_RETURN(PseudonymKey k, PseudonymKey::Load(options.key_path, options.matter_dir));
    d->key_.emplace(std::move(k));
  }
  std::string default_op = config.default_operator;
  if (default_op.empty()) default_op = d->key_ ? "pseudonym" : "placeholder";
  std::optional<Operator> op = ParseOperator(default_op);
  if (!op) {
    return Status::InvalidArgument("unknown operator '" + default_op +
                                   "' (placeholder, pseudonym, surrogate, mask, remove, keep)");
  }
  d->redactor_options_.default_operator = *op;
  for (const auto& [type, name] : config.operators) d->redactor_options_.type_operators[type] = *ParseOperator(name);
  auto needs_key = [](Operator o) { return o == Operator::kPseudonym || o == Operator::kSurrogate; };
  bool need = needs_key(d->redactor_options_.default_operator);
  for (const auto& [type, o] : d->redactor_options_.type_operators) need = need || needs_key(o);
  if (need && !d->key_) {
    return Status::InvalidArgument("the pseudonym and surrogate operators need a pseudonym key: give --key FILE "
                                   "(make one with winnow keygen --pseudonym -o FILE)");
  }
  d->redact_evidence_ = config.redact_evidence;
  WINNOW_ASSIGN_OR_RETURN(d->engine_, Engine::Create(config.engine));
  if (!options.index_dir.empty()) {
    WINNOW_ASSIGN_OR_RETURN(d->index_, CorpusIndex::Open(options.index_dir));
  }
  return d;
}

StatusOr<std::unique_ptr<Deidentifier::Worker>> Deidentifier::NewWorker() const {
  std::unique_ptr<Worker> w(new Worker(*this));
  w->scratch_ = engine_->NewScratch();
  WINNOW_ASSIGN_OR_RETURN(Redactor r, Redactor::Create(redactor_options_, key()));
  w->redactor_.emplace(std::move(r));
  if (index_) w->matcher_ = std::make_unique<Matcher>(*index_, MatchOptions{});
  return w;
}

// Findings inside a passage the corpus holds (a copy or a headline) are the
// evidence itself, not a private person's data: keep them, say which work.
// A corpus work that fails to decode fails the run (Corruption): redacting
// on without the evidence check would hide a damaged index.
Status Deidentifier::Worker::FindEvidence(std::string_view text, bool titles) {
  keep_.clear();
  if (d_.index_ == nullptr || d_.redact_evidence_ || found_.empty()) return Status::Ok();
  WINNOW_RETURN_IF_ERROR(matcher_->Match(text, titles, &copies_));
  if (copies_.empty()) return Status::Ok();
  CodePointCursor cp(text);
  for (uint32_t i = 0; i < found_.size(); ++i) {
    const uint32_t b = cp.At(found_[i].begin), e = cp.At(found_[i].end);
    for (const CorpusMatch& m : copies_) {
      if (m.kind == CorpusMatch::Kind::kSimilar || b < m.start || e > m.end) continue;
      keep_.push_back({i, "evidence: inside a " + std::string(CorpusMatchKindName(m.kind)) + " of work " +
                              std::string(d_.index_->work(m.work).id)});
      break;
    }
  }
  return Status::Ok();
}

void Deidentifier::Worker::PseudonymizeMeta(PiiDoc& doc, Deidentified* out) {
  const PseudonymKey* key = d_.key();
  auto replace = [&](std::string_view k, std::string_view value) {
    ++meta_;
    return key != nullptr ? key->MetaToken(k, value) : fmt::format("[{}]", MetaType(k));
  };
  Entry& e = doc.entry;
  if (!e.user_id.empty()) {
    e.user_id = replace("user_id", e.user_id);
    out->meta.emplace_back("user_id", e.user_id);
  }
  for (MetaField& m : e.meta) {
    if (!IsIdentifierMetaType(MetaType(m.key)) || m.json.empty()) continue;
    std::string_view value;
    simdjson::padded_string json(m.json);
    simdjson::ondemand::document parsed;
    if (m.json.front() == '"') {
      // The value as JSON text: unescape by parsing it again.
      if (meta_parser_.iterate(json).get(parsed) || parsed.get_string().get(value)) continue;
    } else if (m.json.front() == '-' || (m.json.front() >= '0' && m.json.front() <= '9')) {
      value = m.json;  // a numeric id: its digits are the value
    } else {
      continue;  // an object or array: its strings are metadata texts (PiiDoc::MetaText)
    }
    std::string token = replace(m.key, value);
    m.json.clear();
    AppendJsonString(token, &m.json);
    out->meta.emplace_back(m.key, std::move(token));
  }
  // Strings below an identifier key ("meta.user.email"), replaced whole;
  // logged by their path below meta.
  for (PiiDoc::MetaText& t : doc.meta_text) {
    if (t.identifier_key.empty()) continue;
    t.text = replace(t.identifier_key, t.original);
    out->meta.emplace_back(t.name.substr(std::string_view("meta.").size()), t.text);
  }
}

Status Deidentifier::Worker::Run(PiiDoc& doc, Deidentified* out, std::span<const EvidenceSpan> evidence) {
  out->fields.clear();
  out->meta.clear();
  out->findings = out->kept = 0;
  names_.Enter({});
  redactor_->BeginDocument();
  const std::string region = doc.Region();
  for (const PiiDoc::Field& field : doc.Fields()) {
    std::string& text = *field.text;
    d_.engine_->Detect(DetectContext{text, region, names_.names()}, scratch_.get(), &found_);
    if (found_.empty()) continue;
    names_.Add(text, found_);
    normalized_.clear();
    for (const Finding& f : found_) {
      normalized_.push_back(d_.engine_->Normalize(f, text));
      ++by_type_[std::string(f.type)];
    }
    out->findings += found_.size();
    WINNOW_RETURN_IF_ERROR(FindEvidence(text, field.name != std::string_view("output")));
    if (!evidence.empty()) {
      CodePointCursor cp(text);
      for (uint32_t i = 0; i < found_.size(); ++i) {
        const uint32_t b = cp.At(found_[i].begin), e = cp.At(found_[i].end);
        for (const EvidenceSpan& ev : evidence) {
          // The finding must overlap the span; a URL with a query, a
          // fragment or user info may carry a person's data and stays
          // redacted.
          if (ev.field != field.name || ev.tool_index != field.tool_index || ev.type != found_[i].type ||
              e <= ev.begin || b >= ev.end ||
              std::string_view(text).substr(found_[i].begin, found_[i].end - found_[i].begin)
                      .find_first_of("?#@") != std::string_view::npos) {
            continue;
          }
          const bool already = std::any_of(keep_.begin(), keep_.end(), [&](const KeepReason& k) { return k.index == i; });
          if (!already) keep_.push_back({i, ev.reason});
          break;
        }
      }
    }
    out->kept += keep_.size();
    Deidentified::Field& f = out->fields.emplace_back();
    f.name = field.name;
    f.tool_index = field.tool_index;
    WINNOW_RETURN_IF_ERROR(redactor_->Apply(text, found_, normalized_, keep_, &redacted_, &f.records));
    text.swap(redacted_);
  }
  if (doc.is_entry) {
    PseudonymizeMeta(doc, out);
    StoreMetaText(&doc);
  }
  return Status::Ok();
}

}  // namespace winnow::pii
