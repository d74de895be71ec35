#include "formats/json_util.h"

#include <charconv>
#include <cmath>
#include <ctime>

#include "util/json_writer.h"

namespace winnow::formats {

const char* JsonTypeName(od::json_type type) {
  switch (type) {
    case od::json_type::array: return "an array";
    case od::json_type::object: return "an object";
    case od::json_type::number: return "a number";
    case od::json_type::string: return "a string";
    case od::json_type::boolean: return "a boolean";
    case od::json_type::null: return "null";
  }
  return "an unknown type";
}

std::string FieldError(std::string_view field, simdjson::error_code error) {
  std::string out(field);
  out += ": ";
  switch (error) {
    case simdjson::UTF8_ERROR: out += "invalid UTF-8"; break;
    case simdjson::STRING_ERROR: out += "invalid string (bad escape or control character)"; break;
    case simdjson::DEPTH_ERROR: out += "nested too deeply"; break;
    case simdjson::TAPE_ERROR: out += "malformed JSON"; break;
    case simdjson::INCORRECT_TYPE: out += "wrong type"; break;
    default: out += simdjson::error_message(error); break;
  }
  return out;
}

namespace {

// Meta values are copied as raw JSON into every entry; tools that read
// entries back (many use recursive parsers) must not be handed a value
// nested thousands deep.
constexpr int kMaxRawDepth = 64;

bool DepthWithin(std::string_view raw, int limit) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > limit) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

}  // namespace

bool RawJson(od::value value, std::string* out) {
  od::json_type type;
  if (value.type().get(type)) return false;
  std::string_view raw;
  if (type == od::json_type::object) {
    od::object obj;
    if (value.get_object().get(obj) || obj.raw_json().get(raw) || !DepthWithin(raw, kMaxRawDepth)) return false;
  } else if (type == od::json_type::array) {
    od::array arr;
    if (value.get_array().get(arr) || arr.raw_json().get(raw) || !DepthWithin(raw, kMaxRawDepth)) return false;
  } else if (type == od::json_type::string) {
    // Re-encode: the raw token could carry escapes we want normalized.
    std::string_view s;
    if (value.get_string().get(s)) return false;
    AppendJsonString(s, out);
    return true;
  } else {
    raw = value.raw_json_token();
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t')) {
      raw.remove_suffix(1);
    }
    // Validate numbers and literals by consuming them.
    if (type == od::json_type::number) {
      double d;
      if (value.get_double().get(d)) return false;
    } else if (type == od::json_type::boolean) {
      bool b;
      if (value.get_bool().get(b)) return false;
    } else {
      bool is_null;
      if (value.is_null().get(is_null) || !is_null) return false;
    }
  }
  out->append(raw);
  return true;
}

bool AddRawMeta(std::string_view key, od::value value, std::vector<MetaField>* meta) {
  MetaField f;
  f.key = std::string(key);
  if (!RawJson(value, &f.json)) return false;
  meta->push_back(std::move(f));
  return true;
}

void AddStringMeta(std::string_view key, std::string_view value, std::vector<MetaField>* meta) {
  MetaField f;
  f.key = std::string(key);
  AppendJsonString(value, &f.json);
  meta->push_back(std::move(f));
}

bool GetOptionalString(od::value value, std::string_view field, std::string* out, std::string* reason) {
  od::json_type type;
  if (auto err = value.type().get(type)) {
    *reason = FieldError(field, err);
    return false;
  }
  if (type == od::json_type::null) {
    out->clear();
    return true;
  }
  if (type != od::json_type::string) {
    *reason = std::string(field) + ": expected a string, got " + JsonTypeName(type);
    return false;
  }
  std::string_view s;
  if (auto err = value.get_string().get(s)) {
    *reason = FieldError(field, err);
    return false;
  }
  out->assign(s);
  return true;
}

double GetTime(od::value value) {
  od::json_type type;
  if (value.type().get(type)) return -1;
  if (type == od::json_type::number) {
    double d;
    if (value.get_double().get(d) || !std::isfinite(d) || d < 0) return -1;
    return d > 1e11 ? d / 1000.0 : d;
  }
  if (type == od::json_type::string) {
    std::string_view s;
    if (value.get_string().get(s)) return -1;
    return ParseTimeString(s);
  }
  return -1;
}

namespace {
bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}
}  // namespace

double ParseTimeString(std::string_view s) {
  // YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|+HH:MM|-HH:MM]; a bare number is epoch seconds.
  if (!s.empty() && s.find('-') == std::string_view::npos) {
    double d;
    auto r = std::from_chars(s.data(), s.data() + s.size(), d);
    if (r.ec == std::errc() && r.ptr == s.data() + s.size() && d >= 0) return d > 1e11 ? d / 1000.0 : d;
    return -1;
  }
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (!Digits(s, 0, 4, &y) || s.size() < 10 || s[4] != '-' || !Digits(s, 5, 2, &mo) || s[7] != '-' ||
      !Digits(s, 8, 2, &d)) {
    return -1;
  }
  size_t p = 10;
  double frac = 0;
  if (p < s.size() && (s[p] == 'T' || s[p] == ' ' || s[p] == 't')) {
    if (!Digits(s, p + 1, 2, &h) || s.size() < p + 6 || s[p + 3] != ':' || !Digits(s, p + 4, 2, &mi)) return -1;
    p += 6;
    if (p < s.size() && s[p] == ':') {
      if (!Digits(s, p + 1, 2, &sec)) return -1;
      p += 3;
      if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
        double scale = 0.1;
        ++p;
        while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
          frac += (s[p] - '0') * scale;
          scale /= 10;
          ++p;
        }
      }
    }
  }
  int offset_min = 0;
  if (p < s.size()) {
    if (s[p] == 'Z' || s[p] == 'z') {
      ++p;
    } else if (s[p] == '+' || s[p] == '-') {
      int oh, om = 0;
      if (!Digits(s, p + 1, 2, &oh)) return -1;
      size_t q = p + 3;
      if (q < s.size() && s[q] == ':') ++q;
      if (q < s.size() && !Digits(s, q, 2, &om)) return -1;
      if (q < s.size()) q += 2;
      offset_min = (oh * 60 + om) * (s[p] == '-' ? -1 : 1);
      p = q;
    }
  }
  if (p != s.size() || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return -1;
  struct tm tm = {};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  time_t t = timegm(&tm);
  if (t < 0) return -1;
  return static_cast<double>(t) - offset_min * 60 + frac;
}

}  // namespace winnow::formats
