// Linearize: turns a Conversation's threads into entries, the unit of
// relevance and production (docs/formats.md, "From turns to entries").
#pragma once

#include <vector>

#include "winnow/conversation.h"

namespace winnow::formats {

// Writes the entries of `conv` into (*pool)[0, *count), reusing the strings
// already in the pool. The visible thread's entries come first, numbered
// from 0; entries found only on other threads follow, flagged alternate.
void Linearize(const Conversation& conv, std::vector<Entry>* pool, size_t* count);

}  // namespace winnow::formats
