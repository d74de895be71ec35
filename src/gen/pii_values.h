// Generators of personal-data values, one per Presidio entity type, each
// producing values that pass the checks a careful detector applies (Luhn for
// cards, mod-97 for IBANs, the ABA checksum, SSN area/group/serial rules,
// Base58Check and bech32 for Bitcoin, ...). Pure functions of the Rng.
#pragma once

#include <string>
#include <string_view>

#include "gen/rng.h"

namespace winnow::gen {

// Appends one value of `type` (a Presidio entity name such as "CREDIT_CARD")
// to *out. `hint` narrows the kind where a template needs one ("password",
// "aws", "pem", ...; empty for any). Sets *kind to a short name of the kind
// produced ("visa", "ipv6", "de_mobile", "jwt", ...). Returns false (and
// appends nothing) for an unknown type.
bool AppendPiiValue(std::string_view type, std::string_view hint, Rng* rng, std::string* out,
                    std::string_view* kind);

// Individual generators (pii_numbers.cc).
void AppendCreditCard(Rng* rng, std::string* out, std::string_view* kind);
void AppendUsSsn(Rng* rng, std::string* out);
void AppendUsItin(Rng* rng, std::string* out);
void AppendIban(Rng* rng, std::string* out, std::string_view* kind);
void AppendAbaRouting(Rng* rng, std::string* out);
void AppendUsBankNumber(Rng* rng, std::string* out);
void AppendUsPassport(Rng* rng, std::string* out);
void AppendUsDriverLicense(Rng* rng, std::string* out, std::string_view* kind);
void AppendPhone(Rng* rng, std::string* out, std::string_view* kind);
void AppendIpAddress(Rng* rng, std::string* out, std::string_view* kind);
void AppendMacAddress(Rng* rng, std::string* out);
void AppendBirthDate(Rng* rng, std::string* out);

// Individual generators (pii_text.cc).
// A full name (or, sometimes, a given name alone) from one of the name
// cultures; *kind is the culture code.
void AppendPersonName(Rng* rng, std::string* out, std::string_view* kind);
// A name from a Latin-script culture (for news and email addresses).
void AppendLatinName(Rng* rng, std::string* out);
void AppendEmail(Rng* rng, std::string* out);
void AppendPersonalUrl(Rng* rng, std::string* out);
void AppendStreetAddress(Rng* rng, std::string* out);
void AppendLocation(Rng* rng, std::string* out);
void AppendCrypto(Rng* rng, std::string* out, std::string_view* kind);
void AppendSecret(std::string_view hint, Rng* rng, std::string* out, std::string_view* kind);

// Appends `s` lowercased with Latin accents folded to ASCII and other
// non-ASCII characters dropped ("José Müller" -> "jose muller").
void AppendAsciiFolded(std::string_view s, std::string* out);

}  // namespace winnow::gen
