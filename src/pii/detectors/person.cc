// PERSON: names of people, found without a neural model.
//
// One pass over the text collects the capitalized words (Latin, Cyrillic,
// Greek and other scripts with case), initials ("J."), honorifics ("Dr.")
// and surname particles ("van der"); only capitalized words are looked up in
// the gazetteer (person_names.h). Words joined by single spaces form runs;
// a run is cut at common words ("The", "Hi") and dropped next to place and
// organization words ("Street", "University", "New ..."). What remains is
// scored by what the gazetteer knows of its words (a given name followed by
// a surname is strong evidence; a word that is also an English word, month
// or place is weak), raised by cues before or after it (person_cues.cc) and
// by names already found in the same text or conversation. Scripts without
// case (Chinese, Japanese, Korean) are handled only after cues
// (FindUncasedNames). Spans of other detectors' findings (emails, URLs) are
// never overlapped.
#include <unicode/uchar.h>

#include <algorithm>
#include <string>
#include <unordered_set>

#include "pii/detectors/person_cues.h"
#include "pii/detectors/person_names.h"
#include "pii/detectors/registry.h"

namespace winnow::pii {
namespace {

constexpr std::string_view kType = "PERSON";
constexpr std::string_view kName = "person";

enum class Kind : uint8_t { kWord, kInitial, kParticle, kHonorific, kStop, kHead, kPrefix };

struct Token {
  uint32_t begin = 0;
  uint32_t end = 0;       // without a trailing "." or possessive "'s"
  uint32_t next = 0;      // where the gap to the next token starts (after the ".")
  Kind kind = Kind::kWord;
  uint8_t flags = 0;      // NameFlag bits; 0: not in the gazetteer
  bool uncased = false;   // a script without case (Arabic, Hebrew, ...)
  bool seen = false;      // matches a name found earlier (text or conversation)
};

bool IsAsciiUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool IsAsciiAlnum(unsigned char c) {
  return IsAsciiUpper(c) || IsAsciiLower(c) || (c >= '0' && c <= '9');
}

class PersonDetector : public Detector {
 public:
  std::string_view Name() const override { return kName; }
  std::vector<std::string_view> Types() const override { return {kType}; }
  float Threshold(std::string_view) const override { return 0.5f; }
  std::string Normalize(std::string_view type, std::string_view value) const override;
  void Scan(const DetectContext& ctx, std::span<const Finding> found,
            std::vector<Finding>* out) const override;
};

// The state of one Scan() call.
class PersonScan {
 public:
  PersonScan(const DetectContext& ctx, std::span<const Finding> found)
      : text_(ctx.text), found_(found), names_(NameGazetteer::Get()) {
    if (ctx.known_names != nullptr) {
      for (const std::string& n : *ctx.known_names) AddSeen(n);
    }
    for (const Finding& f : found) {
      if (f.type == "EMAIL_ADDRESS") AddEmailParts(text_.substr(f.begin, f.end - f.begin));
    }
  }

  void Run(std::vector<Finding>* out);

 private:
  void Collect();
  void AddToken(const NameWord& w);
  void LowerCaseAfterCue(size_t at);
  void Evaluate(size_t first, size_t last, bool second_pass);
  float Score(size_t first, size_t last, bool honorific) const;
  bool Overlaps(uint32_t b, uint32_t e) const;
  bool HouseNumberAfter(uint32_t e) const;
  bool InSurnameList(const Token& t) const;
  void AddSeen(std::string_view name);
  void AddEmailParts(std::string_view email);
  bool Seen(const Token& t) const;
  void Emit(uint32_t b, uint32_t e, float score);

