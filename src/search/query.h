// The search-term query language (docs/search.md) as a syntax tree.
//
// The language follows dtSearch, which review platforms use, so lawyers can
// paste the terms they negotiated:
//
//   apple                word (case-insensitive)     "new york times"  phrase
//   new york times       adjacent words: a phrase    appl* / b?nana    wildcards
//   apply~               stemming (Snowball English)  ba%nana           fuzzy
//   /colou?r/            regular expression          a AND b, a OR b, NOT a, a AND NOT b
//   a w/5 b              within 5 words, any order   a pre/5 b         a before b, within 5
//   a not w/5 b          a with no b within 5 words  ( ... )           grouping
//   prompt:(...)  output:(...)  tools:(...)  text:(...)               field scope
//   model:gpt-4*  date:2024-01..2024-06  user:u123  conversation:c9   metadata
//
// Words. Text is split into words as follows (the search engine and the
// reference evaluator in tests/search both implement exactly this):
//   - word characters are Unicode letters (L*), combining marks (M*) and
//     numbers (N*); every other code point (whitespace, punctuation,
//     apostrophes, symbols, ill-formed UTF-8) separates words;
//   - each Han, Hiragana or Katakana character (with the marks after it) is
//     a word by itself, so "中国" in a query is the phrase 中 国;
//   - words compare case-insensitively by Unicode simple case folding of each
//     code point (u_foldCase(c, U_FOLD_CASE_DEFAULT)); accents count.
// A query word is split the same way: `don't` is the phrase don t (so it
// matches "don't" and "don’t"), `nytimes.com` the phrase nytimes com.
//
// Word patterns (one text word each):
//   - kLiteral: the folded word equals the folded pattern;
//   - kWildcard: `?` is one word character, `*` any number (zero or more);
//     the rest compares folded, character by character;
//   - kStem (`apply~`): Snowball English stem of the folded word equals the
//     stem of the folded pattern (libstemmer, "english", UTF-8);
//   - kFuzzy (`ba%nana`): the characters before the first `%` match exactly
//     (folded), and the rest of the word is within Levenshtein distance k
//     (in code points, folded) of the rest of the pattern with the `%`s
//     removed, where k is the number of `%`.
//
// Evaluation of a query on one document (an entry's fields) gives a match
// flag and a set of spans, each in one field, with code-point offsets and
// the word positions it covers:
//   - word / phrase: every occurrence (a phrase is consecutive words; only
//     separators between them, any number); matched if one exists;
//   - regex: every match Hyperscan reports (case-insensitive, UTF-8,
//     Unicode classes); overlapping matches merge into one span;
//   - a OR b: union; a AND b: both matched, union of spans;
//   - NOT a: matched when a is not, no spans; a AND NOT b: a's spans when b
//     is not matched;
//   - a w/N b: pairs of spans x of a and y of b in the same field instance
//     whose word distance is at most N, where the distance of two spans is
//     0 when they overlap, else (first word of the later) minus (last word of
//     the earlier); the spans are every x and y in such a pair;
//   - a pre/N b: as w/N but x must end before y starts;
//   - a not w/N b: spans x of a with no span of b within N words;
//   - field:(q): q evaluated with every word, phrase and regex restricted to
//     that field (prompt, output, tools, text); unscoped leaves search every
//     field;
//   - metadata leaves match the entry's metadata and have no spans.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "winnow/status.h"

namespace winnow::search {

// One word pattern of a phrase.
struct WordPattern {
  enum class Kind : uint8_t { kLiteral, kWildcard, kStem, kFuzzy };
  Kind kind = Kind::kLiteral;
  std::string text;  // as written, UTF-8, without `~`; wildcards and `%` kept
  int column = 0;    // 1-based column (code points) in the query
};

// kTitle, kSystem: a canonical entry's meta.title (the conversation's
// title, on its first entry only) and meta.system (the system or custom
// instructions text before the entry's prompt).
enum class TextField : uint8_t { kAny, kPrompt, kOutput, kTools, kText, kTitle, kSystem };
const char* TextFieldName(TextField field);

enum class MetaField : uint8_t { kModel, kDate, kUser, kConversation, kEntry };
const char* MetaFieldName(MetaField field);

struct Node {
  enum class Kind : uint8_t {
    kPhrase,    // words: one or more WordPatterns in sequence
    kRegex,     // regex: Hyperscan syntax, without the slashes
    kMeta,      // meta_field with value (wildcards allowed) or a date range
    kAnd, kOr,  // children: two or more
    kNot,       // children[0]
    kAndNot,    // children[0] AND NOT children[1]
    kNear,      // children[0] w/N or pre/N children[1]; see distance, ordered
    kNotNear,   // children[0] not w/N children[1]
    kField,     // children[0] restricted to field
  };
  Kind kind = Kind::kPhrase;
  int column = 0;  // 1-based column (code points) where the node starts

  std::vector<WordPattern> words;  // kPhrase
  std::string regex;               // kRegex
  TextField field = TextField::kAny;  // kField

  MetaField meta_field = MetaField::kModel;  // kMeta
  std::string meta_value;  // kMeta: the value (wildcards `*` `?`), folded compare
  // kMeta with meta_field kDate: inclusive range of RFC 3339 date prefixes,
  // "" for an open end; `date:2024-03` is the range 2024-03 .. 2024-03. A
  // date matches when its prefix of the bound's length is within the range.
  std::string date_from, date_to;

  int distance = 0;      // kNear, kNotNear
  bool ordered = false;  // kNear: pre/N

  std::vector<std::unique_ptr<Node>> children;
};

struct Query {
  std::string text;             // as written
  std::unique_ptr<Node> root;
};

// Parses one query. Errors are InvalidArgument with the message
// "column C: what is wrong" (C 1-based, in code points), for example
// "column 9: AND and OR mixed without parentheses; add parentheses".
StatusOr<Query> ParseQuery(std::string_view text);

// A named query of a term set.
struct Term {
  std::string name;
  std::string query_text;
  int line = 0;  // 1-based line in the term file, 0 when not from a file
  Query query;
};

// Parses a term file: either lines `name<TAB>query` (blank lines and lines
// starting with `#` skipped), or TOML with `[[term]]` tables holding `name`
// and `query` (chosen by content: a first non-blank, non-comment line
// starting with `[`). Names are unique and non-empty. Errors name the file
// (`source`), the line, the term and the column:
// "terms.tsv:12: term 'paywall': column 9: ...".
StatusOr<std::vector<Term>> ParseTermFile(std::string_view contents, std::string_view source);
StatusOr<std::vector<Term>> LoadTermFile(const std::string& path);

// Debug form of a tree, e.g. (AND (PHRASE new york) (NEAR/5 a b)); tests use it.
std::string DebugString(const Node& node);

}  // namespace winnow::search
