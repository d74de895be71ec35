#include "crypto/base64.h"

#include <sodium.h>

namespace winnow::age {

std::string Base64Encode(std::span<const uint8_t> bytes) {
  constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL_NO_PADDING;
  if (bytes.empty()) return std::string();  // libsodium's pointers must not be null
  std::string out(sodium_base64_encoded_len(bytes.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), kVariant);
  out.pop_back();  // libsodium counts its NUL terminator
  return out;
}

std::optional<size_t> Base64DecodedSize(size_t n) {
  if (n % 4 == 1) return std::nullopt;
  return n / 4 * 3 + (n % 4 == 0 ? 0 : n % 4 - 1);
}

std::optional<std::vector<uint8_t>> Base64Decode(std::string_view text) {
  const std::optional<size_t> size = Base64DecodedSize(text.size());
  if (!size) return std::nullopt;
  if (text.empty()) return std::vector<uint8_t>();  // libsodium's pointers must not be null
  std::vector<uint8_t> out(*size);
  size_t written = 0;
  const char* end = nullptr;
  // With no ignore set and a non-null end pointer, libsodium stops at the
  // first character outside the alphabet; it rejects non-zero leftover bits
  // itself, and we reject stopping early.
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &written, &end,
                        sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0 ||
      end != text.data() + text.size() || written != *size) {
    return std::nullopt;
  }
  return out;
}

}  // namespace winnow::age
