// Operators and the redaction log (see operators.h).
#include "pii/operators.h"

#include <cmath>

#include "pii/surrogate.h"
#include "util/json_writer.h"

namespace winnow::pii {
namespace {

constexpr std::string_view kOperatorNames[] = {"placeholder", "pseudonym", "surrogate", "mask", "remove", "keep"};

// Code points in UTF-8 `s`: every byte that is not a continuation byte.
uint32_t CodePoints(std::string_view s) {
  uint32_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool AsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Types whose last four characters identify nothing on their own and help
// a reader tell values apart (the convention of card receipts).
bool KeepsLastFour(std::string_view type) {
  return type == "CREDIT_CARD" || type == "PHONE_NUMBER" || type == "US_BANK_NUMBER" || type == "IBAN_CODE";
}

void Mask(std::string_view type, std::string_view value, char mask, std::string* out) {
  size_t visible_from = value.size();  // byte offset of the first kept character
  if (KeepsLastFour(type)) {
    // With four or fewer characters in all, showing four would show everything.
    int total = 0;
    for (unsigned char c : value) total += AsciiAlnum(c);
    for (size_t i = value.size(), seen = 0; total > 4 && i-- > 0;) {
      if (AsciiAlnum(static_cast<unsigned char>(value[i])) && ++seen == 4) {
        visible_from = i;
        break;
      }
    }
  }
  for (size_t i = 0; i < value.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (c >= 0x80) {
      if ((c & 0xC0) != 0x80) out->push_back(mask);  // one per code point
    } else if (!AsciiAlnum(c) || i >= visible_from) {
      out->push_back(static_cast<char>(c));
    } else {
      out->push_back(mask);
    }
  }
}

}  // namespace

std::string_view OperatorName(Operator op) { return kOperatorNames[static_cast<int>(op)]; }

std::optional<Operator> ParseOperator(std::string_view name) {
  for (size_t i = 0; i < std::size(kOperatorNames); ++i) {
    if (kOperatorNames[i] == name) return static_cast<Operator>(i);
  }
  return std::nullopt;
}

void AppendRecordJson(const RedactionRecord& r, std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("type");
  w.String(r.type);
  w.Key("detector");
  w.String(r.detector);
  if (!r.subtype.empty()) {
    w.Key("subtype");
    w.String(r.subtype);
  }
  w.Key("score");
  w.Double(std::round(static_cast<double>(r.score) * 1000) / 1000);
  w.Key("begin");
  w.Uint(r.begin);
  w.Key("end");
  w.Uint(r.end);
  w.Key("out_begin");
  w.Uint(r.out_begin);
  w.Key("out_end");
  w.Uint(r.out_end);
  w.Key("operator");
  w.String(r.op);
  w.Key("replacement");
  w.String(r.replacement);
  w.Key("action");
  w.String(r.action);
  if (!r.reason.empty()) {
    w.Key("reason");
    w.String(r.reason);
  }
  w.EndObject();
}

StatusOr<Redactor> Redactor::Create(const RedactorOptions& options, const PseudonymKey* key) {
  if (options.mask_char < 0x21 || options.mask_char > 0x7e) {
    return Status::InvalidArgument("mask character must be printable ASCII");
  }
  auto needs_key = [](Operator op) { return op == Operator::kPseudonym || op == Operator::kSurrogate; };
  if (key == nullptr) {
    if (needs_key(options.default_operator)) {
      return Status::InvalidArgument(std::string("operator ") + std::string(OperatorName(options.default_operator)) +
                                     " needs a pseudonym key");
    }
    for (const auto& [type, op] : options.type_operators) {
      if (needs_key(op)) {
        return Status::InvalidArgument("operator " + std::string(OperatorName(op)) + " (for " + type +
                                       ") needs a pseudonym key");
      }
    }
  }
  return Redactor(options, key);
}

void Redactor::BeginDocument() {
  numbers_.clear();
  counts_.clear();
}

Operator Redactor::OperatorFor(std::string_view type) const {
  auto it = options_.type_operators.find(type);
  return it == options_.type_operators.end() ? options_.default_operator : it->second;
}

void Redactor::Replace(const Finding& f, std::string_view value, std::string_view normalized, Operator op,
                       std::string* out) {
  switch (op) {
    case Operator::kPlaceholder: {
      std::string id;
      id.reserve(f.type.size() + 1 + normalized.size());
      id.append(f.type).push_back('\0');
      id.append(normalized);
      auto [it, added] = numbers_.try_emplace(std::move(id), 0);
      if (added) it->second = ++counts_[std::string(f.type)];
      out->push_back('[');
      out->append(f.type).push_back('_');
      out->append(std::to_string(it->second)).push_back(']');
      return;
    }
    case Operator::kSurrogate: {
      uint8_t mac[PseudonymKey::kMacSize];
      key_->Mac(f.type, normalized, mac);
      std::string s = Surrogate(f.type, value, mac);
      if (!s.empty()) {
        out->append(s);
        return;
      }
      [[fallthrough]];  // no surrogate format: the pseudonym keeps it consistent
    }
    case Operator::kPseudonym:
      out->push_back('[');
      out->append(key_->Token(f.type, normalized)).push_back(']');
      return;
    case Operator::kMask:
      Mask(f.type, value, options_.mask_char, out);
      return;
    case Operator::kRemove:
      return;
    case Operator::kKeep:
      out->append(value);
      return;
  }
}

Status Redactor::Apply(std::string_view text, std::span<const Finding> findings,
                       std::span<const std::string> normalized, std::span<const KeepReason> keep, std::string* out,
                       std::vector<RedactionRecord>* log) {
  if (!normalized.empty() && normalized.size() != findings.size()) {
    return Status::InvalidArgument("redact: " + std::to_string(normalized.size()) + " normalized values for " +
                                   std::to_string(findings.size()) + " findings");
  }
  uint32_t prev_end = 0;
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    if (f.begin < prev_end || f.end < f.begin || f.end > text.size()) {
      return Status::InvalidArgument("redact: finding " + std::to_string(i) + " [" + std::to_string(f.begin) + ", " +
                                     std::to_string(f.end) + ") is out of order, overlaps or runs past the text");
    }
    prev_end = f.end;
  }
  keep_of_.assign(findings.size(), nullptr);
  for (const KeepReason& k : keep) {
    if (k.index >= findings.size()) {
      return Status::InvalidArgument("redact: keep index " + std::to_string(k.index) + " but only " +
                                     std::to_string(findings.size()) + " findings");
    }
    keep_of_[k.index] = &k;
  }

