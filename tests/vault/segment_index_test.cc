// The segment index's binary form (src/vault/segment_index.cc): round trip,
// lookup, and every kind of damage reported as Corruption naming the file.
#include "vault/segment_index.h"

#include <gtest/gtest.h>

#include <cstring>

#include "vault/file_util.h"

namespace winnow::vault {
namespace {

EntryKey Key(uint8_t seed) {
  EntryKey k;
  for (size_t i = 0; i < k.size(); ++i) k[i] = static_cast<uint8_t>(seed * 31 + i * 7);
  return k;
}

// Three blocks, seven entries (two with the same key), sorted.
SegmentIndex SampleIndex() {
  SegmentIndex index;
  index.blocks = {{0, 100, 400, 3}, {100, 50, 90000, 2}, {150, 70000, 70001, 2}};
  index.entries = {{Key(5), 0, 0, 100},       {Key(1), 0, 101, 200}, {Key(9), 0, 302, 97},    {Key(3), 1, 0, 40000},
                   {Key(7), 1, 40001, 49998}, {Key(3), 2, 0, 10},    {Key(200), 2, 11, 69989}};
  index.SortEntries();
  return index;
}

// Re-seals `body` (an encoding without its SHA-256 trailer) with a valid
// checksum, to reach the checks behind it.
std::string Reseal(std::string body) { return body + Sha256Hex(body); }

void ExpectCorruption(std::string_view bytes, const std::string& what) {
  auto r = DecodeSegmentIndex(bytes, "shard-001/seg-000004.idx.age");
  ASSERT_FALSE(r.ok()) << what;
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << what;
  EXPECT_NE(r.status().message().find("shard-001/seg-000004.idx.age"), std::string::npos)
      << what << ": " << r.status().message();
}

TEST(SegmentIndexTest, EncodeDecodeRoundTrip) {
  SegmentIndex index = SampleIndex();
  std::string bytes = EncodeSegmentIndex(index);
  EXPECT_EQ(bytes.substr(0, 8), "WNVIDX1\n");
  EXPECT_EQ(bytes.size(), 8 + 8 + 3 * 20 + 7 * 24 + 64u);
  auto decoded = DecodeSegmentIndex(bytes, "idx");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  ASSERT_EQ(decoded->blocks.size(), index.blocks.size());
  for (size_t i = 0; i < index.blocks.size(); ++i) {
    EXPECT_EQ(decoded->blocks[i].offset, index.blocks[i].offset);
    EXPECT_EQ(decoded->blocks[i].stored_size, index.blocks[i].stored_size);
    EXPECT_EQ(decoded->blocks[i].raw_size, index.blocks[i].raw_size);
    EXPECT_EQ(decoded->blocks[i].entries, index.blocks[i].entries);
  }
  ASSERT_EQ(decoded->entries.size(), index.entries.size());
  for (size_t i = 0; i < index.entries.size(); ++i) {
    EXPECT_EQ(decoded->entries[i].key, index.entries[i].key);
    EXPECT_EQ(decoded->entries[i].block, index.entries[i].block);
    EXPECT_EQ(decoded->entries[i].offset, index.entries[i].offset);
    EXPECT_EQ(decoded->entries[i].length, index.entries[i].length);
  }
  // Encoding is deterministic: decode then encode gives the same bytes.
  EXPECT_EQ(EncodeSegmentIndex(*decoded), bytes);
}

TEST(SegmentIndexTest, EmptyIndexRoundTrips) {
  std::string bytes = EncodeSegmentIndex(SegmentIndex{});
  auto decoded = DecodeSegmentIndex(bytes, "idx");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_TRUE(decoded->blocks.empty());
  EXPECT_TRUE(decoded->entries.empty());
}

TEST(SegmentIndexTest, FindReturnsEveryEntryWithTheKey) {
  auto decoded = DecodeSegmentIndex(EncodeSegmentIndex(SampleIndex()), "idx");
  ASSERT_TRUE(decoded.ok());
  auto [first, last] = decoded->Find(Key(3));
  ASSERT_EQ(last - first, 2);
  EXPECT_EQ(first[0].block, 1u);  // stable sort keeps insertion order
  EXPECT_EQ(first[1].block, 2u);
  auto [f9, l9] = decoded->Find(Key(9));
  ASSERT_EQ(l9 - f9, 1);
  EXPECT_EQ(f9->offset, 302u);
  auto [fx, lx] = decoded->Find(Key(77));
  EXPECT_EQ(fx, lx);
}

TEST(SegmentIndexTest, EntryKeyHexRoundTrip) {
  EntryKey k;
  ASSERT_TRUE(ParseEntryKey("b0c77d44cf4d10ff8791295f", &k));
  EXPECT_EQ(k[0], 0xb0);
  EXPECT_EQ(k[11], 0x5f);
  EXPECT_EQ(EntryKeyHex(k), "b0c77d44cf4d10ff8791295f");
  EXPECT_FALSE(ParseEntryKey("b0c77d44cf4d10ff8791295", &k));    // 23 digits
  EXPECT_FALSE(ParseEntryKey("b0c77d44cf4d10ff8791295f0", &k));  // 25 digits
  EXPECT_FALSE(ParseEntryKey("B0C77D44CF4D10FF8791295F", &k));   // ids are lowercase
  EXPECT_FALSE(ParseEntryKey("g0c77d44cf4d10ff8791295f", &k));
}

TEST(SegmentIndexTest, EveryFlippedBitIsCorruption) {
  const std::string good = EncodeSegmentIndex(SampleIndex());
  for (size_t i = 0; i < good.size(); ++i) {
    for (int bit : {0, 7}) {
      std::string bad = good;
      bad[i] = static_cast<char>(bad[i] ^ (1 << bit));
      ExpectCorruption(bad, "bit " + std::to_string(bit) + " of byte " + std::to_string(i));
    }
  }
}

TEST(SegmentIndexTest, EveryTruncationIsCorruption) {
  const std::string good = EncodeSegmentIndex(SampleIndex());
  for (size_t n = 0; n < good.size(); ++n) ExpectCorruption(good.substr(0, n), "cut to " + std::to_string(n));
  ExpectCorruption(good + "0", "one byte appended");
}

TEST(SegmentIndexTest, ChecksummedButInconsistentIsCorruption) {
  const std::string good = EncodeSegmentIndex(SampleIndex());
  const std::string body = good.substr(0, good.size() - 64);
  const size_t blocks_at = 16, entries_at = 16 + 3 * 20;
  {
    std::string b = body;
    b[8] = 4;  // claims four blocks
    ExpectCorruption(Reseal(b), "block count");
  }
  {
    std::string b = body;
    b[blocks_at + 20] ^= 1;  // block 1 does not start where block 0 ends
    ExpectCorruption(Reseal(b), "block offset");
  }
  {
    std::string b = body;
    b[entries_at + 12] = 3;  // entry 0 in block 3 of 3
    ExpectCorruption(Reseal(b), "entry block");
  }
  {
    std::string b = body;
    b[entries_at + 20 + 3] = 1;  // entry 0 longer than its block
    ExpectCorruption(Reseal(b), "entry length");
  }
  {
    std::string b = body;  // entries 0 and 1 swapped: not sorted
    std::string e0 = b.substr(entries_at, 24), e1 = b.substr(entries_at + 24, 24);
    b.replace(entries_at, 24, e1);
    b.replace(entries_at + 24, 24, e0);
    ExpectCorruption(Reseal(b), "entry order");
  }
  {
    std::string b = body;
    b[0] = 'X';
    ExpectCorruption(Reseal(b), "magic");
  }
}

}  // namespace
}  // namespace winnow::vault
