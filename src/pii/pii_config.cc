#include "pii/pii_config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "pii/operators.h"

namespace winnow::pii {
namespace {

Status At(std::string_view source, const toml::node& node, std::string_view what) {
  const auto& r = node.source();
  return Status::InvalidArgument(std::string(source) + ":" + std::to_string(r.begin.line) + ":" +
                                 std::to_string(r.begin.column) + ": " + std::string(what));
}

bool KnownType(const std::vector<std::string>& types, std::string_view t) {
  return std::find(types.begin(), types.end(), t) != types.end();
}

bool KnownOperator(std::string_view op) { return ParseOperator(op).has_value(); }

StatusOr<float> Threshold(std::string_view source, const toml::node& node, std::string_view field) {
  std::optional<double> v = node.value<double>();
  if (!v || !(*v >= 0 && *v <= 1)) return At(source, node, std::string(field) + ": expected a number between 0 and 1");
  return static_cast<float>(*v);
}

StatusOr<std::vector<std::string>> Names(std::string_view source, const toml::node& node, std::string_view field,
                                         const std::vector<std::string>& types, bool detectors_too) {
  const toml::array* a = node.as_array();
  if (a == nullptr) return At(source, node, std::string(field) + ": expected an array of strings");
  std::vector<std::string> detectors;
  if (detectors_too) {
    for (const auto& d : AllDetectors()) detectors.emplace_back(d->Name());
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < a->size(); ++i) {
    const toml::node& n = *a->get(i);
    const std::string at = std::string(field) + "[" + std::to_string(i) + "]";
    const auto* s = n.as_string();
    if (s == nullptr) return At(source, n, at + ": expected a string");
    if (!KnownType(types, s->get()) && !KnownType(detectors, s->get())) {
      return At(source, n, at + ": unknown " + (detectors_too ? "detector or " : "") + "entity type '" + s->get() + "'");
    }
    out.push_back(s->get());
  }
  return out;
}

StatusOr<PiiConfig> FromTable(const toml::table& t, std::string_view source) {
  PiiConfig c;
  const std::vector<std::string> types = KnownTypes();
  for (const auto& [key, node] : t) {
    const std::string_view k = key.str();
    if (k == "threshold") {
      WINNOW_ASSIGN_OR_RETURN(c.engine.threshold, Threshold(source, node, k));
    } else if (k == "disable") {
      WINNOW_ASSIGN_OR_RETURN(c.engine.disabled, Names(source, node, k, types, true));
    } else if (k == "only") {
      WINNOW_ASSIGN_OR_RETURN(c.engine.only_types, Names(source, node, k, types, false));
    } else if (k == "operator" || k == "evidence") {
      const auto* s = node.as_string();
      if (s == nullptr) return At(source, node, std::string(k) + ": expected a string");
      if (k == "operator") {
        if (!KnownOperator(s->get()))
          return At(source, node, "operator: unknown operator '" + s->get() +
                                      "' (placeholder, pseudonym, surrogate, mask, remove, keep)");
        c.default_operator = s->get();
      } else {
        if (s->get() != "keep" && s->get() != "redact")
          return At(source, node, "evidence: expected \"keep\" or \"redact\"");
        c.redact_evidence = s->get() == "redact";
      }
    } else if (k == "thresholds" || k == "operators") {
      const toml::table* sub = node.as_table();
      if (sub == nullptr) return At(source, node, std::string(k) + ": expected a table of entity types");
      for (const auto& [type, value] : *sub) {
        const std::string field = std::string(k) + "." + std::string(type.str());
        if (!KnownType(types, type.str())) return At(source, value, field + ": unknown entity type");
        if (k == "thresholds") {
          WINNOW_ASSIGN_OR_RETURN(float v, Threshold(source, value, field));
          c.engine.type_thresholds[std::string(type.str())] = v;
        } else {
          const auto* s = value.as_string();
          if (s == nullptr || !KnownOperator(s->get())) return At(source, value, field + ": expected an operator name");
          c.operators[std::string(type.str())] = s->get();
        }
      }
    } else {
      return At(source, node, std::string(k) +
                                  ": unknown field (known: threshold, disable, only, operator, evidence, "
                                  "thresholds, operators)");
    }
  }
  return c;
}

}  // namespace

StatusOr<PiiConfig> ParsePiiConfig(std::string_view text, std::string_view source) {
  try {
    toml::table root = toml::parse(text, source);
    // A policy file: its [pii] table; a policy without one: defaults.
    if (root.contains("rule") || root.contains("publishers") || root.contains("paywall") || root.contains("term") ||
        root.contains("terms_file") || root.contains("name")) {
      const toml::node* pii = root.get("pii");
      if (pii == nullptr) return PiiConfig{};
      if (!pii->is_table()) return At(source, *pii, "pii: expected a table");
      return FromTable(*pii->as_table(), source);
    }
    if (const toml::node* pii = root.get("pii"); pii != nullptr && root.size() == 1) {
      if (!pii->is_table()) return At(source, *pii, "pii: expected a table");
      return FromTable(*pii->as_table(), source);
    }
    return FromTable(root, source);
  } catch (const toml::parse_error& e) {
    const auto& r = e.source();
    return Status::InvalidArgument(std::string(source) + ":" + std::to_string(r.begin.line) + ":" +
                                   std::to_string(r.begin.column) + ": " + std::string(e.description()));
  }
}

StatusOr<PiiConfig> LoadPiiConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open the pii settings file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::IoError(path + ": cannot read the pii settings file");
  return ParsePiiConfig(buffer.str(), path);
}

}  // namespace winnow::pii
