#include "matter/matter_toml.h"

#include <toml++/toml.h>

#include <cctype>
#include <exception>
#include <set>

#include "matter/recipients.h"

namespace winnow {
namespace {

bool IsLowerHex(std::string_view s) {
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && (c < 'a' || c > 'f')) return false;
  }
  return true;
}

// YYYY-MM-DDTHH:MM:SS[.fraction]Z, the only form FormatRfc3339 writes.
bool IsRfc3339Utc(std::string_view s) {
  constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  if (s.size() < kShape.size() + 1 || s.back() != 'Z') return false;
  for (size_t i = 0; i < kShape.size(); ++i) {
    const bool digit = std::isdigit(static_cast<unsigned char>(s[i]));
    if (kShape[i] == 'd' ? !digit : s[i] != kShape[i]) return false;
  }
  std::string_view rest = s.substr(kShape.size(), s.size() - kShape.size() - 1);
  if (rest.empty()) return true;
  if (rest.front() != '.' || rest.size() == 1) return false;
  for (char c : rest.substr(1)) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string Where(const std::string& name, const toml::source_region& region) {
  return name + ":" + std::to_string(region.begin.line) + ":" + std::to_string(region.begin.column);
}

// Builds the field errors of one parse, so each names file, line and field.
class FieldErrors {
 public:
  explicit FieldErrors(const std::string& name) : name_(name) {}
  Status At(const toml::node& node, std::string_view field, std::string_view why) const {
    return Status::Corruption(Where(name_, node.source()) + ": " + std::string(field) + ": " +
                              std::string(why));
  }
  Status Missing(std::string_view field) const {
    return Status::Corruption(name_ + ": missing field " + std::string(field));
  }

 private:
  const std::string& name_;
};

StatusOr<int64_t> GetInteger(const toml::table& table, std::string_view field, int64_t min, int64_t max,
                             const FieldErrors& errors) {
  const toml::node* node = table.get(field);
  if (node == nullptr) return errors.Missing(field);
  const toml::value<int64_t>* value = node->as_integer();
  const std::string range = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  if (value == nullptr) return errors.At(*node, field, "expected " + range);
  if (value->get() < min || value->get() > max) {
    return errors.At(*node, field, "expected " + range + ", got " + std::to_string(value->get()));
  }
  return value->get();
}

StatusOr<std::string> GetString(const toml::table& table, std::string_view field, const FieldErrors& errors) {
  const toml::node* node = table.get(field);
  if (node == nullptr) return errors.Missing(field);
  const toml::value<std::string>* value = node->as_string();
  if (value == nullptr) return errors.At(*node, field, "expected a string");
  return value->get();
}

StatusOr<MatterConfig> ParseTable(const toml::table& table, const std::string& name) {
  const FieldErrors errors(name);
  static const std::set<std::string, std::less<>> kKnown = {"format_version", "matter_id", "created",
                                                            "recipients", "shards"};
  for (const auto& [key, node] : table) {
    if (!kKnown.contains(key.str())) return errors.At(node, key.str(), "unknown field");
  }
  MatterConfig config;
  // The version comes first: a newer file may legitimately fail later checks.
  const toml::node* version_node = table.get("format_version");
  WINNOW_ASSIGN_OR_RETURN(const int64_t version, GetInteger(table, "format_version", 1, INT32_MAX, errors));
  if (version > kMatterFormatVersion) {
    return Status::Unsupported(Where(name, version_node->source()) + ": format_version: " +
                               std::to_string(version) + " is newer than this winnow understands (" +
                               std::to_string(kMatterFormatVersion) + "); upgrade winnow");
  }
  config.format_version = static_cast<int>(version);

  WINNOW_ASSIGN_OR_RETURN(config.matter_id, GetString(table, "matter_id", errors));
  if (config.matter_id.size() != 32 || !IsLowerHex(config.matter_id)) {
    return errors.At(*table.get("matter_id"), "matter_id", "expected 32 lowercase hex digits");
  }
  WINNOW_ASSIGN_OR_RETURN(config.created, GetString(table, "created", errors));
  if (!IsRfc3339Utc(config.created)) {
    return errors.At(*table.get("created"), "created", "expected an RFC 3339 UTC time (2024-01-31T12:00:00Z)");
  }
  WINNOW_ASSIGN_OR_RETURN(const int64_t shards, GetInteger(table, "shards", 1, kMaxShards, errors));
  config.shards = static_cast<int>(shards);

  const toml::node* node = table.get("recipients");
  if (node == nullptr) return errors.Missing("recipients");
  const toml::array* array = node->as_array();
  if (array == nullptr) return errors.At(*node, "recipients", "expected an array of age1... strings");
  if (array->empty()) return errors.At(*node, "recipients", "no recipients");
  for (size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    const std::string field = "recipients[" + std::to_string(i) + "]";
    const toml::value<std::string>* text = element.as_string();
    if (text == nullptr) return errors.At(element, field, "expected a string");
    StatusOr<age::X25519Recipient> parsed = ParseRecipient(text->get());
    if (!parsed.ok()) return errors.At(element, field, parsed.status().message());
    config.recipients.push_back(text->get());
  }
  return config;
}

}  // namespace

std::string FormatMatterToml(const MatterConfig& config) {
  std::string out =
      "# A winnow matter (docs/keys.md). Chat text lives only in vault/, encrypted to\n"
      "# the recipients below; no key that can decrypt belongs in this directory.\n";
  out += "format_version = " + std::to_string(config.format_version) + "\n";
  out += "matter_id = \"" + config.matter_id + "\"\n";
  out += "created = \"" + config.created + "\"\n";
  out += "shards = " + std::to_string(config.shards) + "\n";
  out += "recipients = [\n";
  for (const std::string& r : config.recipients) out += "  \"" + r + "\",\n";
  out += "]\n";
  return out;
}

StatusOr<MatterConfig> ParseMatterToml(std::string_view text, const std::string& name) {
  // This toml++ build reports syntax errors by exception; none may escape.
  try {
    const toml::table table = toml::parse(text, name);
    return ParseTable(table, name);
  } catch (const toml::parse_error& e) {
    return Status::Corruption(Where(name, e.source()) + ": " + std::string(e.description()));
  } catch (const std::exception& e) {
    return Status::Internal(name + ": " + e.what());
  }
}

}  // namespace winnow