  std::string_view text_;
  std::span<const Finding> found_;
  const NameGazetteer& names_;
  std::vector<Token> tokens_;
  std::vector<std::pair<size_t, size_t>> rejected_;  // segments for the second pass
  std::unordered_set<std::string> seen_;             // folded words of names found
  std::unordered_set<std::string> email_parts_;
  std::vector<Finding> mine_;
  bool any_cjk_ = false;
  std::vector<uint32_t> uncased_starts_;  // runs of words of scripts without case
  size_t uncased_end_ = 0;
  bool any_upper_ = false;   // a capitalized word was seen
  bool lower_mode_ = false;  // the text has no capitals: read every word
  std::string fold_;
};

void PersonScan::AddSeen(std::string_view name) {
  size_t i = 0;
  while (i < name.size()) {
    size_t j = name.find(' ', i);
    if (j == std::string_view::npos) j = name.size();
    std::string_view w = name.substr(i, j - i);
    while (!w.empty() && w.back() == '.') w.remove_suffix(1);
    if (w.size() >= 2 && WordClass(w) == CueWord::kNone) {
      FoldCase(w, &fold_);
      seen_.insert(fold_);
    }
    i = j + 1;
  }
}

void PersonScan::AddEmailParts(std::string_view email) {
  std::string_view local = email.substr(0, email.find('@'));
  size_t i = 0;
  while (i < local.size()) {
    size_t j = i;
    while (j < local.size() && IsAsciiUpper(local[j]) + IsAsciiLower(local[j])) ++j;
    if (j - i >= 3) {
      FoldCase(local.substr(i, j - i), &fold_);
      email_parts_.insert(fold_);
    }
    i = j + 1;
  }
}

bool PersonScan::Seen(const Token& t) const {
  if (seen_.empty() || t.kind != Kind::kWord) return false;
  std::string folded;
  FoldCase(text_.substr(t.begin, t.end - t.begin), &folded);
  return seen_.count(folded) > 0;
}

// A token for a word that may be part of a name; other words are skipped.
void PersonScan::AddToken(const NameWord& w) {
  const std::string_view word = text_.substr(w.begin, w.end - w.begin);
  Token t;
  t.begin = static_cast<uint32_t>(w.begin);
  t.end = t.next = static_cast<uint32_t>(w.end);
  // Glued to code, paths, handles or numbers: not prose.
  const unsigned char before = w.begin > 0 ? text_[w.begin - 1] : ' ';
  const unsigned char after = w.end < text_.size() ? text_[w.end] : ' ';
  if (before == '@' || before == '_' || before == '/' || before == '\\' || before == '#' ||
      before == '.' || before == '=' || (before >= '0' && before <= '9') || after == '@' ||
      after == '_' || after == '(' || (after >= '0' && after <= '9'))
    return;
  if (after == '.' && w.end + 1 < text_.size() && IsAsciiAlnum(text_[w.end + 1])) return;

  if (!w.cased) {
    // Uncased scripts: only gazetteer words, never a lone one without a cue.
    t.flags = names_.Lookup(word);
    if (t.flags == 0) return;
    t.uncased = true;
  } else if (!w.upper_first && !lower_mode_) {
    // A lower-case particle continues a run ("Ludwig van Beethoven").
    if (tokens_.empty() || tokens_.back().next + 1 != w.begin || before != ' ') return;
    if (WordClass(word) != CueWord::kParticle) return;
    t.kind = Kind::kParticle;
  } else if (w.camel || w.all_caps) {
    return;
  } else if (w.end - w.begin == 1) {
    // A capital letter alone is an initial with its period ("J."), or
    // between two capitalized words ("Ravil G Yefimov"; not "I" or "A").
    t.kind = Kind::kInitial;
    if (after == '.') {
      t.next = t.end + 1;
    } else {
      const char c = text_[w.begin] | 0x20;
      if (c == 'i' || c == 'a' || tokens_.empty() || tokens_.back().kind != Kind::kWord ||
          tokens_.back().next + 1 != w.begin || w.end + 1 >= text_.size() || after != ' ' ||
          !(IsAsciiUpper(text_[w.end + 1]) || (lower_mode_ && IsAsciiLower(text_[w.end + 1]))))
        return;
    }
  } else {
    switch (WordClass(word)) {
      case CueWord::kStop: t.kind = Kind::kStop; break;
      case CueWord::kHead: t.kind = Kind::kHead; break;
      case CueWord::kPrefix: t.kind = Kind::kPrefix; break;
      case CueWord::kHonorific:
        t.kind = Kind::kHonorific;
        if (after == '.') t.next = t.end + 1;
        break;
      default:
        t.flags = names_.Lookup(word);
        if (t.flags == 0) t.flags = GuessNameFlags(word);
        break;
    }
  }
  tokens_.push_back(t);
}

// "my name is dan": a lower-case given name right after a strong cue.
void PersonScan::LowerCaseAfterCue(size_t at) {
  size_t e = at;
  while (e < text_.size() && IsAsciiLower(text_[e])) ++e;
  if (e < text_.size() && (IsAsciiAlnum(text_[e]) || static_cast<unsigned char>(text_[e]) >= 0x80)) return;
  const uint8_t flags = names_.Lookup(text_.substr(at, e - at));
  if (!(flags & kGivenName) || (flags & kAmbiguousName)) return;
  if (CueBefore(text_, static_cast<uint32_t>(at)) < 0.45f) return;
  Token t;
  t.begin = static_cast<uint32_t>(at);
  t.end = t.next = static_cast<uint32_t>(e);
  t.flags = flags;
  tokens_.push_back(t);
}

void PersonScan::Collect() {
  const std::string_view t = text_;
  size_t i = 0;
  const size_t n = t.size();
  while (i < n) {
    const unsigned char c = t[i];
    if (c < 0x80) {
      if (IsAsciiLower(c) && lower_mode_) {
        NameWord w = ReadNameWord(t, i);
        w.upper_first = true;
        if (!w.camel) AddToken(w);
        i = std::max(w.end, i + 1);
        continue;
      }
      if (IsAsciiLower(c)) {
        // The common case: a lower-case ASCII word, skipped at byte speed
        // unless it may be a particle right after a name token.
        size_t j = i + 1;
        while (j < n && IsAsciiLower(t[j])) ++j;
        if (j < n && (static_cast<unsigned char>(t[j]) >= 0x80 || t[j] == '\'' || IsAsciiUpper(t[j]))) {
          NameWord w = ReadNameWord(t, i);
          if (w.end > i) {
            if (!tokens_.empty() && tokens_.back().next + 1 == i) AddToken(w);
            i = w.end;
            continue;
          }
        } else if (!tokens_.empty() && tokens_.back().next + 1 == i && j - i <= 5) {
          NameWord w;
          w.begin = i;
          w.end = j;
          AddToken(w);
        } else if (((j - i == 2 && (t.substr(i, 2) == "is" || t.substr(i, 2) == "me")) ||
                    t.substr(i, j - i) == "named") &&
                   j + 1 < n && t[j] == ' ' && IsAsciiLower(t[j + 1])) {
          LowerCaseAfterCue(j + 1);
        }
        i = j;
        continue;
      }
      if (IsAsciiUpper(c)) {
        any_upper_ = true;
        NameWord w = ReadNameWord(t, i);
        AddToken(w);
        i = std::max(w.end, i + 1);
        continue;
      }
      if (c >= '0' && c <= '9') {
        while (i < n && IsAsciiAlnum(t[i])) ++i;
        continue;
      }
      ++i;
      continue;
    }
    size_t k = i;
    UChar32 cp;
    U8_NEXT(t.data(), k, n, cp);
    if (cp < 0 || !IsWordLetter(cp)) {
      i = k;
      continue;
    }
    if (IsUnspacedScript(cp)) {
      any_cjk_ = true;
      if (i != uncased_end_ || i == 0) uncased_starts_.push_back(static_cast<uint32_t>(i));
      uncased_end_ = i = k;
      continue;
    }
    NameWord w = ReadNameWord(t, i);
    if (!w.cased && !lower_mode_) {
      if (w.begin != uncased_end_ + 1 || t[uncased_end_] != ' ' || i == 0)
        uncased_starts_.push_back(static_cast<uint32_t>(w.begin));
      uncased_end_ = w.end;
    }
    any_upper_ |= w.upper_first;
    if (lower_mode_ && w.cased) w.upper_first = true;
    AddToken(w);
    i = std::max(w.end, k);
  }
}

// Joined: only a space (or ". " after an initial or honorific) between.
bool Joined(std::string_view text, const Token& a, const Token& b) {
  if (b.begin < a.next) return false;
  std::string_view gap = text.substr(a.next, b.begin - a.next);
  return gap == " " || gap == "\xC2\xA0" || (gap.empty() && a.next > a.end);
}

float PersonScan::Score(size_t first, size_t last, bool honorific) const {
  int words = 0, strong = 0, ambiguous = 0, unknown = 0, initials = 0, seen = 0;
  bool uncased = false;
  for (size_t i = first; i < last; ++i) {
    const Token& t = tokens_[i];
    if (t.kind == Kind::kInitial) ++initials;
    if (t.kind != Kind::kWord) continue;
    ++words;
    uncased |= t.uncased;
    if (t.seen) ++seen;
    if (t.flags == 0 && !t.seen) ++unknown;
    else if (t.seen || !(t.flags & kAmbiguousName)) ++strong;
    else ++ambiguous;
  }
  const Token& head = tokens_[first];
  const Token* tail = nullptr;
  for (size_t i = last; i-- > first;) {
    if (tokens_[i].kind == Kind::kWord) { tail = &tokens_[i]; break; }
  }
  // Unknown capitalized words need a cue: "Hi Vinicio", "I'm Vikram Reddy".
  float s = words <= 2 ? 0.2f : 0.1f;
  if (words >= 2) {
    if (strong >= 2) s = 0.85f;
    else if (strong == 1 && ambiguous >= 1) s = 0.7f;
    else if (strong == 1 && head.kind == Kind::kWord && (head.flags & kGivenName) && head.flags & ~kAmbiguousName)
      s = unknown > 1 ? 0.5f : 0.6f;
    else if (strong == 1 && tail && (tail->flags & kSurname) && !(tail->flags & kAmbiguousName)) s = 0.55f;
    else if (strong == 1) s = 0.45f;
    else if (ambiguous >= 2) s = 0.35f;
    else if (ambiguous == 1) s = 0.3f;
    if (unknown > 2) s = std::min(s, 0.3f);
  } else if (words == 1 && tail) {
    // A given name alone names a person more often than a surname alone,
    // which may be a company ("Davis, Reynolds and Williamson").
    const bool given = tail->flags & kGivenName, sur = tail->flags & kSurname;
    if (strong) s = tail->seen || (given && !sur) ? 0.6f : given ? 0.5f : 0.4f;
    else if (ambiguous) s = 0.15f;
    if (strong && sur && !tail->seen && InSurnameList(*tail)) s -= 0.25f;
    if (initials > 0) s += 0.25f;
    if (uncased) s = std::min(s, 0.4f);
  } else {
    return 0;
  }
  if (uncased && words >= 2 && strong >= 2) s = 0.7f;
  if (words == 2 && initials == 1 && unknown == 2 && tokens_[first + 1].kind == Kind::kInitial)
    s = 0.55f;  // "Faina D. Yefremova"
  // Lower-case text: "i will sue them" is no name; "naomi ryan" is.
  if (lower_mode_) s -= words == 1 ? 0.25f : ambiguous > 0 ? 0.3f : 0.1f;
  if (seen > 0) s = std::max(s, 0.75f);
  if (honorific) s = std::max(s + 0.45f, 0.6f);
  const uint32_t b = head.begin, e = tail ? tail->end : head.end;
  s += CueBefore(text_, b) + CueAfter(text_, e);
  // "Peter Zuidhove 188": a street named after someone, then its number.
  if (HouseNumberAfter(e)) s -= 0.4f;
  for (size_t i = first; i < last && !email_parts_.empty(); ++i) {
    std::string folded;
    FoldCase(text_.substr(tokens_[i].begin, tokens_[i].end - tokens_[i].begin), &folded);
    if (tokens_[i].kind == Kind::kWord && email_parts_.count(folded)) {
      s += 0.3f;
      break;
    }
  }
  return std::min(s, 1.0f);
}

// One segment: tokens [first, last) without stop, head or prefix words.
void PersonScan::Evaluate(size_t first, size_t last, bool second_pass) {
  bool honorific = false;
  while (first < last && tokens_[first].kind != Kind::kWord && tokens_[first].kind != Kind::kInitial) {
    honorific |= tokens_[first].kind == Kind::kHonorific;
    ++first;
  }
  auto is_word = [&](size_t i) { return tokens_[i].kind == Kind::kWord; };
  auto known = [&](size_t i) { return is_word(i) && (tokens_[i].flags != 0 || tokens_[i].seen); };
  size_t kf = last, kl = first;  // first known word, one past the last
  for (size_t i = first; i < last; ++i) {
    if (known(i)) {
      kf = std::min(kf, i);
      kl = i + 1;
    }
  }
  if (kf < last) {
    // Unknown words at the ends stay only as the other half of a full name:
    // one before a surname ("Calquin Cazares"), one after a given name
    // ("Teresa Kreutzmann"). Longer title-case phrases are cut back.
    int lead = 0, trail = 0;
    for (size_t i = first; i < kf; ++i) lead += is_word(i);
    for (size_t i = kl; i < last; ++i) trail += is_word(i);
    const uint8_t kflags = tokens_[kf].flags;
    if (lead > 1 || (lead == 1 && (!(kflags & kSurname) || (kflags & kGivenName))))
      first = kf;
    const Token& lastknown = tokens_[kl - 1];
    if (trail > 1 || (trail == 1 && !(lastknown.flags & kGivenName) && !lastknown.seen)) last = kl;
  } else if (last - first > 3) {
    return;
  }
  while (last > first && !is_word(last - 1)) --last;
  if (first >= last) return;
  const float s = Score(first, last, honorific);
  if (s >= 0.5f) {
    Emit(tokens_[first].begin, tokens_[last - 1].end, s);
    if (!second_pass) {
      for (size_t i = first; i < last; ++i) {
        if (is_word(i) && (s >= 0.7f || last - first >= 2))
          AddSeen(text_.substr(tokens_[i].begin, tokens_[i].end - tokens_[i].begin));
      }
    }
  } else if (!second_pass) {
    rejected_.push_back({first, last});
  }
}

// " 12", " 188," (not a phone number or a year range) right after `e`.
bool PersonScan::HouseNumberAfter(uint32_t e) const {
  if (e + 1 >= text_.size() || text_[e] != ' ') return false;
  size_t i = e + 1, d = 0;
  while (i < text_.size() && text_[i] >= '0' && text_[i] <= '9') ++i, ++d;
  if (d == 0 || d > 4) return false;
  if (i == text_.size()) return true;
  if (text_[i] == '.') return i + 1 == text_.size() || !IsAsciiAlnum(text_[i + 1]);
  return !(text_[i] == '-' || text_[i] == '/' || text_[i] == ':' || IsAsciiAlnum(text_[i]));
}

// A surname in a firm's name: "Smith & Wesson", or three surnames in the
// law-firm pattern "Jones, Mitchell and Williams" (a list with a given
// name in it, "Hannah, Derek and Anna", is people).
bool PersonScan::InSurnameList(const Token& t) const {
  auto word_at = [&](size_t b, size_t e) -> uint8_t {
    if (e <= b || !IsAsciiUpper(text_[b])) return 0;
    return names_.Lookup(text_.substr(b, e - b)) | 0x80;  // 0x80: a capitalized word
  };
  std::vector<uint8_t> members = {t.flags};
  bool ampersand = false;
  static constexpr std::string_view kSeps[] = {", and ", ", ", " and ", " & "};
  for (size_t b = t.begin, e = t.end, dir = 0; dir < 2; ++dir, b = t.begin, e = t.end) {
    for (int n = 0; n < 4; ++n) {
      bool more = false;
      for (std::string_view sep : kSeps) {
        if (dir == 0 && text_.substr(e).starts_with(sep)) {
          size_t b2 = e + sep.size(), e2 = b2;
          while (e2 < text_.size() && IsAsciiAlnum(text_[e2])) ++e2;
          if (uint8_t f = word_at(b2, e2)) {
            members.push_back(f), b = b2, e = e2, more = true, ampersand |= sep == " & ";
          }
          break;
        }
        if (dir == 1 && text_.substr(0, b).ends_with(sep)) {
          size_t e2 = b - sep.size(), b2 = e2;
          while (b2 > 0 && IsAsciiAlnum(text_[b2 - 1])) --b2;
          if (uint8_t f = word_at(b2, e2)) {
            members.push_back(f), b = b2, e = e2, more = true, ampersand |= sep == " & ";
          }
          break;
        }
      }
      if (!more) break;
    }
  }
  if (members.size() < 2) return false;
  if (ampersand) return true;
  if (members.size() != 3) return false;
  for (uint8_t f : members) {
    if (!(f & kSurname)) return false;
  }
  return true;
}

bool PersonScan::Overlaps(uint32_t b, uint32_t e) const {
  auto it = std::lower_bound(found_.begin(), found_.end(), e,
                             [](const Finding& f, uint32_t end) { return f.begin < end; });
  for (auto i = found_.begin(); i != it; ++i) {
    if (i->end > b) return true;
  }
  return false;
}

void PersonScan::Emit(uint32_t b, uint32_t e, float score) {
  if (e <= b || Overlaps(b, e)) return;
  for (const Finding& f : mine_) {
    if (f.begin < e && b < f.end) return;
  }
  mine_.push_back(Finding{kType, kName, {}, b, e, score});
}

void PersonScan::Run(std::vector<Finding>* out) {
  Collect();
  if (!any_upper_ && text_.find(' ') != std::string_view::npos) {
    // Text typed all in lower case ("follow up with anna berg"): every word
    // is a candidate, and names score lower (see Score).
    lower_mode_ = true;
    tokens_.clear();
    Collect();
  }
  // Words of scripts without case after a cue ("Dear 伊藤拓也", "Hi राहुल"),
  // first: the cue, not the gazetteer, tells where such a name ends.
  for (uint32_t start : uncased_starts_) {
    const float cue = CueBefore(text_, start);
    NameSpan span;
    if (cue >= 0.3f && UncasedNameAt(text_, start, names_, &span))
      Emit(span.begin, span.end, std::min(1.0f, span.score + cue));
  }
  // Runs of joined tokens, cut into segments at stop words; a segment next
  // to a place or organization word ("Smith Street", "New York") is no name.
  for (size_t i = 0; i < tokens_.size();) {
    size_t j = i + 1;
    while (j < tokens_.size() && Joined(text_, tokens_[j - 1], tokens_[j])) ++j;
    size_t seg = i;
    for (size_t k = i; k <= j; ++k) {
      const Kind kind = k < j ? tokens_[k].kind : Kind::kStop;
      if (kind != Kind::kStop && kind != Kind::kHead && kind != Kind::kPrefix) continue;
      const bool place = (k < j && kind == Kind::kHead) || (seg > i && tokens_[seg - 1].kind == Kind::kPrefix);
      if (k > seg && !place) Evaluate(seg, k, false);
      seg = k + 1;
    }
    i = j;
  }
  // Second pass: words of names found above also name that person alone
  // ("... Wacława Adamska ... starring Adamska").
  if (!seen_.empty()) {
    for (auto [first, last] : rejected_) {
      bool any = false;
      for (size_t i = first; i < last; ++i) any |= (tokens_[i].seen = Seen(tokens_[i]));
      if (any) Evaluate(first, last, true);
    }
  }
  if (any_cjk_) {
    std::vector<NameSpan> spans;
    FindUncasedNames(text_, names_, &spans);
    for (const NameSpan& s : spans) Emit(s.begin, s.end, s.score);
  }
  out->insert(out->end(), mine_.begin(), mine_.end());
}

void PersonDetector::Scan(const DetectContext& ctx, std::span<const Finding> found,
                          std::vector<Finding>* out) const {
  if (ctx.text.empty()) return;
  PersonScan scan(ctx, found);
  scan.Run(out);
}

std::string PersonDetector::Normalize(std::string_view type, std::string_view value) const {
  std::string folded;
  FoldCase(value, &folded);
  return Detector::Normalize(type, folded);
}

}  // namespace

std::unique_ptr<Detector> MakePersonDetector() { return std::make_unique<PersonDetector>(); }

}  // namespace winnow::pii
