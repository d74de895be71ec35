#include "pii/detectors/person_names.h"

#include <unicode/unistr.h>

namespace winnow::pii {

void FoldCase(std::string_view word, std::string* out) {
  out->clear();
  bool ascii = true;
  for (char c : word) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    out->reserve(word.size());
    for (char c : word) out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    return;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  u.foldCase();
  u.toUTF8String(*out);
}

const NameGazetteer& NameGazetteer::Get() {
  static const NameGazetteer gazetteer(GivenNamesData(), SurnamesData());
  return gazetteer;
}

NameGazetteer::NameGazetteer(std::string_view given, std::string_view surnames) {
  slots_.resize(1 << 16);
  Add(given, kGivenName);
  Add(surnames, kSurname);
}

// Lines: `name` or `name<TAB>flags`; '#' starts a comment line. Any flag
// letter makes the name ambiguous (the letters say why, for people).
void NameGazetteer::Add(std::string_view data, uint8_t kind) {
  std::string folded;
  while (!data.empty()) {
    size_t nl = data.find('\n');
    std::string_view line = data.substr(0, nl);
    data.remove_prefix(nl == std::string_view::npos ? data.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    uint8_t flags = kind;
    if (size_t tab = line.find('\t'); tab != std::string_view::npos) {
      if (tab + 1 < line.size()) flags |= kAmbiguousName;
      line = line.substr(0, tab);
    }
    FoldCase(line, &folded);
    // Two-letter Latin names ("Ed", "Li") are too often something else.
    if (folded.size() <= 2 && static_cast<unsigned char>(folded[0]) < 0x80) flags |= kAmbiguousName;
    Insert(folded, flags);
  }
}

uint64_t NameGazetteer::Hash(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a, then a final mix
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  h ^= h >> 29;
  return h * 0xbf58476d1ce4e5b9ULL;
}

void NameGazetteer::Insert(std::string_view folded, uint8_t flags) {
  if (folded.empty() || folded.size() > 0xffff) return;
  if ((count_ + 1) * 2 > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  for (size_t i = Hash(folded) & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.length == 0) {
      s.offset = static_cast<uint32_t>(keys_.size());
      s.length = static_cast<uint16_t>(folded.size());
      s.flags = flags;
      keys_.append(folded);
      ++count_;
      return;
    }
    if (std::string_view(keys_).substr(s.offset, s.length) == folded) {
      // In both lists: ambiguous if either list says so.
      s.flags |= flags;
      return;
    }
  }
}

void NameGazetteer::Grow() {
  std::vector<Slot> old;
  old.swap(slots_);
  slots_.resize(old.size() * 2);
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.length == 0) continue;
    size_t i = Hash(std::string_view(keys_).substr(s.offset, s.length)) & mask;
    while (slots_[i].length != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

uint8_t NameGazetteer::LookupFolded(std::string_view folded) const {
  if (folded.empty()) return 0;
  const size_t mask = slots_.size() - 1;
  for (size_t i = Hash(folded) & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.length == 0) return 0;
    if (s.length == folded.size() && std::string_view(keys_).substr(s.offset, s.length) == folded)
      return s.flags;
  }
}

uint8_t NameGazetteer::Lookup(std::string_view word) const {
  // Most lookups are short ASCII words: fold on the stack.
  if (word.size() <= 32) {
    char buf[32];
    size_t n = 0;
    for (char c : word) {
      if (static_cast<unsigned char>(c) >= 0x80) break;
      buf[n++] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    }
    if (n == word.size()) return LookupFolded(std::string_view(buf, n));
  }
  std::string folded;
  FoldCase(word, &folded);
  return LookupFolded(folded);
}

}  // namespace winnow::pii