  out->clear();
  out->reserve(text.size() + 16 * findings.size());
  size_t pos = 0;
  uint32_t cp = 0;      // code points of `text` before `pos`
  uint32_t out_cp = 0;  // code points of *out
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    const std::string_view gap = text.substr(pos, f.begin - pos);
    const uint32_t gap_cp = CodePoints(gap);
    out->append(gap);
    cp += gap_cp;
    out_cp += gap_cp;

    const std::string_view value = text.substr(f.begin, f.end - f.begin);
    const std::string_view norm = normalized.empty() ? value : std::string_view(normalized[i]);
    const KeepReason* kept = keep_of_[i];
    const Operator op = kept != nullptr ? Operator::kKeep : OperatorFor(f.type);
    const size_t out_start = out->size();
    Replace(f, value, norm, op, out);
    const std::string_view written = std::string_view(*out).substr(out_start);
    const uint32_t value_cp = CodePoints(value);
    const uint32_t written_cp = op == Operator::kKeep ? value_cp : CodePoints(written);
    if (log != nullptr) {
      RedactionRecord& r = log->emplace_back();
      r.type = f.type;
      r.detector = f.detector;
      r.subtype = f.subtype;
      r.score = f.score;
      r.begin = cp;
      r.end = cp + value_cp;
      r.out_begin = out_cp;
      r.out_end = out_cp + written_cp;
      r.op = OperatorName(op);
      if (op == Operator::kKeep) {
        r.action = "kept";
        r.reason = kept != nullptr ? kept->reason : "operator: keep";
      } else {
        r.action = "redacted";
        r.replacement = written;
      }
    }
    cp += value_cp;
    out_cp += written_cp;
    pos = f.end;
  }
  out->append(text.substr(pos));
  keep_of_.clear();
  return Status::Ok();
}

}  // namespace winnow::pii
