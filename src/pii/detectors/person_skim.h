// Byte-level scanning for the PERSON detector (person.cc): most of a chat
// text is lower-case ASCII words that cannot be part of a name, and these
// find where the next word that may matter starts, 32 bytes at a time where
// the CPU has AVX2 (the same answers without it). Pure functions.
#pragma once

#include <cstddef>
#include <string_view>

namespace winnow::pii {

// The end of the run of ASCII lower-case letters at t[i...].
size_t LowerRunEnd(std::string_view t, size_t i);

// Where the loop of PersonScan::Collect must look next, from t[i], the
// start of a lower-case ASCII word that cannot continue a name: the start
// of the first word that may matter (a capital, a non-ASCII letter, a digit
// or an apostrophe, or the word touching one; "is", "me" or "named" before
// a lower-case word, which may announce a name); between, only lower-case
// words and ASCII punctuation, which the loop would skip one at a time.
// Returns i when the word at i itself may matter.
size_t SkipPlainWords(std::string_view t, size_t i);

// True when `t` has an ASCII capital or a byte of a non-ASCII character.
bool AnyUpperOrNonAscii(std::string_view t);

}  // namespace winnow::pii
