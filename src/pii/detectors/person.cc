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
// by names already found in the same text or conversation (person_score.cc).
// Scripts without case (Chinese, Japanese, Korean) are handled only after
// cues (FindUncasedNames). Spans of other detectors' findings (emails, URLs) are
// never overlapped.
#include <unicode/uchar.h>

#include <algorithm>
#include <string>

#include "pii/detectors/person_cue_words.h"
#include "pii/detectors/person_scan.h"
#include "pii/detectors/person_skim.h"
#include "pii/detectors/registry.h"

namespace winnow::pii {
namespace {

constexpr std::string_view kType = "PERSON";
constexpr std::string_view kName = "person";

bool IsUpperByte(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool IsLowerByte(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool IsDigitByte(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsAlnumByte(unsigned char c) {
  return IsUpperByte(c) || IsLowerByte(c) || (c >= '0' && c <= '9');
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

}  // namespace

PersonWordInfo ClassifyPersonWord(std::string_view word) {
  PersonWordInfo info;
  const FoldedWord folded(word);
  info.cls = WordClass(word, folded);
  if (info.cls == CueWord::kNone || info.cls == CueWord::kParticle) {
    info.flags = NameGazetteer::Get().Lookup(folded);
    if (info.flags == 0) info.flags = GuessNameFlags(word);
  }
  return info;
}

PersonScratch& PersonScratch::Get() {
  thread_local PersonScratch scratch;
  scratch.tokens.clear();
  scratch.rejected.clear();
  scratch.seen.Clear();
  scratch.email_parts.Clear();
  scratch.products.Clear();
  scratch.mine.clear();
  scratch.uncased_starts.clear();
  scratch.spans.clear();
  return scratch;
}

PersonScan::PersonScan(const DetectContext& ctx, std::span<const Finding> found)
    : text_(ctx.text),
      found_(found),
      names_(NameGazetteer::Get()),
      scratch_(PersonScratch::Get()),
      tokens_(scratch_.tokens),
      rejected_(scratch_.rejected),
      seen_(scratch_.seen),
      email_parts_(scratch_.email_parts),
      products_(scratch_.products),
      mine_(scratch_.mine),
      uncased_starts_(scratch_.uncased_starts),
      fold_(scratch_.fold) {
  if (ctx.known_names != nullptr) {
    for (const std::string& n : *ctx.known_names) AddSeen(n);
  }
  for (const Finding& f : found) {
    if (f.type == "EMAIL_ADDRESS") AddEmailParts(text_.substr(f.begin, f.end - f.begin));
  }
}

void PersonScan::AddSeen(std::string_view name) {
  size_t i = 0;
  while (i < name.size()) {
    size_t j = name.find(' ', i);
    if (j == std::string_view::npos) j = name.size();
    std::string_view w = name.substr(i, j - i);
    while (!w.empty() && w.back() == '.') w.remove_suffix(1);
    if (w.size() >= 2 && WordClass(w) == CueWord::kNone) {
      FoldCase(w, &fold_);
      seen_.Insert(fold_, 1);
    }
    i = j + 1;
  }
}

void PersonScan::AddEmailParts(std::string_view email) {
  std::string_view local = email.substr(0, email.find('@'));
  size_t i = 0;
  while (i < local.size()) {
    size_t j = i;
    while (j < local.size() && IsUpperByte(local[j]) + IsLowerByte(local[j])) ++j;
    if (j - i >= 3) {
      FoldCase(local.substr(i, j - i), &fold_);
      email_parts_.Insert(fold_, 1);
    }
    i = j + 1;
  }
}

bool PersonScan::Seen(const Token& t) {
  if (seen_.empty() || t.kind != Kind::kWord) return false;
  FoldCase(text_.substr(t.begin, t.end - t.begin), &fold_);
  return seen_.LookupFolded(fold_) != 0;
}

// A capitalized word used as the name of software or a product: a product
// noun after it, past other capitalized words ("Docker container", "Oscar's
// apps", "Watson Developer Cloud API"); a verb done to software before it
// ("install Terraform"); or a version number after it ("Vicuna 13.1",
// "Python v3").
bool PersonScan::ProductContext(const Token& t) const {
  const CueTables& tables = CueTables::Get();
  char buf[24];
  auto lookup = [&](size_t b, size_t e) -> uint8_t {
    if (e - b < 2 || e - b > sizeof(buf)) return 0;
    for (size_t k = b; k < e; ++k) {
      const char c = text_[k];
      buf[k - b] = IsUpperByte(c) ? static_cast<char>(c + 32) : c;
    }
    return tables.products.LookupFolded(std::string_view(buf, e - b));
  };
  size_t i = t.end;
  if (i + 1 < text_.size() && text_[i] == '\'' && text_[i + 1] == 's') i += 2;
  else if (text_.substr(i, 4) == "\xE2\x80\x99s") i += 4;
  for (int n = 0; n < 3 && i + 1 < text_.size() && text_[i] == ' '; ++n) {
    size_t b = i + 1, e = b;
    if (n == 0 && (IsDigitByte(text_[b]) || (text_[b] == 'v' && b + 1 < text_.size() && IsDigitByte(text_[b + 1])))) {
      // A version: "3.9", "v2", not a house number or a year.
      e = b + (text_[b] == 'v');
      while (e < text_.size() && IsDigitByte(text_[e])) ++e;
      if (text_[b] == 'v' || (e + 1 < text_.size() && text_[e] == '.' && IsDigitByte(text_[e + 1]))) return true;
      break;
    }
    while (e < text_.size() && IsAlnumByte(text_[e])) ++e;
    if (e == b) break;
    if (lookup(b, e) & kProductNoun) return true;
    if (!IsUpperByte(text_[b])) break;
    i = e;
  }
  if (t.begin >= 3 && text_[t.begin - 1] == ' ') {
    size_t e = t.begin - 1, b = e;
    while (b > 0 && IsAlnumByte(text_[b - 1])) --b;
    if (lookup(b, e) & kProductVerb) return true;
  }
  return false;
}

// A word named as a product anywhere in the text is taken for one
// throughout it (a product's documentation says "Oscar app" once and
// "Oscar" everywhere else): such words count as unknown, and alone they are
// no name (person_score.cc).
void PersonScan::MarkProducts() {
  // Unknown words too: one found in this text ("called Terraform Cloud")
  // would be seen, and score, everywhere else in it.
  for (Token& t : tokens_) {
    if (t.kind != Kind::kWord || t.uncased || !ProductContext(t)) continue;
    FoldCase(text_.substr(t.begin, t.end - t.begin), &fold_);
    products_.Insert(fold_, 1);
  }
  if (products_.empty()) return;
  for (Token& t : tokens_) {
    if (t.kind != Kind::kWord) continue;
    FoldCase(text_.substr(t.begin, t.end - t.begin), &fold_);
    t.product = products_.LookupFolded(fold_) != 0;
  }
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
  if (after == '.' && w.end + 1 < text_.size() && IsAlnumByte(text_[w.end + 1])) return;

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
          !(IsUpperByte(text_[w.end + 1]) || (lower_mode_ && IsLowerByte(text_[w.end + 1]))))
        return;
    }
  } else {
    const PersonWordInfo info = word.size() <= PersonScratch::WordCache::kMaxLength
                                    ? scratch_.words->Get(word, ClassifyPersonWord)
                                    : ClassifyPersonWord(word);
    switch (info.cls) {
      case CueWord::kStop: t.kind = Kind::kStop; break;
      case CueWord::kHead: t.kind = Kind::kHead; break;
      case CueWord::kPrefix: t.kind = Kind::kPrefix; break;
      case CueWord::kHonorific:
        t.kind = Kind::kHonorific;
        if (after == '.') t.next = t.end + 1;
        break;
      default:
        t.flags = info.flags;
        break;
    }
  }
  tokens_.push_back(t);
}

// "my name is dan": a lower-case given name right after a strong cue.
void PersonScan::LowerCaseAfterCue(size_t at) {
  size_t e = at;
  while (e < text_.size() && IsLowerByte(text_[e])) ++e;
  if (e < text_.size() && (IsAlnumByte(text_[e]) || static_cast<unsigned char>(text_[e]) >= 0x80)) return;
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
      if (IsLowerByte(c) && lower_mode_) {
        NameWord w = ReadNameWord(t, i);
        w.upper_first = true;
        if (!w.camel) AddToken(w);
        i = std::max(w.end, i + 1);
        continue;
      }
      if (IsLowerByte(c) && (tokens_.empty() || tokens_.back().next + 1 < i)) {
        // The common case: lower-case ASCII words, no particle after a name.
        const size_t skip = SkipPlainWords(t, i);
        if (skip != i) {
          i = skip;
          continue;
        }
      }
      if (IsLowerByte(c)) {
        // A lower-case ASCII word, skipped at byte speed unless it may be a
        // particle right after a name token.
        const size_t j = LowerRunEnd(t, i + 1);
        if (j < n && (static_cast<unsigned char>(t[j]) >= 0x80 || t[j] == '\'' || IsUpperByte(t[j]))) {
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
                   j + 1 < n && t[j] == ' ' && IsLowerByte(t[j + 1])) {
          LowerCaseAfterCue(j + 1);
        }
        i = j;
        continue;
      }
      if (IsUpperByte(c)) {
        any_upper_ = true;
        NameWord w = ReadNameWord(t, i);
        AddToken(w);
        i = std::max(w.end, i + 1);
        continue;
      }
      if (c >= '0' && c <= '9') {
        while (i < n && IsAlnumByte(t[i])) ++i;
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

void PersonScan::Run(std::vector<Finding>* out) {
  // Text with no capital letter and no non-ASCII character is read once,
  // in lower-case mode: the normal pass could find nothing it would keep.
  if (AnyUpperOrNonAscii(text_)) Collect();
  if (!any_upper_ && text_.find(' ') != std::string_view::npos) {
    // Text typed all in lower case ("follow up with anna berg"): every word
    // is a candidate, and names score lower (see Score).
    lower_mode_ = true;
    tokens_.clear();
    Collect();
  }
  MarkProducts();
  // Words of scripts without case after a cue ("Dear 伊藤拓也", "Hi राहुल"),
  // first: the cue, not the gazetteer, tells where such a name ends.
  for (uint32_t start : uncased_starts_) {
    const float cue = CueBefore(text_, start);
    NameSpan span;
    if (cue >= 0.3f && UncasedNameAt(text_, start, names_, &span)) {
      Emit(span.begin, span.end, std::min(1.0f, span.score + cue));
    } else if (start >= 2 && text_.substr(start - 2, 2) == ", " && UncasedNameAt(text_, start, names_, &span)) {
      // "Sure, 山本彩花!": the "!" after the name ends it.
      if (const float vocative = VocativeCue(text_, span.begin, span.end); vocative > 0)
        Emit(span.begin, span.end, std::min(1.0f, span.score + vocative));
    }
  }
  // Runs of joined tokens, cut into segments at stop words; a segment next
  // to a place or organization word ("Smith Street", "New York") is no name.
  for (size_t i = 0; i < tokens_.size();) {
    size_t j = i + 1;
    while (j < tokens_.size() && JoinedTokens(text_, tokens_[j - 1], tokens_[j])) ++j;
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
    std::vector<NameSpan>& spans = scratch_.spans;
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


std::unique_ptr<Detector> MakePersonDetector() { return std::make_unique<PersonDetector>(); }

}  // namespace winnow::pii
