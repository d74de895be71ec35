// JsonWriter: appends JSON text to a std::string, fast enough for the hot
// path of `convert` (hundreds of MB/s). It does no validation of structure:
// the caller emits keys and values in a valid order. Strings must be valid
// UTF-8 (every reader validates its input); they are escaped per RFC 8259.
// Not thread-safe; one writer per thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace winnow {

// Appends `s` as a quoted, escaped JSON string.
void AppendJsonString(std::string_view s, std::string* out);

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject() { Sep(); out_->push_back('{'); first_ = true; }
  void EndObject() { out_->push_back('}'); first_ = false; }
  void BeginArray() { Sep(); out_->push_back('['); first_ = true; }
  void EndArray() { out_->push_back(']'); first_ = false; }

  // A member key; the next value call writes its value.
  void Key(std::string_view key) {
    Sep();
    AppendJsonString(key, out_);
    out_->push_back(':');
    after_key_ = true;
  }
  void String(std::string_view s) { Sep(); AppendJsonString(s, out_); }
  void Int(int64_t v);
  void Uint(uint64_t v);
  void Double(double v);  // shortest form that round-trips; null if not finite
  void Bool(bool v) { Sep(); out_->append(v ? "true" : "false"); }
  void Null() { Sep(); out_->append("null"); }
  // A value that is already JSON text.
  void Raw(std::string_view json) { Sep(); out_->append(json); }

 private:
  void Sep() {
    if (after_key_) { after_key_ = false; first_ = false; return; }
    if (!first_) out_->push_back(',');
    first_ = false;
  }

  std::string* out_;
  bool first_ = true;
  bool after_key_ = false;
};

}  // namespace winnow
