// The property the matcher relies on: a copy of an article that differs
// only in case, quotation marks, line layout or markdown wrapping has the
// same token hash sequence as the article. Checked on hand-written
// paragraphs with every variant and some combinations, and on the
// generator's synthetic articles copied in every no-word-edit style of
// gen/copy_edit.h.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "gen/copy_edit.h"
#include "gen/rng.h"
#include "gen/works.h"
#include "text/tokenizer.h"
#include "text/tokenizer_test_util.h"

namespace winnow::text {
namespace {

using Paragraphs = std::vector<std::string>;

const Paragraphs kParagraphs = {
    "The city council voted 7 to 2 on Tuesday to approve the plan, which critics said "
    "would raise rents. “We don’t think it’s fair,” said María López, a tenant organizer. "
    "The mayor’s office did not respond to a request for comment.",
    "Shares of Crestline Mining fell 4.2 percent after the company’s report. Analysts "
    "had expected a loss of about $1.3 billion… The stock recovered in late trading. "
    "The original permit was first issued back in 2011. The company has appealed twice "
    "since 2019.",
    "Asked whether the board would reconsider, Ms. O’Neill said only that “every option "
    "remains on the table.” Officials in São Paulo and Zürich—where the firm employs "
    "8700 people—described the mood as tense. It was the latest of 17 such decisions.",
    "'It's a difficult situation,' the judge wrote in a 40-page opinion. The ruling "
    "can be appealed within 30 days. A spokesperson for the plaintiffs declined to "
    "comment on whether they would do so; the deadline is March 3.",
};

std::string Join(const Paragraphs& ps, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < ps.size(); ++i) out += (i ? std::string(sep) : "") + ps[i];
  return out;
}

Paragraphs Map(const Paragraphs& ps, const std::function<std::string(const std::string&)>& f) {
  Paragraphs out;
  for (const std::string& p : ps) out.push_back(f(p));
  return out;
}

// ASCII and Latin-1 letters upper-cased; ß becomes SS.
std::string Upper(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    unsigned char d = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
    if (c >= 'a' && c <= 'z') {
      out.push_back(static_cast<char>(c - 32));
    } else if (c == 0xC3 && d == 0x9F) {
      out += "SS";
      ++i;
    } else if (c == 0xC3 && d >= 0xA0 && d <= 0xBE && d != 0xB7) {
      out.push_back(static_cast<char>(c));
      out.push_back(static_cast<char>(d - 0x20));
      ++i;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string Lower(const std::string& s) {
  std::string out = s;
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

std::string ReplaceAll(std::string s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

std::string Straight(const std::string& s) {
  std::string out = s;
  for (auto [from, to] : {std::pair{"“", "\""}, {"”", "\""}, {"‘", "'"}, {"’", "'"}}) {
    out = ReplaceAll(out, from, to);
  }
  return out;
}

std::string Curly(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool opening = i == 0 || s[i - 1] == ' ' || s[i - 1] == '\n';
    if (s[i] == '"')
      out += opening ? "“" : "”";
    else if (s[i] == '\'')
      out += opening ? "‘" : "’";
    else
      out.push_back(s[i]);
  }
  return out;
}

// Greedy wrap at `width` bytes; continuation lines start with `indent`.
std::string Wrap(const std::string& p, size_t width, std::string_view indent = "") {
  std::string out, line;
  size_t start = 0;
  while (start < p.size()) {
    size_t sp = p.find(' ', start);
    std::string word = p.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
    start = sp == std::string::npos ? p.size() : sp + 1;
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line = std::string(indent);
    } else if (!line.empty() && line != indent) {
      line += " ";
    }
    line += word;
  }
  return out + line;
}

// Sentences end at . ? ! (with closing quotes) before a space.
Paragraphs Sentences(const Paragraphs& ps) {
  Paragraphs out;
  for (const std::string& p : ps) {
    size_t start = 0;
    for (size_t i = 0; i + 1 < p.size(); ++i) {
      if (p[i + 1] != ' ') continue;
      std::string_view head = std::string_view(p).substr(0, i + 1);
      while (head.ends_with("”") || head.ends_with("’")) head.remove_suffix(3);
      while (head.ends_with("\"") || head.ends_with("'")) head.remove_suffix(1);
      if (head.ends_with(".") || head.ends_with("?") || head.ends_with("!") ||
          head.ends_with("…")) {
        out.push_back(p.substr(start, i + 1 - start));
        start = i + 2;
      }
    }
    out.push_back(p.substr(start));
  }
  return out;
}

std::string Numbered(const Paragraphs& sentences, std::string_view indent_wrapped = "") {
  std::string out;
  for (size_t i = 0; i < sentences.size(); ++i) {
    std::string item = std::to_string(i + 1) + ". " + sentences[i];
    out += (indent_wrapped.empty() ? item : Wrap(item, 72, indent_wrapped)) + "\n";
  }
  return out;
}

std::string Quoted(const Paragraphs& ps, bool wrap) {
  Paragraphs quoted;
  for (const std::string& p : ps)
    quoted.push_back("> " + ReplaceAll(wrap ? Wrap(p, 70) : p, "\n", "\n> "));
  return Join(quoted, "\n>\n");
}

TEST(TokenizerVariantsTest, EveryVariantGivesTheSameHashes) {
  const Paragraphs& ps = kParagraphs;
  const std::vector<uint64_t> expected = test::Hashes(Join(ps, "\n\n"));
  ASSERT_GT(expected.size(), 150u);
  const Paragraphs sentences = Sentences(ps);
  ASSERT_GT(sentences.size(), 12u);
  auto wrapped = [](const Paragraphs& p) {
    return Join(Map(p, [](auto& s) { return Wrap(s, 72); }), "\n\n");
  };
  const std::vector<std::pair<std::string, std::string>> variants = {
      {"upper", Upper(Join(ps, "\n\n"))},
      {"lower", Lower(Join(ps, "\n\n"))},
      {"straight", Straight(Join(ps, "\n\n"))},
      {"curly", Curly(Straight(Join(ps, "\n\n")))},
      {"joined", Join(ps, " ")},
      {"single breaks", Join(ps, "\n")},
      {"wrapped", wrapped(ps)},
      {"crlf wrapped", ReplaceAll(wrapped(ps), "\n", "\r\n")},
      {"bullets", "- " + Join(sentences, "\n- ")},
      {"numbered", Numbered(sentences)},
      {"quoted", Quoted(ps, false)},
      {"bold", "**" + Join(ps, "**\n\n**") + "**"},
      {"italic", "_" + Join(ps, "_\n\n_") + "_"},
      {"html", "<p>" + Join(ps, "</p>\n<p>") + "</p>"},
      {"upper wrapped", Upper(wrapped(ps))},
      {"quoted wrapped", Quoted(ps, true)},
      {"numbered wrapped", Numbered(sentences, "   ")},
      {"bullets wrapped",
       "- " + Join(Map(sentences, [](auto& s) { return Wrap(s, 72, "  "); }), "\n- ")},
      {"numbered quoted", "> " + ReplaceAll(Numbered(sentences), "\n", "\n> ")},
      {"curly bold bullets", Curly(Straight("- **" + Join(sentences, "**\n- **") + "**"))},
      {"upper straight numbered", Upper(Straight(Numbered(sentences)))},
  };
  for (const auto& [name, text] : variants) {
    EXPECT_EQ(test::Hashes(text), expected) << name << ":\n" << text;
  }
  // The hard wrap really put a sentence-ending year at a line start.
  EXPECT_NE(wrapped(ps).find("\n2011. The"), std::string::npos) << wrapped(ps);
}

// Passages of the generator's articles, copied in every style that edits
// no words (case, quotes, commas, line breaks, markdown), tokenize like the
// passage itself.
TEST(TokenizerVariantsTest, GeneratorCopyStylesKeepTokens) {
  gen::WorkSet works(1, 30);
  gen::WorkProfile profile;
  std::string text, out;
  std::vector<gen::WorkToken> words;
  gen::Rng rng(5);
  int checked = 0;
  for (uint64_t w = 0; w < works.size(); w += 3) {
    works.Profile(w, &profile);
    works.Text(profile, &text);
    gen::TokenizeWork(text, &words);
    ASSERT_GT(words.size(), 80u);
    const size_t first = rng.Below(static_cast<uint32_t>(words.size() - 60));
    const size_t last = first + 40 + rng.Below(20);
    const std::string passage =
        text.substr(words[first].begin, words[last].end - words[first].begin);
    const std::vector<uint64_t> expected = test::Hashes(passage);
    for (int style = 0; style < 3 * 3 * 2 * 4 * 6; ++style) {
      gen::CopyStyle s;
      int k = style;
      s.case_edit = static_cast<gen::CaseEdit>(k % 3), k /= 3;
      s.quotes = static_cast<gen::QuoteEdit>(k % 3), k /= 3;
      s.drop_commas = k % 2, k /= 2;
      s.breaks = static_cast<gen::BreakEdit>(k % 4), k /= 4;
      s.markup = static_cast<gen::Markup>(k % 6);
      out = "Here is the article:\n\n";
      gen::AppendCopy(text, words, first, last, s, &rng, &out);
      std::vector<uint64_t> got = test::Hashes(out);
      ASSERT_GE(got.size(), 4u);
      got.erase(got.begin(), got.begin() + 4);  // "here is the article"
      ASSERT_EQ(got, expected) << s.Name() << ":\n" << passage << "\n----\n" << out;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 10 * 432);
}

}  // namespace
}  // namespace winnow::text
