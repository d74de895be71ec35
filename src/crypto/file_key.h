// Getting the file key into and out of a header: wrapping it to recipients
// and sealing the header with its MAC, or finding an identity that unwraps
// it and checking the MAC.
//
// Stateless functions; thread-safe when the recipients and identities are.
#pragma once

#include <span>
#include <string>

#include "crypto/header.h"
#include "winnow/age.h"

namespace winnow::age {

// The full header (through the MAC line's LF) wrapping `file_key` to every
// recipient. InvalidArgument if `recipients` is empty or mixes an scrypt
// recipient with others; a recipient's Status if it fails to wrap.
StatusOr<std::string> SealHeader(std::span<const Recipient* const> recipients, const FileKey& file_key);

// Unwraps the file key of a parsed header: identities in order, each tried
// against the stanzas in order, the first key found wins; then checks the
// MAC over header_bytes[0, header.mac_input_size). Fails with a HeaderFailure
// (malformed stanza, scrypt stanza not alone), NoMatchFailure or MacFailure;
// InvalidArgument if `identities` is empty.
StatusOr<FileKey> UnwrapFileKey(const Header& header, std::string_view header_bytes,
                                std::span<const Identity* const> identities);

struct OpenedHeader {
  FileKey file_key;
  size_t size = 0;    // header bytes, through the MAC line's LF
  std::string bytes;  // everything read: the header, then up to 4 KiB more
};

// Reads the header from `source`, parses it and unwraps the file key, as the
// functions above. The source is left positioned at bytes.size().
StatusOr<OpenedHeader> OpenHeader(Source* source, std::span<const Identity* const> identities);

}  // namespace winnow::age
