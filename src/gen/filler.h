// Everyday chat text with nothing planted in it: questions about cooking,
// code, money, writing and science, and answers laid out the way assistants
// answer (intro, paragraphs, bullet and numbered lists, headings, code
// blocks, a closing line), in English or one of the other languages of
// kHumanLanguages. Pure functions of the Rng; thread-compatible.
#pragma once

#include <string>

#include "gen/lexicon.h"
#include "gen/rng.h"

namespace winnow::gen {

// `language` nullptr means English. `topic` indexes kChatTopics.
void AppendFillerPrompt(const Language* language, int topic, Rng* rng, std::string* out);
void AppendFillerOutput(const Language* language, int topic, Rng* rng, std::string* out);
// A few sentences of help-page prose (the text of a fetched web page).
void AppendFillerPage(int topic, Rng* rng, std::string* out);
// A short subject of `topic`, e.g. "a binary search tree".
std::string_view FillerSubject(int topic, Rng* rng);

}  // namespace winnow::gen
