#include "search/query_lexer.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <utility>

namespace winnow::search::query_internal {
namespace {

constexpr int kMaxDistance = 1000;


bool IsSpace(UChar32 c) { return u_isUWhiteSpace(c); }
bool IsWordChar(UChar32 c) { return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0; }
bool IsPatternChar(UChar32 c) { return c == '*' || c == '?' || c == '%'; }

// A Han, Hiragana or Katakana letter or number (by Script_Extensions, so
// that U+30FC and the kana iteration marks count): a word by itself.
bool IsCjk(UChar32 c) {
  if ((U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK)) == 0) return false;
  return uscript_hasScript(c, USCRIPT_HAN) || uscript_hasScript(c, USCRIPT_HIRAGANA) ||
         uscript_hasScript(c, USCRIPT_KATAKANA);
}


// Splits the query text into tokens. Positions are code-point indices; the
// column of index i is i + 1.
class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < n;) {
      const int32_t at = i;
      UChar32 c;
      U8_NEXT(s, i, n, c);
      cps_.push_back(c < 0 ? 0xFFFD : c);  // ill-formed: a separator
      offsets_.push_back(static_cast<uint32_t>(at));
    }
    offsets_.push_back(static_cast<uint32_t>(n));
  }

  Status Run(std::vector<Token>* out) {
    size_t i = 0;
    while (i < cps_.size()) {
      const UChar32 c = cps_[i];
      if (IsSpace(c)) {
        ++i;
      } else if (c == '(' || c == ')') {
        Token& t = Push(out, c == '(' ? Tok::kLParen : Tok::kRParen, i);
        t.spelling = std::string(1, static_cast<char>(c));
        ++i;
      } else if (c == '"') {
        WINNOW_RETURN_IF_ERROR(LexQuoted(&i, out));
      } else if (c == '/') {
        WINNOW_RETURN_IF_ERROR(LexRegex(&i, out));
      } else {
        WINNOW_RETURN_IF_ERROR(LexChunk(&i, out));
      }
    }
    Push(out, Tok::kEnd, cps_.size());
    return Status::Ok();
  }

 private:
  Token& Push(std::vector<Token>* out, Tok kind, size_t at) {
    Token& t = out->emplace_back();
    t.kind = kind;
    t.column = static_cast<int>(at) + 1;
    return t;
  }
  std::string Bytes(size_t from, size_t to) const {
    return std::string(text_.substr(offsets_[from], offsets_[to] - offsets_[from]));
  }
  size_t Find(size_t from, UChar32 c) const {
    while (from < cps_.size() && cps_[from] != c) ++from;
    return from;
  }

  Status LexQuoted(size_t* i, std::vector<Token>* out) {
    const size_t open = *i;
    const size_t close = Find(open + 1, '"');
    if (close == cps_.size()) return Error(open + 1, "unterminated phrase: a \"phrase\" ends with \"");
    Token& t = Push(out, Tok::kWords, open);
    t.spelling = Bytes(open, close + 1);
    WINNOW_RETURN_IF_ERROR(SplitWords(open + 1, close, &t.words));
    if (t.words.empty()) return Error(open + 1, "empty phrase");
    *i = close + 1;
    return Status::Ok();
  }

  // From `/` to the next unescaped `/`; the pattern is kept as written
  // (`\/` included), since the engine's regex syntax reads `\/` as `/`.
  Status LexRegex(size_t* i, std::vector<Token>* out) {
    const size_t open = *i;
    size_t j = open + 1;
    while (j < cps_.size() && cps_[j] != '/') j += cps_[j] == '\\' ? 2 : 1;
    if (j >= cps_.size()) return Error(open + 1, "unterminated regex: a /regex/ ends with /");
    if (j == open + 1) return Error(open + 1, "empty regex");
    Token& t = Push(out, Tok::kRegex, open);
    t.text = Bytes(open + 1, j);
    t.spelling = Bytes(open, j + 1);
    *i = j + 1;
    return Status::Ok();
  }

  // A run of characters up to whitespace, a parenthesis or a quote: an
  // operator keyword, a field or metadata prefix, or words.
  Status LexChunk(size_t* i, std::vector<Token>* out) {
    const size_t start = *i;
    size_t end = start;
    while (end < cps_.size() && !IsSpace(cps_[end]) && cps_[end] != '(' && cps_[end] != ')' && cps_[end] != '"') {
      ++end;
    }
    std::string lower;
    size_t k = start;
    for (; k < end && cps_[k] < 0x80 && cps_[k] != ':'; ++k) {
      lower.push_back(static_cast<char>(u_tolower(cps_[k])));
    }
    if (k < end && cps_[k] == ':') return LexPrefix(lower, start, k + 1, i, out);
    if (k == end) {
      if (lower == "and" || lower == "or" || lower == "not") {
        Token& t = Push(out, lower == "and" ? Tok::kAnd : lower == "or" ? Tok::kOr : Tok::kNot, start);
        t.spelling = Bytes(start, end);
        *i = end;
        return Status::Ok();
      }
      if (lower.starts_with("w/") || lower.starts_with("pre/")) return LexProximity(lower, start, end, i, out);
    }
    Token t;
    t.kind = Tok::kWords;
    t.column = static_cast<int>(start) + 1;
    t.spelling = Bytes(start, end);
    WINNOW_RETURN_IF_ERROR(SplitWords(start, end, &t.words));
    if (!t.words.empty()) out->push_back(std::move(t));
    *i = end;
    return Status::Ok();
  }

  Status LexProximity(const std::string& lower, size_t start, size_t end, size_t* i, std::vector<Token>* out) {
    const bool ordered = lower.starts_with("pre/");
    const std::string digits = lower.substr(ordered ? 4 : 2);
    const std::string op = ordered ? "pre/" : "w/";
    bool all_digits = !digits.empty();
    for (char c : digits) all_digits = all_digits && c >= '0' && c <= '9';
    if (!all_digits) {
      return Error(start + 1, op + " needs a number of words, e.g. " + op + "5 (quote \"" + Bytes(start, end) +
                                  "\" to search for the text)");
    }
    const size_t nonzero = std::min(digits.find_first_not_of('0'), digits.size());
    const std::string value = digits.substr(nonzero);
    const int n = value.empty() ? 0 : value.size() > 4 ? kMaxDistance + 1 : std::stoi(value);
    if (n < 1 || n > kMaxDistance) return Error(start + 1, op + "N: N must be from 1 to 1000");
    *i = end;
    if (!out->empty() && out->back().kind == Tok::kNot) {
      Token& t = out->back();
      if (ordered) return Error(t.column, "not pre/N is not supported; use not w/N");
      t.kind = Tok::kNotNear;
      t.spelling.append(" ").append(Bytes(start, end));
      t.distance = n;
      return Status::Ok();
    }
    Token& t = Push(out, Tok::kNear, start);
    t.spelling = Bytes(start, end);
    t.distance = n;
    t.ordered = ordered;
    return Status::Ok();
  }

  // `name:` at `start`, the value (or the scoped term) at `value`. Unknown
  // names are not prefixes: the colon separates words (https://x.com).
  Status LexPrefix(const std::string& name, size_t start, size_t value, size_t* i, std::vector<Token>* out) {
    static constexpr std::pair<const char*, TextField> kText[] = {{"prompt", TextField::kPrompt},
                                                                  {"output", TextField::kOutput},
                                                                  {"tools", TextField::kTools},
                                                                  {"text", TextField::kText},
                                                                  {"title", TextField::kTitle},
                                                                  {"system", TextField::kSystem}};
    static constexpr std::pair<const char*, MetaField> kMeta[] = {{"model", MetaField::kModel},
                                                                  {"date", MetaField::kDate},
                                                                  {"user", MetaField::kUser},
                                                                  {"conversation", MetaField::kConversation},
                                                                  {"entry", MetaField::kEntry}};
    for (const auto& [known, field] : kText) {
      if (name != known) continue;
      if (value == cps_.size() || IsSpace(cps_[value]) || cps_[value] == ')') {
        return Error(start + 1, name + ": must be followed directly by a word, a \"phrase\", a /regex/ or a (group)");
      }
      Token& t = Push(out, Tok::kField, start);
      t.spelling = Bytes(start, value);
      t.field = field;
      *i = value;
      return Status::Ok();
    }
    for (const auto& [known, field] : kMeta) {
      if (name == known) return LexMeta(name, field, start, value, i, out);
    }
    // Not a field: the words of the chunk, colon as a separator.
    size_t end = value;
    while (end < cps_.size() && !IsSpace(cps_[end]) && cps_[end] != '(' && cps_[end] != ')' && cps_[end] != '"') {
      ++end;
    }
    Token t;
    t.kind = Tok::kWords;
    t.column = static_cast<int>(start) + 1;
    t.spelling = Bytes(start, end);
    WINNOW_RETURN_IF_ERROR(SplitWords(start, end, &t.words));
    if (!t.words.empty()) out->push_back(std::move(t));
    *i = end;
    return Status::Ok();
  }

  Status LexMeta(const std::string& name, MetaField field, size_t start, size_t v, size_t* i, std::vector<Token>* out) {
    if (v == cps_.size() || IsSpace(cps_[v]) || cps_[v] == ')') return Error(start + 1, name + ": needs a value");
    if (cps_[v] == '(') {
      return Error(v + 1, name + ": takes one value; for several write (" + name + ":a OR " + name + ":b)");
    }
    size_t from = v, to = v, next = v;
    if (cps_[v] == '"') {
      from = v + 1;
      to = Find(from, '"');
      if (to == cps_.size()) return Error(v + 1, "unterminated value: a \"value\" ends with \"");
      next = to + 1;
    } else {
      while (to < cps_.size() && !IsSpace(cps_[to]) && cps_[to] != ')') ++to;
      next = to;
    }
    if (from == to) return Error(start + 1, name + ": needs a value");
    Token& t = Push(out, Tok::kMeta, start);
    t.spelling = Bytes(start, next);
    t.meta = field;
    t.text = Bytes(from, to);
    if (field == MetaField::kDate) WINNOW_RETURN_IF_ERROR(ParseDateRange(from, to, &t));
    *i = next;
    return Status::Ok();
  }

  Status ParseDateRange(size_t from, size_t to, Token* t) const {
    size_t dots = from;
    while (dots + 1 < to && !(cps_[dots] == '.' && cps_[dots + 1] == '.')) ++dots;
    if (dots + 1 >= to) {
      WINNOW_RETURN_IF_ERROR(CheckDate(from, to));
      t->date_from = t->date_to = Bytes(from, to);
      return Status::Ok();
    }
    if (dots == from && dots + 2 == to) return Error(from + 1, "date: needs a date or a range (2024-01..2024-06)");
    if (dots > from) WINNOW_RETURN_IF_ERROR(CheckDate(from, dots));
    if (dots + 2 < to) WINNOW_RETURN_IF_ERROR(CheckDate(dots + 2, to));
    t->date_from = Bytes(from, dots);
    t->date_to = Bytes(dots + 2, to);
    const size_t common = std::min(t->date_from.size(), t->date_to.size());
    if (common > 0 && t->date_from.compare(0, common, t->date_to, 0, common) > 0) {
      return Error(from + 1, "date range ends before it starts");
    }
    return Status::Ok();
  }

  // YYYY, YYYY-MM or YYYY-MM-DD.
  Status CheckDate(size_t from, size_t to) const {
    const std::string s = Bytes(from, to);
    bool ok = s.size() == 4 || s.size() == 7 || s.size() == 10;
    for (size_t k = 0; ok && k < s.size(); ++k) {
      ok = (k == 4 || k == 7) ? s[k] == '-' : (s[k] >= '0' && s[k] <= '9');
    }
    if (ok && s.size() >= 7) ok = s.compare(5, 2, "01") >= 0 && s.compare(5, 2, "12") <= 0;
    if (ok && s.size() == 10) ok = s.compare(8, 2, "01") >= 0 && s.compare(8, 2, "31") <= 0;
    if (ok) return Status::Ok();
    return Error(from + 1, "date '" + s + "' is not YYYY, YYYY-MM or YYYY-MM-DD (month 01-12, day 01-31)");
  }

  // Splits [from, to) into word patterns by the word rules of query.h, with
  // `*`, `?` and `%` kept inside words and a `~` after a word marking a stem.
  Status SplitWords(size_t from, size_t to, std::vector<WordPattern>* words) const {
    size_t word_start = 0;
    bool in_word = false;
    auto flush = [&](size_t end, bool stem) -> Status {
      if (!in_word) return Status::Ok();
      in_word = false;
      WordPattern w;
      w.text = Bytes(word_start, end);
      w.column = static_cast<int>(word_start) + 1;
      bool wild = false, fuzzy = false, letters = false;
      for (size_t k = word_start; k < end; ++k) {
        wild = wild || cps_[k] == '*' || cps_[k] == '?';
        fuzzy = fuzzy || cps_[k] == '%';
        letters = letters || IsWordChar(cps_[k]);
      }
      if (wild && fuzzy) return Error(w.column, "a word cannot be both a wildcard and fuzzy");
      if (!letters) {
        return Error(w.column,
                     std::string(wild ? "a wildcard" : "a fuzzy word") + " needs at least one letter or digit");
      }
      if (stem && (wild || fuzzy)) return Error(w.column, "~ (stemming) cannot follow a wildcard or fuzzy word");
      w.kind = wild    ? WordPattern::Kind::kWildcard
               : fuzzy ? WordPattern::Kind::kFuzzy
               : stem  ? WordPattern::Kind::kStem
                       : WordPattern::Kind::kLiteral;
      words->push_back(std::move(w));
      return Status::Ok();
    };
    for (size_t k = from; k < to;) {
      const UChar32 c = cps_[k];
      if (IsCjk(c)) {
        WINNOW_RETURN_IF_ERROR(flush(k, false));
        size_t end = k + 1;
        while (end < to && (U_GET_GC_MASK(cps_[end]) & U_GC_M_MASK)) ++end;
        in_word = true;
        word_start = k;
        const bool stem = end < to && cps_[end] == '~';
        WINNOW_RETURN_IF_ERROR(flush(end, stem));
        k = end + (stem ? 1 : 0);
        if (stem && k < to && (IsWordChar(cps_[k]) || IsPatternChar(cps_[k]) || cps_[k] == '~')) {
          return Error(k, "~ must end a word (apply~)");
        }
      } else if (IsWordChar(c) || IsPatternChar(c)) {
        if (!in_word) word_start = k;
        in_word = true;
        ++k;
      } else if (c == '~') {
        if (!in_word) return Error(k + 1, "~ goes right after a word (apply~)");
        WINNOW_RETURN_IF_ERROR(flush(k, true));
        if (k + 1 < to && (IsWordChar(cps_[k + 1]) || IsPatternChar(cps_[k + 1]) || cps_[k + 1] == '~')) {
          return Error(k + 1, "~ must end a word (apply~)");
        }
        ++k;
      } else {
        WINNOW_RETURN_IF_ERROR(flush(k, false));
        ++k;
      }
    }
    return flush(to, false);
  }

  std::string_view text_;
  std::vector<UChar32> cps_;
  std::vector<uint32_t> offsets_;  // byte offset of each code point, then the end
};

}  // namespace

Status Error(int column, const std::string& what) {
  return Status::InvalidArgument("column " + std::to_string(column) + ": " + what);
}

bool IsOperator(Tok t) {
  return t == Tok::kAnd || t == Tok::kOr || t == Tok::kNot || t == Tok::kNear || t == Tok::kNotNear;
}

Status Lex(std::string_view text, std::vector<Token>* out) { return Lexer(text).Run(out); }

}  // namespace winnow::search::query_internal
