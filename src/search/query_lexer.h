// The lexer of the query language (query.h): word runs, quoted phrases,
// regexes, field and metadata prefixes, operators and parentheses, each with
// its 1-based column in code points. Internal to query_parser.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "search/query.h"

namespace winnow::search::query_internal {

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

bool IsOperator(Tok t);

// InvalidArgument "column C: what".
Status Error(int column, const std::string& what);

// Splits `text` into tokens ending with a kEnd token, or fails with the
// column of the first thing that is not a token.
Status Lex(std::string_view text, std::vector<Token>* out);

}  // namespace winnow::search::query_internal
