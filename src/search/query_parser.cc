// The query parser: a recursive-descent parser over the tokens of the
// lexer (query_lexer.h). Precedence, tightest first: adjacent
// words, field scope, proximity, NOT, AND / AND NOT, OR. Ambiguous forms
// (AND mixed with OR, chained proximity, `a NOT b`) are errors rather than
// guesses: a term list is negotiated text, and a silent reinterpretation
// would change what gets produced.
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "search/query.h"
#include "search/query_lexer.h"

namespace winnow::search {
namespace {

using NodePtr = std::unique_ptr<Node>;

using query_internal::Error;
using query_internal::IsOperator;
using query_internal::Lex;
using query_internal::Tok;
using query_internal::Token;

constexpr size_t kMaxQueryBytes = size_t{1} << 20;

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
    case TextField::kTitle:
      return "title";
    case TextField::kSystem:
      return "system";
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
  WINNOW_RETURN_IF_ERROR(Lex(text, &tokens));
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
