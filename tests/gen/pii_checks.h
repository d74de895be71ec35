// Independent validity checks of planted personal-data values (Luhn, mod-97,
// ABA checksum, SSN and ITIN rules, Base58Check, bech32, address syntax,
// token formats), written for the tests without using the generator's code.
#pragma once

#include <string>
#include <string_view>

namespace winnow::gen_test {

// True when `value` is a well-formed, checksum-valid value of Presidio entity
// `type` (and of `subtype` when given). On failure *why says what failed.
bool ValidPii(std::string_view type, std::string_view subtype, std::string_view value, std::string* why);

bool LuhnValid(std::string_view digits);
bool IbanValid(std::string_view iban);  // spaces allowed
bool AbaValid(std::string_view digits);

}  // namespace winnow::gen_test
