// Scoring for the PERSON detector (person_scan.h): a segment of joined
// tokens is scored by what the gazetteer knows of its words, the cues around
// it (person_cues.h) and the names already found; segments that reach the
// threshold become findings.
#include <algorithm>

#include "pii/detectors/person_scan.h"

namespace winnow::pii {
namespace {

constexpr std::string_view kType = "PERSON";
constexpr std::string_view kName = "person";

bool IsUpperByte(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool IsLowerByte(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool IsAlnumByte(unsigned char c) {
  return IsUpperByte(c) || IsLowerByte(c) || (c >= '0' && c <= '9');
}

}  // namespace

bool JoinedTokens(std::string_view text, const PersonToken& a, const PersonToken& b) {
  if (b.begin < a.next) return false;
  std::string_view gap = text.substr(a.next, b.begin - a.next);
  return gap == " " || gap == "\xC2\xA0" || (gap.empty() && a.next > a.end);
}

float PersonScan::Score(size_t first, size_t last, bool honorific) {
  int words = 0, strong = 0, ambiguous = 0, unknown = 0, initials = 0, seen = 0;
  bool uncased = false;
  for (size_t i = first; i < last; ++i) {
    const Token& t = tokens_[i];
    if (t.kind == Kind::kInitial) ++initials;
    if (t.kind != Kind::kWord) continue;
    ++words;
    uncased |= t.uncased;
    if (t.product) {
      ++unknown;  // named as software or a product in this text
      continue;
    }
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
  } else if (words == 1 && tail && tail->product) {
    return 0;
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
  const float after = CueAfter(text_, e);
  // The cue before costs the most; skip it when even the strongest one
  // (0.45) and an email's part (0.3) could not reach the threshold (0.5).
  if (s + after + (email_parts_.empty() ? 0.45f : 0.75f) < 0.45f) return 0;
  float before = CueBefore(text_, b);
  if (before < 0.3f) {
    if (const float vocative = VocativeCue(text_, b, e); vocative > 0) before = vocative;  // "Sure, Grace!"
  }
  s += before + after;
  // "Peter Zuidhove 188": a street named after someone, then its number.
  if (HouseNumberAfter(e)) s -= 0.4f;
  for (size_t i = first; i < last && !email_parts_.empty(); ++i) {
    FoldCase(text_.substr(tokens_[i].begin, tokens_[i].end - tokens_[i].begin), &fold_);
    if (tokens_[i].kind == Kind::kWord && email_parts_.LookupFolded(fold_)) {
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
  auto known = [&](size_t i) {
    return is_word(i) && !tokens_[i].product && (tokens_[i].flags != 0 || tokens_[i].seen);
  };
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
  if (text_[i] == '.') return i + 1 == text_.size() || !IsAlnumByte(text_[i + 1]);
  return !(text_[i] == '-' || text_[i] == '/' || text_[i] == ':' || IsAlnumByte(text_[i]));
}

// A surname in a firm's name: "Smith & Wesson", or three surnames in the
// law-firm pattern "Jones, Mitchell and Williams" (a list with a given
// name in it, "Hannah, Derek and Anna", is people).
bool PersonScan::InSurnameList(const Token& t) const {
  auto word_at = [&](size_t b, size_t e) -> uint8_t {
    if (e <= b || !IsUpperByte(text_[b])) return 0;
    return names_.Lookup(text_.substr(b, e - b)) | 0x80;  // 0x80: a capitalized word
  };
  uint8_t members[9] = {t.flags};  // the word and up to four on each side
  size_t count = 1;
  bool ampersand = false;
  static constexpr std::string_view kSeps[] = {", and ", ", ", " and ", " & "};
  for (size_t b = t.begin, e = t.end, dir = 0; dir < 2; ++dir, b = t.begin, e = t.end) {
    for (int n = 0; n < 4; ++n) {
      bool more = false;
      for (std::string_view sep : kSeps) {
        if (dir == 0 && text_.substr(e).starts_with(sep)) {
          size_t b2 = e + sep.size(), e2 = b2;
          while (e2 < text_.size() && IsAlnumByte(text_[e2])) ++e2;
          if (uint8_t f = word_at(b2, e2)) {
            members[count++] = f, b = b2, e = e2, more = true, ampersand |= sep == " & ";
          }
          break;
        }
        if (dir == 1 && text_.substr(0, b).ends_with(sep)) {
          size_t e2 = b - sep.size(), b2 = e2;
          while (b2 > 0 && IsAlnumByte(text_[b2 - 1])) --b2;
          if (uint8_t f = word_at(b2, e2)) {
            members[count++] = f, b = b2, e = e2, more = true, ampersand |= sep == " & ";
          }
          break;
        }
      }
      if (!more) break;
    }
  }
  if (count < 2) return false;
  if (ampersand) return true;
  if (count != 3) return false;
  for (size_t i = 0; i < count; ++i) {
    if (!(members[i] & kSurname)) return false;
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

}  // namespace winnow::pii
