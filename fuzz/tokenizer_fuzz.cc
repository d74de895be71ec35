// libFuzzer target for the word tokenizer (src/text/tokenizer.h), which
// reads chat text and works: any bytes (invalid UTF-8, markup, entities,
// list markers) give tokens with increasing, non-overlapping code-point
// spans inside the text, one per normalized word.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<winnow::text::Token> tokens;
  winnow::text::Tokenize(text, &tokens);
  std::vector<std::string> words;
  winnow::text::NormalizedWords(text, &words);
  if (words.size() != tokens.size()) __builtin_trap();
  // Code points: at most one per byte.
  uint32_t prev_end = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    if (t.begin >= t.end || t.begin < prev_end || t.end > size) __builtin_trap();
    if (t.hash != winnow::text::WordHash(words[i])) __builtin_trap();
    prev_end = t.end;
  }
  return 0;
}
