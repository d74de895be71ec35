// Format-preserving surrogates: fake values that look like the real ones
// (same length, separators and kind), derived only from the HMAC of the
// normalized value (PseudonymKey::Mac), so the same datum always gets the
// same surrogate under one key and the surrogate says nothing about it.
//
// A surrogate must never be a real person's value, so wherever the format
// has reserved or never-assigned ranges, surrogates come from them:
//   EMAIL_ADDRESS  first.last12@example.com / .org / .net (RFC 2606 domains),
//                  names from PERSON's list below;
//   PHONE_NUMBER   same digit count and punctuation; North American numbers
//                  get exchange 555 and line 0100-0199 (reserved for fiction);
//                  UK numbers the Ofcom drama ranges (07700 900xxx,
//                  020 7946 0xxx); others keep the country code (and a
//                  trunk 0) with random digits after it;
//   CREDIT_CARD    same digit count, grouping and network, a processor's
//                  published test-card prefix (411111, 555555, 222300,
//                  378282, 601111, 305693, 353011, 620000), Luhn-valid;
//   US_SSN         area 900-999 with group 01-49: never issued as an SSN
//                  (9xx) and outside every ITIN group range;
//   IBAN_CODE      same country, length and letter/digit layout, valid
//                  mod-97 check digits (no reserved range exists; the BBAN
//                  is random);
//   IP_ADDRESS     IPv4 in the documentation nets 192.0.2.0/24,
//                  198.51.100.0/24, 203.0.113.0/24 (RFC 5737); IPv6 in
//                  2001:db8::/32 (RFC 3849), written in full;
//   MAC_ADDRESS    same separators and case, locally administered unicast
//                  (no vendor's OUI);
//   PERSON         "Given Surname" from fixed lists of obviously fictional
//                  names (Doe, Roe, Bloggs, Example, ...); a given name
//                  alone for a one-word value;
//   URL            https://example.com/<10 base32 characters>.
// Small ranges (768 IPv4 addresses, 256 names) map distinct values onto
// the same surrogate now and then: surrogates are consistent, not
// one-to-one. Use pseudonyms where distinct values must stay distinct.
//
// Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace winnow::pii {

// Whether Surrogate() has a format for `type` (the list above).
bool HasSurrogate(std::string_view type);

// A fake value of `type` shaped like `value` (the original, as written),
// derived from `mac` only. Empty if `type` has no surrogate format, or
// `value` is too malformed to imitate (an IBAN without a country code):
// the caller then uses another replacement.
std::string Surrogate(std::string_view type, std::string_view value, std::span<const uint8_t, 32> mac);

}  // namespace winnow::pii
