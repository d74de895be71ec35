#include "gen/copy_edit.h"

#include "gen/text_util.h"

namespace winnow::gen {
namespace {

// Words used for substitutions and insertions: common, so the edited copy
// still reads as prose.
constexpr std::string_view kEditWords[] = {"very", "new", "major", "recent", "local", "key", "several",
    "also", "still", "only", "early", "later", "large", "small", "public", "further", "official",
    "reportedly", "widely", "quickly", "again", "then", "much", "some", "other", "first", "final",
    "strong", "broad", "clear", "long", "recently"};

bool IsAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

// Replaces the word core of `word` (between leading and trailing punctuation).
std::string Substitute(std::string_view word, Rng* rng) {
  size_t a = 0, b = word.size();
  while (a < b && !IsAlnum(static_cast<unsigned char>(word[a]))) ++a;
  while (b > a && !IsAlnum(static_cast<unsigned char>(word[b - 1]))) --b;
  std::string_view core = word.substr(a, b - a);
  std::string_view repl;
  do repl = rng->Pick(kEditWords); while (repl == core);
  std::string s(word.substr(0, a));
  s.append(repl);
  s.append(word.substr(b));
  return s;
}

bool EndsSentence(std::string_view w) {
  while (!w.empty()) {
    char c = w.back();
    if (c == '.' || c == '?' || c == '!') return true;
    // Closing quotation marks after the period: ." .” .’
    if (c == '"' || c == '\'') { w.remove_suffix(1); continue; }
    if (w.size() >= 3 && (w.substr(w.size() - 3) == "”" || w.substr(w.size() - 3) == "’")) {
      w.remove_suffix(3);
      continue;
    }
    return false;
  }
  return false;
}

void AppendTransformed(std::string_view w, const CopyStyle& s, std::string* out) {
  for (size_t i = 0; i < w.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(w[i]);
    if (c == 0xE2 && i + 2 < w.size() && static_cast<unsigned char>(w[i + 1]) == 0x80) {
      unsigned char c3 = static_cast<unsigned char>(w[i + 2]);
      bool dq = c3 == 0x9C || c3 == 0x9D, sq = c3 == 0x98 || c3 == 0x99;
      if (s.quotes == QuoteEdit::kStraight && (dq || sq)) {
        out->push_back(dq ? '"' : '\'');
        i += 2;
        continue;
      }
    }
    if (s.quotes == QuoteEdit::kCurly && (c == '"' || c == '\'')) {
      bool opening = i == 0 || !IsAlnum(static_cast<unsigned char>(w[i - 1]));
      if (c == '"') out->append(opening ? "“" : "”");
      else out->append(opening ? "‘" : "’");
      continue;
    }
    if (s.drop_commas && c == ',') continue;
    if (s.case_edit == CaseEdit::kUpper && c >= 'a' && c <= 'z') c = static_cast<unsigned char>(c - 32);
    if (s.case_edit == CaseEdit::kLower && c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
    out->push_back(static_cast<char>(c));
  }
}

struct OutWord {
  std::string text;
  bool block_before;  // starts a new block (paragraph, or sentence for lists)
};

}  // namespace

void TokenizeWork(std::string_view text, std::vector<WorkToken>* tokens) {
  tokens->clear();
  size_t i = 0, n = text.size();
  bool para = false;
  while (i < n) {
    int newlines = 0;
    while (i < n && (text[i] == ' ' || text[i] == '\n')) newlines += text[i++] == '\n';
    if (i >= n) break;
    size_t b = i;
    while (i < n && text[i] != ' ' && text[i] != '\n') ++i;
    para = newlines >= 2;
    tokens->push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(i), para && !tokens->empty()});
  }
}

std::string CopyStyle::Name() const {
  if (verbatim()) return "verbatim";
  std::string n;
  auto add = [&](std::string_view s) { if (!n.empty()) n.push_back('+'); n.append(s); };
  if (case_edit == CaseEdit::kUpper) add("upper");
  if (case_edit == CaseEdit::kLower) add("lower");
  if (quotes == QuoteEdit::kStraight) add("straight_quotes");
  if (quotes == QuoteEdit::kCurly) add("curly_quotes");
  if (drop_commas) add("no_commas");
  if (breaks == BreakEdit::kJoin) add("joined");
  if (breaks == BreakEdit::kWrap) add("wrapped");
  if (breaks == BreakEdit::kSingle) add("single_breaks");
  static constexpr std::string_view kMarkup[] = {"", "bullets", "blockquote", "bold", "numbered", "italic"};
  if (markup != Markup::kNone) add(kMarkup[static_cast<int>(markup)]);
  if (edit_rate > 0) add("words");
  return n;
}

