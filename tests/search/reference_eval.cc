// The reference evaluator: every rule of search/query.h in its most direct
// form (see reference_eval.h). Speed does not matter here; being obviously
// right does.
#include "search/reference_eval.h"

#include <libstemmer.h>
#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

namespace winnow::search::reference {
namespace {

// A span with the word positions it covers (first > last: between words).
struct RSpan {
  uint32_t field = 0, start = 0, end = 0;
  int64_t first = 0, last = 0;
  auto operator<=>(const RSpan&) const = default;
};

struct Value {
  bool matched = false;
  std::set<RSpan> spans;
};

std::u32string Decode(std::string_view text) {
  std::u32string out;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    out.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
  }
  return out;
}

std::string Encode(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) {
    char buf[4];
    int32_t len = 0;
    UBool bad = false;
    U8_APPEND(buf, len, 4, static_cast<UChar32>(c), bad);
    (void)bad;  // code points come from Decode: always valid
    out.append(buf, static_cast<size_t>(len));
  }
  return out;
}

std::u32string Fold(std::u32string s) {
  for (char32_t& c : s) c = static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
  return s;
}

bool IsWordChar(char32_t c) {
  const int t = u_charType(static_cast<UChar32>(c));
  return (U_MASK(t) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

bool IsMark(char32_t c) { return (U_MASK(u_charType(static_cast<UChar32>(c))) & U_GC_M_MASK) != 0; }

bool IsCjk(char32_t c) {
  if (!IsWordChar(c) || IsMark(c)) return false;
  for (UScriptCode s : {USCRIPT_HAN, USCRIPT_HIRAGANA, USCRIPT_KATAKANA}) {
    if (uscript_hasScript(static_cast<UChar32>(c), s)) return true;
  }
  return false;
}

// [start, end) code points of each word of `cps`.
std::vector<std::pair<uint32_t, uint32_t>> WordBounds(const std::u32string& cps) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  const auto n = static_cast<uint32_t>(cps.size());
  for (uint32_t i = 0; i < n;) {
    uint32_t j = i + 1;
    if (IsCjk(cps[i])) {
      while (j < n && IsMark(cps[j])) ++j;
    } else if (IsWordChar(cps[i])) {
      while (j < n && IsWordChar(cps[j]) && !IsCjk(cps[j])) ++j;
    } else {
      i = j;
      continue;
    }
    out.emplace_back(i, j);
    i = j;
  }
  return out;
}

// `*` any number of code points, `?` one; the rest equal.
bool Glob(const char32_t* p, const char32_t* pe, const char32_t* s, const char32_t* se) {
  while (p < pe) {
    if (*p == U'*') {
      ++p;
      for (const char32_t* k = s; k <= se; ++k) {
        if (Glob(p, pe, k, se)) return true;
      }
      return false;
    }
    if (s == se || (*p != U'?' && *p != *s)) return false;
    ++p;
    ++s;
  }
  return s == se;
}
bool Glob(const std::u32string& pattern, const std::u32string& s) {
  return Glob(pattern.data(), pattern.data() + pattern.size(), s.data(), s.data() + s.size());
}

size_t Levenshtein(const std::u32string& a, const std::u32string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

int64_t Distance(const RSpan& x, const RSpan& y) {
  if (x.first <= y.last && y.first <= x.last) return 0;
  return x.last < y.first ? y.first - x.last : x.first - y.last;
}

}  // namespace

std::vector<std::string> SplitWords(std::string_view text) {
  const std::u32string cps = Decode(text);
  std::vector<std::string> out;
  for (const auto& [b, e] : WordBounds(cps)) out.push_back(Encode(cps.substr(b, e - b)));
  return out;
}

RefDocument::RefDocument(const Document& doc)
    : model(doc.model), time(doc.time), user(doc.user), conversation(doc.conversation), entry(doc.entry) {
  for (const DocField& f : doc.fields) {
    Field& field = fields.emplace_back();
    field.kind = f.kind;
    const std::u32string cps = Decode(f.text);
    for (const auto& [b, e] : WordBounds(cps)) field.words.push_back({b, e, Fold(cps.substr(b, e - b))});
    for (uint32_t i = 0; i < cps.size(); ++i) {
      UChar units[2];
      int32_t len = 0;
      UBool bad = false;
      U16_APPEND(units, len, 2, static_cast<UChar32>(cps[i]), bad);
      (void)bad;
      for (int32_t k = 0; k < len; ++k) {
        field.utf16.push_back(units[k]);
        field.u16_to_cp.push_back(i);
      }
    }
    field.u16_to_cp.push_back(static_cast<uint32_t>(cps.size()));
  }
}

class ReferenceEvaluator::Impl {
 public:
  Impl() : stemmer_(sb_stemmer_new("english", "UTF_8")) {}
  ~Impl() { sb_stemmer_delete(stemmer_); }

  StatusOr<Value> Eval(const Node& n, TextField scope, const RefDocument& doc) {
    Value v;
    switch (n.kind) {
      case Node::Kind::kPhrase:
        v = Phrase(n.words, scope, doc);
        break;
      case Node::Kind::kRegex: {
        WINNOW_ASSIGN_OR_RETURN(v, Regex(n.regex, scope, doc));
        break;
      }
      case Node::Kind::kMeta:
        v.matched = Meta(n, doc);
        break;
      case Node::Kind::kAnd:
      case Node::Kind::kOr: {
        const bool all = n.kind == Node::Kind::kAnd;
        v.matched = all;
        for (const auto& c : n.children) {
          WINNOW_ASSIGN_OR_RETURN(Value cv, Eval(*c, scope, doc));
          v.matched = all ? v.matched && cv.matched : v.matched || cv.matched;
          if (cv.matched) v.spans.insert(cv.spans.begin(), cv.spans.end());
        }
        break;
      }
      case Node::Kind::kNot: {
        WINNOW_ASSIGN_OR_RETURN(Value cv, Eval(*n.children[0], scope, doc));
        v.matched = !cv.matched;
        break;
      }
      case Node::Kind::kAndNot: {
        WINNOW_ASSIGN_OR_RETURN(Value a, Eval(*n.children[0], scope, doc));
        WINNOW_ASSIGN_OR_RETURN(Value b, Eval(*n.children[1], scope, doc));
        if (a.matched && !b.matched) v = std::move(a);
        break;
      }
      case Node::Kind::kNear:
      case Node::Kind::kNotNear: {
        WINNOW_ASSIGN_OR_RETURN(Value a, Eval(*n.children[0], scope, doc));
        WINNOW_ASSIGN_OR_RETURN(Value b, Eval(*n.children[1], scope, doc));
        v = n.kind == Node::Kind::kNear ? Near(a, b, n.distance, n.ordered) : NotNear(a, b, n.distance);
        break;
      }
      case Node::Kind::kField:
        return Eval(*n.children[0], n.field, doc);
    }
    if (!v.matched) v.spans.clear();
    return v;
  }

  bool WordMatches(const WordPattern& p, const std::u32string& folded_word) { return Matches(Prepare(p), folded_word); }

 private:
  // A word pattern folded once: the pattern, and for kFuzzy the exact
  // prefix, the rest without `%` and the edit budget.
  struct Prepared {
    WordPattern::Kind kind = WordPattern::Kind::kLiteral;
    std::u32string pattern, rest;
    size_t prefix = 0, edits = 0;
    std::string stem;
  };

  const Prepared& Prepare(const WordPattern& p) {
    const std::string key = std::to_string(static_cast<int>(p.kind)) + p.text;
    auto it = prepared_.find(key);
    if (it != prepared_.end()) return it->second;
    Prepared w;
    w.kind = p.kind;
    w.pattern = Fold(Decode(p.text));
    if (w.kind == WordPattern::Kind::kStem) w.stem = Stem(w.pattern);
    if (w.kind == WordPattern::Kind::kFuzzy) {
      w.prefix = w.pattern.find(U'%');
      for (size_t i = w.prefix; i < w.pattern.size(); ++i) {
        if (w.pattern[i] == U'%') {
          ++w.edits;
        } else {
          w.rest.push_back(w.pattern[i]);
        }
      }
    }
    return prepared_.emplace(key, std::move(w)).first->second;
  }

  bool Matches(const Prepared& w, const std::u32string& word) {
    switch (w.kind) {
      case WordPattern::Kind::kLiteral:
        return word == w.pattern;
      case WordPattern::Kind::kWildcard:
        return Glob(w.pattern, word);
      case WordPattern::Kind::kStem:
        return Stem(word) == w.stem;
      case WordPattern::Kind::kFuzzy:
        return word.size() >= w.prefix && word.compare(0, w.prefix, w.pattern, 0, w.prefix) == 0 &&
               Levenshtein(word.substr(w.prefix), w.rest) <= w.edits;
    }
    return false;
  }

  static bool InScope(TextField scope, const RefDocument::Field& f) {
    return scope == TextField::kAny || scope == f.kind;
  }

  Value Phrase(const std::vector<WordPattern>& patterns, TextField scope, const RefDocument& doc) {
    std::vector<const Prepared*> words;
    for (const WordPattern& p : patterns) words.push_back(&Prepare(p));
    Value v;
    for (uint32_t fi = 0; fi < doc.fields.size(); ++fi) {
      const RefDocument::Field& f = doc.fields[fi];
      if (!InScope(scope, f)) continue;
      for (size_t i = 0; i + words.size() <= f.words.size(); ++i) {
        bool all = true;
        for (size_t k = 0; all && k < words.size(); ++k) all = Matches(*words[k], f.words[i + k].folded);
        if (!all) continue;
        const size_t last = i + words.size() - 1;
        v.spans.insert({fi, f.words[i].start, f.words[last].end, static_cast<int64_t>(i), static_cast<int64_t>(last)});
      }
    }
    v.matched = !v.spans.empty();
    return v;
  }

  // Every start from which ICU finds a match, each match overlapping the
  // one before merged into it.
  StatusOr<Value> Regex(const std::string& regex, TextField scope, const RefDocument& doc) {
    WINNOW_ASSIGN_OR_RETURN(const icu::RegexPattern* pattern, Compile(regex));
    Value v;
    for (uint32_t fi = 0; fi < doc.fields.size(); ++fi) {
      const RefDocument::Field& f = doc.fields[fi];
      if (!InScope(scope, f)) continue;
      UErrorCode err = U_ZERO_ERROR;
      const icu::UnicodeString text(false, f.utf16.data(), static_cast<int32_t>(f.utf16.size()));
      std::unique_ptr<icu::RegexMatcher> m(pattern->matcher(text, err));
      std::vector<std::pair<uint32_t, uint32_t>> found;
      for (int64_t from = 0; U_SUCCESS(err) && from <= static_cast<int64_t>(f.utf16.size());) {
        if (!m->find(from, err) || U_FAILURE(err)) break;
        const int64_t s = m->start64(err), e = m->end64(err);
        if (e > s) {
          const uint32_t cs = f.u16_to_cp[s], ce = f.u16_to_cp[e];
          if (!found.empty() && cs < found.back().second) {
            found.back().second = std::max(found.back().second, ce);
          } else {
            found.emplace_back(cs, ce);
          }
        }
        from = s + (U16_IS_LEAD(f.utf16[s]) ? 2 : 1);
      }
      if (U_FAILURE(err)) return Status::InvalidArgument("regex /" + regex + "/: " + u_errorName(err));
      for (const auto& [cs, ce] : found) {
        RSpan span{fi, cs, ce, static_cast<int64_t>(f.words.size()), -1};
        for (size_t w = 0; w < f.words.size(); ++w) {
          if (f.words[w].end > cs) {
            span.first = static_cast<int64_t>(w);
            break;
          }
        }
        for (size_t w = 0; w < f.words.size(); ++w) {
          if (f.words[w].start < ce) span.last = static_cast<int64_t>(w);
        }
        v.spans.insert(span);
      }
    }
    v.matched = !v.spans.empty();
    return v;
  }

  static Value Near(const Value& a, const Value& b, int n, bool ordered) {
    Value v;
    for (const RSpan& x : a.spans) {
      for (const RSpan& y : b.spans) {
        if (x.field != y.field) continue;
        if (ordered ? (x.end <= y.start && y.first - x.last <= n) : Distance(x, y) <= n) {
          v.spans.insert(x);
          v.spans.insert(y);
        }
      }
    }
    v.matched = !v.spans.empty();
    return v;
  }

  static Value NotNear(const Value& a, const Value& b, int n) {
    Value v;
    for (const RSpan& x : a.spans) {
      bool near = false;
      for (const RSpan& y : b.spans) near = near || (x.field == y.field && Distance(x, y) <= n);
      if (!near) v.spans.insert(x);
    }
    v.matched = !v.spans.empty();
    return v;
  }

  static bool Meta(const Node& n, const RefDocument& doc) {
    if (n.meta_field == MetaField::kDate) {
      const std::string& t = doc.time;
      if (t.empty()) return false;
      const std::string& from = n.date_from;
      const std::string& to = n.date_to;
      if (!from.empty() && (t.size() < from.size() || t.compare(0, from.size(), from) < 0)) return false;
      if (!to.empty() && (t.size() < to.size() || t.compare(0, to.size(), to) > 0)) return false;
      return true;
    }
    const std::string* value = nullptr;
    switch (n.meta_field) {
      case MetaField::kModel:
        value = &doc.model;
        break;
      case MetaField::kUser:
        value = &doc.user;
        break;
      case MetaField::kConversation:
        value = &doc.conversation;
        break;
      case MetaField::kEntry:
        value = &doc.entry;
        break;
      case MetaField::kDate:
        break;
    }
    if (value == nullptr || value->empty()) return false;
    return Glob(Fold(Decode(n.meta_value)), Fold(Decode(*value)));
  }

  const std::string& Stem(const std::u32string& folded) {
    auto it = stems_.find(folded);
    if (it != stems_.end()) return it->second;
    const std::string utf8 = Encode(folded);
    const sb_symbol* s =
        sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(utf8.data()), static_cast<int>(utf8.size()));
    std::string stem(reinterpret_cast<const char*>(s), static_cast<size_t>(sb_stemmer_length(stemmer_)));
    return stems_.emplace(folded, std::move(stem)).first->second;
  }

  StatusOr<const icu::RegexPattern*> Compile(const std::string& regex) {
    auto it = regexes_.find(regex);
    if (it != regexes_.end()) return it->second.get();
    UErrorCode err = U_ZERO_ERROR;
    UParseError pe;
    std::unique_ptr<icu::RegexPattern> p(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(regex), UREGEX_CASE_INSENSITIVE, pe, err));
    if (U_FAILURE(err)) return Status::InvalidArgument("regex /" + regex + "/: " + u_errorName(err));
    return regexes_.emplace(regex, std::move(p)).first->second.get();
  }

  sb_stemmer* stemmer_;
  std::unordered_map<std::u32string, std::string> stems_;
  std::map<std::string, Prepared> prepared_;
  std::map<std::string, std::unique_ptr<icu::RegexPattern>> regexes_;
};

ReferenceEvaluator::ReferenceEvaluator() : impl_(std::make_unique<Impl>()) {}
ReferenceEvaluator::~ReferenceEvaluator() = default;

StatusOr<RefResult> ReferenceEvaluator::Evaluate(const Node& root, const RefDocument& doc) {
  WINNOW_ASSIGN_OR_RETURN(Value v, impl_->Eval(root, TextField::kAny, doc));
  RefResult r;
  r.matched = v.matched;
  for (const RSpan& s : v.spans) r.spans.push_back({s.field, s.start, s.end});
  std::sort(r.spans.begin(), r.spans.end());
  r.spans.erase(std::unique(r.spans.begin(), r.spans.end()), r.spans.end());
  return r;
}

bool ReferenceEvaluator::WordMatches(const WordPattern& pattern, std::string_view word) {
  return impl_->WordMatches(pattern, Fold(Decode(word)));
}

}  // namespace winnow::search::reference
