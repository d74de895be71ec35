#include "vault/segment_index.h"

#include <algorithm>
#include <cstring>

#include "util/hex.h"
#include "vault/file_util.h"

namespace winnow::vault {
namespace {

constexpr char kMagic[] = "WNVIDX1\n";
constexpr size_t kMagicLen = 8;
constexpr size_t kBlockBytes = 8 + 4 + 4 + 4;
constexpr size_t kEntryBytes = kEntryIdBytes + 4 + 4 + 4;

void Put32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}
void Put64(std::string* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}
uint32_t Get32(const unsigned char* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}
uint64_t Get64(const unsigned char* p) { return uint64_t{Get32(p)} | uint64_t{Get32(p + 4)} << 32; }

int HexVal(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

bool ParseEntryKey(std::string_view hex, EntryKey* key) {
  if (hex.size() != 2 * kEntryIdBytes) return false;
  for (size_t i = 0; i < kEntryIdBytes; ++i) {
    int hi = HexVal(hex[2 * i]), lo = HexVal(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    (*key)[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return true;
}

std::string EntryKeyHex(const EntryKey& key) { return LowerHex(key); }

void SegmentIndex::SortEntries() {
  std::stable_sort(entries.begin(), entries.end(),
                   [](const EntryLocation& a, const EntryLocation& b) { return a.key < b.key; });
}

std::pair<const EntryLocation*, const EntryLocation*> SegmentIndex::Find(const EntryKey& key) const {
  auto range = std::equal_range(entries.begin(), entries.end(), EntryLocation{key, 0, 0, 0},
                                [](const EntryLocation& a, const EntryLocation& b) { return a.key < b.key; });
  return {entries.data() + (range.first - entries.begin()), entries.data() + (range.second - entries.begin())};
}

std::string EncodeSegmentIndex(const SegmentIndex& index) {
  std::string out(kMagic, kMagicLen);
  Put32(&out, static_cast<uint32_t>(index.blocks.size()));
  Put32(&out, static_cast<uint32_t>(index.entries.size()));
  for (const BlockInfo& b : index.blocks) {
    Put64(&out, b.offset);
    Put32(&out, b.stored_size);
    Put32(&out, b.raw_size);
    Put32(&out, b.entries);
  }
  for (const EntryLocation& e : index.entries) {
    out.append(reinterpret_cast<const char*>(e.key.data()), kEntryIdBytes);
    Put32(&out, e.block);
    Put32(&out, e.offset);
    Put32(&out, e.length);
  }
  std::string digest = Sha256Hex(out);
  out += digest;
  return out;
}

StatusOr<SegmentIndex> DecodeSegmentIndex(std::string_view bytes, const std::string& name) {
  auto bad = [&](const std::string& what) { return Status::Corruption(name + ": " + what); };
  if (bytes.size() < kMagicLen + 8 + 64 || std::memcmp(bytes.data(), kMagic, kMagicLen) != 0) {
    return bad("not a segment index (bad magic or too short)");
  }
  std::string_view body = bytes.substr(0, bytes.size() - 64);
  if (Sha256Hex(body) != bytes.substr(bytes.size() - 64)) return bad("index checksum does not match");
  const auto* p = reinterpret_cast<const unsigned char*>(body.data()) + kMagicLen;
  uint32_t nblocks = Get32(p), nentries = Get32(p + 4);
  p += 8;
  if (body.size() != kMagicLen + 8 + uint64_t{nblocks} * kBlockBytes + uint64_t{nentries} * kEntryBytes) {
    return bad("index size does not match its counts");
  }
  SegmentIndex index;
  index.blocks.resize(nblocks);
  uint64_t expect_offset = 0;
  for (uint32_t i = 0; i < nblocks; ++i, p += kBlockBytes) {
    BlockInfo& b = index.blocks[i];
    b.offset = Get64(p);
    b.stored_size = Get32(p + 8);
    b.raw_size = Get32(p + 12);
    b.entries = Get32(p + 16);
    if (b.offset != expect_offset) return bad("block " + std::to_string(i) + " is not where the previous one ends");
    expect_offset += b.stored_size;
  }
  index.entries.resize(nentries);
  for (uint32_t i = 0; i < nentries; ++i, p += kEntryBytes) {
    EntryLocation& e = index.entries[i];
    std::memcpy(e.key.data(), p, kEntryIdBytes);
    e.block = Get32(p + kEntryIdBytes);
    e.offset = Get32(p + kEntryIdBytes + 4);
    e.length = Get32(p + kEntryIdBytes + 8);
    if (e.block >= nblocks || uint64_t{e.offset} + e.length > index.blocks[e.block].raw_size) {
      return bad("entry " + std::to_string(i) + " points outside its block");
    }
    if (i > 0 && e.key < index.entries[i - 1].key) return bad("entries are not sorted");
  }
  return index;
}

}  // namespace winnow::vault