CopyStyle ChooseCopyStyle(std::span<const double> edit_rates, Rng* rng) {
  CopyStyle s;
  if (rng->Chance(0.35)) return s;
  if (rng->Chance(0.15)) s.case_edit = rng->Chance(0.6) ? CaseEdit::kUpper : CaseEdit::kLower;
  if (rng->Chance(0.3)) s.quotes = rng->Chance(0.5) ? QuoteEdit::kStraight : QuoteEdit::kCurly;
  if (rng->Chance(0.15)) s.drop_commas = true;
  if (rng->Chance(0.3)) s.breaks = static_cast<BreakEdit>(1 + rng->Below(3));
  if (rng->Chance(0.35)) s.markup = static_cast<Markup>(1 + rng->Below(5));
  if (!edit_rates.empty()) s.edit_rate = edit_rates[rng->Below(static_cast<uint32_t>(edit_rates.size()))];
  return s;
}

CopyResult AppendCopy(std::string_view text, std::span<const WorkToken> tokens, size_t first,
                      size_t last, const CopyStyle& style, Rng* rng, std::string* out) {
  CopyResult r;
  const bool lists = style.markup == Markup::kBullets || style.markup == Markup::kNumbered;
  const bool join = style.breaks == BreakEdit::kJoin;
  std::vector<OutWord> words;
  words.reserve(last - first + 8);
  bool pending_block = false;
  for (size_t k = first; k <= last; ++k) {
    std::string_view w = text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
    bool block = k > first && ((tokens[k].paragraph_before && !join) ||
                               (lists && EndsSentence(words.empty() ? std::string_view() : words.back().text)));
    block = block || pending_block;
    pending_block = false;
    bool interior = k > first && k < last;
    if (interior && style.edit_rate > 0 && rng->Chance(style.edit_rate)) {
      switch (rng->Below(3)) {
        case 0: words.push_back({Substitute(w, rng), block}); ++r.substitutions; continue;
        case 1: words.push_back({std::string(rng->Pick(kEditWords)), block}); ++r.insertions; block = false; break;
        default: ++r.deletions; pending_block = block; continue;
      }
    }
    words.push_back({std::string(w), block});
  }

  // Line layout: prefixes and suffixes per block, separators between blocks.
  std::string_view block_sep = style.breaks == BreakEdit::kSingle ? "\n" : join ? " " : "\n\n";
  std::string_view line_prefix;
  if (lists) block_sep = "\n";
  if (style.markup == Markup::kBlockquote) { block_sep = join ? " " : "\n>\n"; line_prefix = "> "; }
  std::string_view wrap_open, wrap_close;
  if (style.markup == Markup::kBold) { wrap_open = wrap_close = "**"; }
  if (style.markup == Markup::kItalic) { wrap_open = wrap_close = "*"; }

  int item = 0;
  size_t line_start = out->size();
  auto open_block = [&] {
    line_start = out->size();
    if (style.markup == Markup::kBullets) out->append("- ");
    else if (style.markup == Markup::kNumbered) { AppendUint(++item, out); out->append(". "); }
    else out->append(line_prefix);
    out->append(wrap_open);
  };
  open_block();
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) {
      if (words[i].block_before) {
        out->append(wrap_close);
        out->append(block_sep);
        if (block_sep == " ") out->append(wrap_open);
        else open_block();
      } else if (style.breaks == BreakEdit::kWrap && out->size() - line_start > 72) {
        out->push_back('\n');
        line_start = out->size();
        out->append(line_prefix);
        if (lists) out->append(style.markup == Markup::kNumbered ? "   " : "  ");
      } else {
        out->push_back(' ');
      }
    }
    if (i == 0) r.begin = out->size();
    AppendTransformed(words[i].text, style, out);
  }
  r.end = out->size();
  out->append(wrap_close);
  return r;
}

}  // namespace winnow::gen
