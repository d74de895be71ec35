#include "crypto/file_key.h"

#include <vector>

#include "crypto/base64.h"
#include "crypto/failure.h"
#include "crypto/primitives.h"

namespace winnow::age {
namespace {

constexpr char kScryptType[] = "scrypt";

}  // namespace

StatusOr<std::string> SealHeader(std::span<const Recipient* const> recipients, const FileKey& file_key) {
  if (recipients.empty()) return Status::InvalidArgument("age: no recipients to encrypt to");
  std::vector<Stanza> stanzas;
  stanzas.reserve(recipients.size());
  for (const Recipient* recipient : recipients) {
    WINNOW_ASSIGN_OR_RETURN(Stanza stanza, recipient->Wrap(file_key));
    stanzas.push_back(std::move(stanza));
  }
  for (const Stanza& stanza : stanzas) {
    if (stanza.type == kScryptType && stanzas.size() != 1) {
      return Status::InvalidArgument("age: a passphrase (scrypt) recipient must be the only recipient");
    }
  }
  WINNOW_ASSIGN_OR_RETURN(std::string header, EncodeHeaderWithoutMac(stanzas));
  WINNOW_ASSIGN_OR_RETURN(const auto mac, HeaderMac(file_key, header));
  header.append(" ").append(Base64Encode(mac)).append("\n");
  return header;
}

StatusOr<FileKey> UnwrapFileKey(const Header& header, std::string_view header_bytes,
                                std::span<const Identity* const> identities) {
  if (identities.empty()) return Status::InvalidArgument("age: no identities to decrypt with");
  for (const Stanza& stanza : header.stanzas) {
    if (stanza.type == kScryptType && header.stanzas.size() != 1) {
      return HeaderFailure("an scrypt stanza must be the only stanza in the header");
    }
  }
  std::optional<FileKey> file_key;
  for (const Identity* identity : identities) {
    for (const Stanza& stanza : header.stanzas) {
      WINNOW_ASSIGN_OR_RETURN(file_key, identity->Unwrap(stanza));
      if (file_key) break;
    }
    if (file_key) break;
  }
  if (!file_key) {
    return NoMatchFailure("no identity matched any of the " + std::to_string(header.stanzas.size()) +
                          " recipient stanzas");
  }
  WINNOW_ASSIGN_OR_RETURN(const auto mac, HeaderMac(*file_key, header_bytes.substr(0, header.mac_input_size)));
  if (!ConstantTimeEqual(mac, header.mac)) {
    return MacFailure("header MAC does not match (the header was altered)");
  }
  return std::move(*file_key);
}

StatusOr<OpenedHeader> OpenHeader(Source* source, std::span<const Identity* const> identities) {
  OpenedHeader opened;
  WINNOW_RETURN_IF_ERROR(ReadHeaderBytes(source, &opened.bytes));
  WINNOW_ASSIGN_OR_RETURN(const Header header, ParseHeader(opened.bytes));
  WINNOW_ASSIGN_OR_RETURN(opened.file_key, UnwrapFileKey(header, opened.bytes, identities));
  opened.size = header.size;
  return opened;
}

}  // namespace winnow::age
