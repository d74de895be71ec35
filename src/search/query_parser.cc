// The query parser: a lexer that turns the text into tokens (word runs,
// quoted phrases, regexes, field and metadata prefixes, operators) and a
// recursive-descent parser over them. Precedence, tightest first: adjacent
// words, field scope, proximity, NOT, AND / AND NOT, OR. Ambiguous forms
// (AND mixed with OR, chained proximity, `a NOT b`) are errors rather than
// guesses: a term list is negotiated text, and a silent reinterpretation
// would change what gets produced.
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "search/query.h"

namespace winnow::search {
namespace {

using NodePtr = std::unique_ptr<Node>;

constexpr size_t kMaxQueryBytes = size_t{1} << 20;
constexpr int kMaxDistance = 1000;

Status Error(int column, const std::string& what) {
  return Status::InvalidArgument("column " + std::to_string(column) + ": " + what);
}

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

enum class Tok : uint8_t { kWords, kRegex, kField, kMeta, kLParen, kRParen, kAnd, kOr, kNot, kNear, kNotNear, kEnd };

struct Token {
  Tok kind = Tok::kEnd;
  int column = 0;
  std::string spelling;            // as written, for messages
  std::vector<WordPattern> words;  // kWords
  std::string text;                // kRegex: the pattern; kMeta: the value
  TextField field = TextField::kAny;
  MetaField meta = MetaField::kModel;
  std::string date_from, date_to;
  int distance = 0;
  bool ordered = false;
};

bool IsOperator(Tok t) {
  return t == Tok::kAnd || t == Tok::kOr || t == Tok::kNot || t == Tok::kNear || t == Tok::kNotNear;
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
      t.spelling += " " + Bytes(start, end);
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
                                                                  {"text", TextField::kText}};
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

NodePtr NewNode(Node::Kind kind, int column) {
  auto n = std::make_unique<Node>();
  n->kind = kind;
  n->column = column;
  return n;
}

// Why `n` cannot be a proximity operand ("" when it can): it must have word
// positions, so it is a phrase, a regex, an OR of such, a proximity, or a
// field scope of one of these.
const char* NotPositional(const Node& n) {
  switch (n.kind) {
    case Node::Kind::kPhrase:
    case Node::Kind::kRegex:
    case Node::Kind::kNear:
    case Node::Kind::kNotNear:
      return "";
    case Node::Kind::kOr:
      for (const NodePtr& c : n.children) {
        if (*NotPositional(*c) != '\0') return NotPositional(*c);
      }
      return "";
    case Node::Kind::kField:
      return NotPositional(*n.children[0]);
    case Node::Kind::kMeta:
      return "metadata";
    case Node::Kind::kAnd:
      return "AND";
    case Node::Kind::kAndNot:
      return "AND NOT";
    case Node::Kind::kNot:
      return "NOT";
  }
  return "";
}

const Node* FindField(const Node& n) {
  if (n.kind == Node::Kind::kField) return &n;
  for (const NodePtr& c : n.children) {
    if (const Node* f = FindField(*c)) return f;
  }
  return nullptr;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : toks_(std::move(tokens)) {}

  StatusOr<NodePtr> ParseAll() {
    if (Peek().kind == Tok::kEnd) return Error(1, "empty query");
    WINNOW_ASSIGN_OR_RETURN(NodePtr root, ParseBool());
    if (Peek().kind == Tok::kRParen) return Error(Peek().column, "')' without a matching '('");
    return root;
  }

 private:
  const Token& Peek() const { return toks_[pos_]; }
  const Token& Take() { return toks_[pos_++]; }

  StatusOr<NodePtr> ParseBool() {
    std::vector<NodePtr> run;
    WINNOW_ASSIGN_OR_RETURN(NodePtr first, ParseUnary());
    run.push_back(std::move(first));
    Tok level = Tok::kEnd;
    while (true) {
      const Token& t = Peek();
      if (t.kind == Tok::kEnd || t.kind == Tok::kRParen) break;
      if (t.kind == Tok::kNot) return Error(t.column, "NOT between two terms; write AND NOT");
      if (t.kind == Tok::kNear || t.kind == Tok::kNotNear) {
        return Error(t.column, t.spelling + " needs words, a phrase or a regex on its left, in parentheses here");
      }
      if (t.kind != Tok::kAnd && t.kind != Tok::kOr) {
        return Error(t.column,
                     "missing operator before this term; use AND, OR or w/N, or parentheses (a field scope "
                     "covers only what directly follows it: prompt:(apple pie))");
      }
      if (level != Tok::kEnd && level != t.kind) {
        return Error(t.column, "AND and OR mixed without parentheses; add parentheses");
      }
      level = t.kind;
      Take();
      if (t.kind == Tok::kAnd && Peek().kind == Tok::kNot) {
        Take();
        WINNOW_ASSIGN_OR_RETURN(NodePtr right, ParseUnary());
        NodePtr left = Collapse(Node::Kind::kAnd, &run);
        NodePtr n = NewNode(Node::Kind::kAndNot, left->column);
        n->children.push_back(std::move(left));
        n->children.push_back(std::move(right));
        run.push_back(std::move(n));
      } else {
        WINNOW_ASSIGN_OR_RETURN(NodePtr right, ParseUnary());
        run.push_back(std::move(right));
      }
    }
    return Collapse(level == Tok::kOr ? Node::Kind::kOr : Node::Kind::kAnd, &run);
  }

  static NodePtr Collapse(Node::Kind kind, std::vector<NodePtr>* run) {
    if (run->size() == 1) {
      NodePtr n = std::move(run->front());
      run->clear();
      return n;
    }
    NodePtr n = NewNode(kind, run->front()->column);
    n->children = std::move(*run);
    run->clear();
    return n;
  }

  StatusOr<NodePtr> ParseUnary() {
    if (Peek().kind != Tok::kNot) return ParseProximity();
    const int column = Take().column;
    WINNOW_ASSIGN_OR_RETURN(NodePtr child, ParseUnary());
    NodePtr n = NewNode(Node::Kind::kNot, column);
    n->children.push_back(std::move(child));
    return n;
  }

  StatusOr<NodePtr> ParseProximity() {
    WINNOW_ASSIGN_OR_RETURN(NodePtr left, ParseScoped());
    if (Peek().kind != Tok::kNear && Peek().kind != Tok::kNotNear) return left;
    const Token& op = Take();
    WINNOW_ASSIGN_OR_RETURN(NodePtr right, ParseScoped());
    for (const auto& [side, operand] : {std::pair{"left", left.get()}, std::pair{"right", right.get()}}) {
      const char* why = NotPositional(*operand);
      if (*why != '\0') {
        return Error(op.column, "the " + std::string(side) + " side of " + op.spelling +
                                    " must be words, a phrase, a regex or an OR of them, not " + why);
      }
    }
    if (Peek().kind == Tok::kNear || Peek().kind == Tok::kNotNear) {
      return Error(Peek().column, "two proximity operators without parentheses; add parentheses, e.g. (a w/5 b) w/3 c");
    }
    NodePtr n = NewNode(op.kind == Tok::kNotNear ? Node::Kind::kNotNear : Node::Kind::kNear, left->column);
    n->distance = op.distance;
    n->ordered = op.ordered;
    n->children.push_back(std::move(left));
    n->children.push_back(std::move(right));
    return n;
  }

  StatusOr<NodePtr> ParseScoped() {
    if (Peek().kind != Tok::kField) return ParsePrimary(false);
    const Token& field = Take();
    const Tok next = Peek().kind;
    if (next == Tok::kField) return Error(Peek().column, "a field scope inside another field scope");
    if (next != Tok::kWords && next != Tok::kRegex && next != Tok::kLParen) {
      return Error(field.column,
                   field.spelling + " must be followed directly by a word, a \"phrase\", a /regex/ or a (group)");
    }
    WINNOW_ASSIGN_OR_RETURN(NodePtr child, ParsePrimary(true));
    if (const Node* inner = FindField(*child)) {
      return Error(inner->column, "a field scope inside another field scope");
    }
    NodePtr n = NewNode(Node::Kind::kField, field.column);
    n->field = field.field;
    n->children.push_back(std::move(child));
    return n;
  }

  // One primary; `single`: one word run only (the operand of a field scope).
  StatusOr<NodePtr> ParsePrimary(bool single) {
    const Token& t = Peek();
    switch (t.kind) {
      case Tok::kLParen: {
        Take();
        if (Peek().kind == Tok::kRParen) return Error(t.column, "empty parentheses");
        WINNOW_ASSIGN_OR_RETURN(NodePtr inner, ParseBool());
        if (Peek().kind != Tok::kRParen) return Error(t.column, "'(' without a matching ')'");
        Take();
        return inner;
      }
      case Tok::kWords: {
        NodePtr n = NewNode(Node::Kind::kPhrase, t.column);
        do {
          for (WordPattern& w : toks_[pos_].words) n->words.push_back(std::move(w));
          Take();
        } while (!single && Peek().kind == Tok::kWords);
        return n;
      }
      case Tok::kRegex: {
        NodePtr n = NewNode(Node::Kind::kRegex, t.column);
        n->regex = Take().text;
        return n;
      }
      case Tok::kMeta: {
        NodePtr n = NewNode(Node::Kind::kMeta, t.column);
        n->meta_field = t.meta;
        n->meta_value = t.text;
        n->date_from = t.date_from;
        n->date_to = t.date_to;
        Take();
        return n;
      }
      default:
        return MissingTerm(t);
    }
  }

  // The error for a place that needs a term but holds `t`.
  Status MissingTerm(const Token& t) const {
    const Token* prev = pos_ > 0 ? &toks_[pos_ - 1] : nullptr;
    const bool after_op = prev != nullptr && (IsOperator(prev->kind) || prev->kind == Tok::kField);
    if (t.kind == Tok::kEnd || (t.kind == Tok::kRParen && after_op)) {
      if (prev == nullptr) return Error(1, "empty query");
      return Error(prev->column, prev->spelling + " needs a term after it");
    }
    if (t.kind == Tok::kRParen) return Error(t.column, "')' without a matching '('");
    if (after_op) return Error(t.column, "expected a term after " + prev->spelling + ", found " + t.spelling);
    return Error(t.column, t.spelling + " needs a term before it");
  }

  std::vector<Token> toks_;
  size_t pos_ = 0;
};

void AppendDebug(const Node& n, std::string* out) {
  auto children = [&](const std::string& head) {
    *out += "(" + head;
    for (const NodePtr& c : n.children) {
      *out += ' ';
      AppendDebug(*c, out);
    }
    *out += ')';
  };
  switch (n.kind) {
    case Node::Kind::kPhrase:
      *out += "(PHRASE";
      for (const WordPattern& w : n.words) {
        static constexpr const char* kSuffix[] = {"", ":wild", ":stem", ":fuzzy"};
        *out += ' ' + w.text + kSuffix[static_cast<int>(w.kind)];
      }
      *out += ')';
      return;
    case Node::Kind::kRegex:
      *out += "(REGEX " + n.regex + ")";
      return;
    case Node::Kind::kMeta:
      *out += std::string("(META ") + MetaFieldName(n.meta_field) + " " +
              (n.meta_field == MetaField::kDate ? n.date_from + ".." + n.date_to : n.meta_value) + ")";
      return;
    case Node::Kind::kAnd:
      return children("AND");
    case Node::Kind::kOr:
      return children("OR");
    case Node::Kind::kNot:
      return children("NOT");
    case Node::Kind::kAndNot:
      return children("ANDNOT");
    case Node::Kind::kNear:
      return children((n.ordered ? "PRE/" : "NEAR/") + std::to_string(n.distance));
    case Node::Kind::kNotNear:
      return children("NOTNEAR/" + std::to_string(n.distance));
    case Node::Kind::kField:
      return children(std::string("FIELD ") + TextFieldName(n.field));
  }
}

}  // namespace

const char* TextFieldName(TextField field) {
  switch (field) {
    case TextField::kAny:
      return "any";
    case TextField::kPrompt:
      return "prompt";
    case TextField::kOutput:
      return "output";
    case TextField::kTools:
      return "tools";
    case TextField::kText:
      return "text";
  }
  return "?";
}

const char* MetaFieldName(MetaField field) {
  switch (field) {
    case MetaField::kModel:
      return "model";
    case MetaField::kDate:
      return "date";
    case MetaField::kUser:
      return "user";
    case MetaField::kConversation:
      return "conversation";
    case MetaField::kEntry:
      return "entry";
  }
  return "?";
}

StatusOr<Query> ParseQuery(std::string_view text) {
  if (text.size() > kMaxQueryBytes) return Error(1, "query longer than 1 MiB");
  std::vector<Token> tokens;
  WINNOW_RETURN_IF_ERROR(Lexer(text).Run(&tokens));
  WINNOW_ASSIGN_OR_RETURN(NodePtr root, Parser(std::move(tokens)).ParseAll());
  Query q;
  q.text = std::string(text);
  q.root = std::move(root);
  return q;
}

std::string DebugString(const Node& node) {
  std::string out;
  AppendDebug(node, &out);
  return out;
}

}  // namespace winnow::search
