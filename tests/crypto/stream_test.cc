// Encryption and decryption end to end: sizes around chunk boundaries,
// streaming in odd pieces, random chunk access, tampering and truncation.

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "crypto/age_test_util.h"
#include "crypto/base64.h"
#include "crypto/header.h"
#include "crypto/stream.h"
#include "winnow/age.h"

namespace winnow::age {
namespace {

using testing::TestPlaintext;

class AgeStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StatusOr<X25519Identity> id = X25519Identity::Generate();
    ASSERT_TRUE(id.ok());
    identity_ = std::make_unique<X25519Identity>(std::move(*id));
    recipient_ = std::make_unique<X25519Recipient>(identity_->recipient());
  }

  std::vector<uint8_t> Encrypt(std::span<const uint8_t> plaintext) {
    const Recipient* rs[] = {recipient_.get()};
    StatusOr<std::vector<uint8_t>> out = EncryptBuffer(plaintext, rs);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.ok() ? *out : std::vector<uint8_t>();
  }

  Status Decrypt(std::span<const uint8_t> file, std::vector<uint8_t>* plaintext) {
    const Identity* ids[] = {identity_.get()};
    return DecryptBuffer(file, ids, plaintext);
  }

  size_t HeaderSize(std::span<const uint8_t> file) {
    StatusOr<Header> h = ParseHeader({reinterpret_cast<const char*>(file.data()), file.size()});
    EXPECT_TRUE(h.ok());
    return h.ok() ? h->size : 0;
  }

  std::unique_ptr<X25519Identity> identity_;
  std::unique_ptr<X25519Recipient> recipient_;
};

const size_t kSizes[] = {0, 1, 100, kChunkSize - 1, kChunkSize, kChunkSize + 1, 2 * kChunkSize,
                         2 * kChunkSize + 1, 1000000};

TEST_F(AgeStreamTest, RoundTripsAroundChunkBoundaries) {
  for (size_t n : kSizes) {
    const std::vector<uint8_t> plaintext = TestPlaintext(n);
    const std::vector<uint8_t> file = Encrypt(plaintext);
    const uint64_t chunks = n == 0 ? 1 : (n + kChunkSize - 1) / kChunkSize;
    EXPECT_EQ(file.size(), HeaderSize(file) + kPayloadNonceSize + n + chunks * kTagSize) << n;
    std::vector<uint8_t> back;
    ASSERT_TRUE(Decrypt(file, &back).ok()) << n;
    EXPECT_EQ(back, plaintext) << n;
  }
}

TEST_F(AgeStreamTest, StreamsInOddPieces) {
  const std::vector<uint8_t> plaintext = TestPlaintext(3 * kChunkSize + 12345);
  std::vector<uint8_t> file;
  VectorSink sink(&file);
  const Recipient* rs[] = {recipient_.get()};
  StatusOr<std::unique_ptr<Encryptor>> enc = Encryptor::Create(rs, &sink);
  ASSERT_TRUE(enc.ok());
  const size_t pieces[] = {1, 7, kChunkSize - 8, kChunkSize, 100000, 3};
  size_t pos = 0;
  for (size_t i = 0; pos < plaintext.size(); ++i) {
    const size_t n = std::min(pieces[i % 6], plaintext.size() - pos);
    ASSERT_TRUE((*enc)->Write({plaintext.data() + pos, n}).ok());
    pos += n;
  }
  ASSERT_TRUE((*enc)->Finish().ok());
  EXPECT_FALSE((*enc)->Write(plaintext).ok());
  EXPECT_FALSE((*enc)->Finish().ok());

  // A source that hands out one to three bytes at a time.
  class Trickle final : public Source {
   public:
    explicit Trickle(std::span<const uint8_t> b) : b_(b) {}
    StatusOr<size_t> Read(std::span<uint8_t> out) override {
      const size_t n = std::min({out.size(), b_.size() - pos_, size_t{1} + pos_ % 3});
      std::copy_n(b_.data() + pos_, n, out.data());
      pos_ += n;
      return n;
    }

   private:
    std::span<const uint8_t> b_;
    size_t pos_ = 0;
  } source(file);
  const Identity* ids[] = {identity_.get()};
  StatusOr<std::unique_ptr<Decryptor>> dec = Decryptor::Open(&source, ids);
  ASSERT_TRUE(dec.ok()) << dec.status().ToString();
  std::vector<uint8_t> back;
  const size_t reads[] = {1, 5000, kChunkSize, kChunkSize + 5, 3 * kChunkSize};
  for (size_t i = 0;; ++i) {
    std::vector<uint8_t> buf(reads[i % 5]);
    StatusOr<size_t> n = (*dec)->Read(buf);
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    if (*n == 0) break;
    back.insert(back.end(), buf.begin(), buf.begin() + *n);
  }
  EXPECT_EQ(back, plaintext);
}

TEST_F(AgeStreamTest, RandomChunkAccess) {
  const std::vector<uint8_t> plaintext = TestPlaintext(4 * kChunkSize + 777);
  const std::vector<uint8_t> file = Encrypt(plaintext);
  SpanSource source(file);
  const Identity* ids[] = {identity_.get()};
  StatusOr<std::unique_ptr<RandomAccessDecryptor>> ra = RandomAccessDecryptor::Open(&source, ids);
  ASSERT_TRUE(ra.ok()) << ra.status().ToString();
  ASSERT_EQ((*ra)->chunk_count(), 5u);
  EXPECT_EQ((*ra)->plaintext_size(), plaintext.size());
  EXPECT_EQ((*ra)->payload_offset(), HeaderSize(file) + kPayloadNonceSize);
  std::vector<uint8_t> exact(kChunkSize), roomy(kEncryptedChunkSize);
  for (uint64_t i : {3, 0, 4, 1, 2}) {
    for (std::vector<uint8_t>* out : {&exact, &roomy}) {  // two reads, one read
      StatusOr<size_t> n = (*ra)->ReadChunk(i, *out);
      ASSERT_TRUE(n.ok()) << n.status().ToString();
      ASSERT_EQ(*n, i == 4 ? 777u : kChunkSize);
      EXPECT_TRUE(std::equal(out->begin(), out->begin() + *n, plaintext.begin() + i * kChunkSize));
    }
  }
  EXPECT_EQ((*ra)->ReadChunk(5, exact).status().code(), StatusCode::kInvalidArgument);
  std::vector<uint8_t> small(100);
  EXPECT_EQ((*ra)->ReadChunk(0, small).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE((*ra)->ReadChunk(4, std::span<uint8_t>(small.data(), 0)).status().code() ==
              StatusCode::kInvalidArgument);
}

TEST_F(AgeStreamTest, RandomAccessDetectsTamperedChunkOnly) {
  const std::vector<uint8_t> plaintext = TestPlaintext(3 * kChunkSize);
  std::vector<uint8_t> file = Encrypt(plaintext);
  const size_t payload = HeaderSize(file) + kPayloadNonceSize;
  file[payload + kEncryptedChunkSize + 10] ^= 1;  // inside chunk 1
  SpanSource source(file);
  const Identity* ids[] = {identity_.get()};
  StatusOr<std::unique_ptr<RandomAccessDecryptor>> ra = RandomAccessDecryptor::Open(&source, ids);
  ASSERT_TRUE(ra.ok());
  std::vector<uint8_t> out(kChunkSize);
  EXPECT_TRUE((*ra)->ReadChunk(0, out).ok());
  StatusOr<size_t> bad = (*ra)->ReadChunk(1, out);
  EXPECT_EQ(FailureOf(bad.status()), Failure::kPayload);
  EXPECT_TRUE(std::all_of(out.begin(), out.end(), [](uint8_t b) { return b == 0; }))
      << "no unauthenticated plaintext may be left in the output";
  EXPECT_TRUE((*ra)->ReadChunk(2, out).ok());

  std::vector<uint8_t> released;
  EXPECT_EQ(FailureOf(Decrypt(file, &released)), Failure::kPayload);
  EXPECT_EQ(released, std::vector<uint8_t>(plaintext.begin(), plaintext.begin() + kChunkSize));
}

TEST_F(AgeStreamTest, PayloadTamperingIsPayloadFailure) {
  const std::vector<uint8_t> plaintext = TestPlaintext(kChunkSize + 500);
  const std::vector<uint8_t> file = Encrypt(plaintext);
  const size_t header = HeaderSize(file);
  // Every byte of the nonce, and a spread of payload bytes including tags.
  std::vector<size_t> positions;
  for (size_t i = header; i < header + kPayloadNonceSize; ++i) positions.push_back(i);
  for (size_t i = header + kPayloadNonceSize; i < file.size(); i += 4099) positions.push_back(i);
  positions.push_back(header + kPayloadNonceSize + kEncryptedChunkSize - 1);  // tag of chunk 0
  positions.push_back(file.size() - 1);                                     // tag of chunk 1
  for (size_t pos : positions) {
    std::vector<uint8_t> bad = file;
    bad[pos] ^= 0x40;
    std::vector<uint8_t> released;
    const Status s = Decrypt(bad, &released);
    EXPECT_EQ(FailureOf(s), Failure::kPayload) << pos << ": " << s.ToString();
    EXPECT_TRUE(released.empty() || std::equal(released.begin(), released.end(), plaintext.begin()));
  }
}

TEST_F(AgeStreamTest, SwappedChunksFail) {
  const std::vector<uint8_t> plaintext = TestPlaintext(3 * kChunkSize);
  std::vector<uint8_t> file = Encrypt(plaintext);
  const size_t p = HeaderSize(file) + kPayloadNonceSize;
  std::swap_ranges(file.begin() + p, file.begin() + p + kEncryptedChunkSize, file.begin() + p + kEncryptedChunkSize);
  std::vector<uint8_t> released;
  EXPECT_EQ(FailureOf(Decrypt(file, &released)), Failure::kPayload);
  EXPECT_TRUE(released.empty());
}

TEST_F(AgeStreamTest, TruncationIsDetectedEverywhere) {
  const std::vector<uint8_t> plaintext = TestPlaintext(2 * kChunkSize + 100);
  const std::vector<uint8_t> file = Encrypt(plaintext);
  const size_t header = HeaderSize(file);
  const size_t payload = header + kPayloadNonceSize;
  struct Cut {
    size_t size;
    Failure failure;
    size_t released;
  };
  const Cut cuts[] = {
      {0, Failure::kHeader, 0},
      {10, Failure::kHeader, 0},
      {header - 1, Failure::kHeader, 0},
      {header, Failure::kHeader, 0},       // no nonce
      {header + 8, Failure::kHeader, 0},   // half a nonce
      {payload, Failure::kPayload, 0},     // no chunks
      {payload + 15, Failure::kPayload, 0},
      {payload + 1000, Failure::kPayload, 0},
      {payload + kEncryptedChunkSize, Failure::kPayload, kChunkSize},  // at a chunk boundary
      {payload + kEncryptedChunkSize + 16, Failure::kPayload, kChunkSize},
      {payload + 2 * kEncryptedChunkSize, Failure::kPayload, 2 * kChunkSize},
      {file.size() - 1, Failure::kPayload, 2 * kChunkSize},
  };
  for (const Cut& cut : cuts) {
    std::vector<uint8_t> released;
    const Status s = Decrypt(std::span<const uint8_t>(file.data(), cut.size), &released);
    EXPECT_EQ(FailureOf(s), cut.failure) << cut.size << ": " << s.ToString();
    EXPECT_EQ(released.size(), cut.released) << cut.size;
    EXPECT_TRUE(std::equal(released.begin(), released.end(), plaintext.begin()));
  }
  std::vector<uint8_t> longer = file;
  longer.push_back(0);
  std::vector<uint8_t> released;
  EXPECT_EQ(FailureOf(Decrypt(longer, &released)), Failure::kPayload);
}

TEST_F(AgeStreamTest, HeaderTamperingHasTheRightClass) {
  const std::vector<uint8_t> file = Encrypt(TestPlaintext(1000));
  const std::string_view text(reinterpret_cast<const char*>(file.data()), file.size());
  StatusOr<Header> header = ParseHeader(text);
  ASSERT_TRUE(header.ok());
  const std::string rest(text.substr(header->size));
  const std::string mac_line(text.substr(header->mac_input_size, header->size - header->mac_input_size));
  auto reassemble = [&](const std::vector<Stanza>& stanzas, const std::string& mac) {
    StatusOr<std::string> h = EncodeHeaderWithoutMac(stanzas);
    EXPECT_TRUE(h.ok());
    const std::string all = *h + mac + rest;
    return std::vector<uint8_t>(all.begin(), all.end());
  };
  auto failure_of = [&](const std::vector<uint8_t>& bad) {
    std::vector<uint8_t> released;
    const Status s = Decrypt(bad, &released);
    EXPECT_TRUE(released.empty());
    return FailureOf(s);
  };

  // An extra (unknown) stanza under the old MAC: the MAC catches it.
  std::vector<Stanza> extra = header->stanzas;
  extra.push_back(Stanza{"grease", {"x"}, {1, 2, 3}});
  EXPECT_EQ(failure_of(reassemble(extra, mac_line)), Failure::kHmac);

  // A different MAC.
  std::array<uint8_t, 32> mac = header->mac;
  mac[0] ^= 1;
  EXPECT_EQ(failure_of(reassemble(header->stanzas, " " + Base64Encode(mac) + "\n")), Failure::kHmac);

  // The wrapped file key altered: the stanza no longer opens.
  std::vector<Stanza> body = header->stanzas;
  body[0].body[3] ^= 1;
  EXPECT_EQ(failure_of(reassemble(body, mac_line)), Failure::kNoMatch);

  // The ephemeral share replaced by a low-order point (all zero).
  std::vector<Stanza> low = header->stanzas;
  low[0].args[0] = Base64Encode(std::vector<uint8_t>(32, 0));
  EXPECT_EQ(failure_of(reassemble(low, mac_line)), Failure::kHeader);

  // Every single-byte flip of the header text fails, and never as payload.
  for (size_t i = 0; i < header->size; ++i) {
    std::vector<uint8_t> bad = file;
    bad[i] ^= 0x01;
    const Failure f = failure_of(bad);
    EXPECT_TRUE(f == Failure::kHeader || f == Failure::kHmac || f == Failure::kNoMatch)
        << "byte " << i << ": " << FailureName(f);
  }
}

TEST_F(AgeStreamTest, WrongIdentityIsNoMatch) {
  const std::vector<uint8_t> file = Encrypt(TestPlaintext(10));
  StatusOr<X25519Identity> other = X25519Identity::Generate();
  ASSERT_TRUE(other.ok());
  const Identity* ids[] = {&*other};
  std::vector<uint8_t> out;
  const Status s = DecryptBuffer(file, ids, &out);
  EXPECT_EQ(FailureOf(s), Failure::kNoMatch) << s.ToString();
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(FailureOf(DecryptBuffer(file, {}, &out)), Failure::kOther);
}

TEST_F(AgeStreamTest, ManyRecipientsEachDecrypt) {
  std::vector<X25519Identity> ids;
  std::vector<X25519Recipient> rs;
  for (int i = 0; i < 4; ++i) {
    StatusOr<X25519Identity> id = X25519Identity::Generate();
    ASSERT_TRUE(id.ok());
    rs.push_back(id->recipient());
    ids.push_back(std::move(*id));
  }
  std::vector<const Recipient*> rptrs;
  for (const auto& r : rs) rptrs.push_back(&r);
  const std::vector<uint8_t> plaintext = TestPlaintext(70000);
  StatusOr<std::vector<uint8_t>> file = EncryptBuffer(plaintext, rptrs);
  ASSERT_TRUE(file.ok());
  for (const auto& id : ids) {
    StatusOr<X25519Identity> unrelated = X25519Identity::Generate();
    const Identity* order[] = {&*unrelated, &id};
    std::vector<uint8_t> out;
    ASSERT_TRUE(DecryptBuffer(*file, order, &out).ok());
    EXPECT_EQ(out, plaintext);
  }
}

TEST_F(AgeStreamTest, SinkFailureStopsTheStream) {
  class FailingSink final : public Sink {
   public:
    Status Write(std::span<const uint8_t>) override {
      return ++calls > 1 ? Status::IoError("disk full") : Status::Ok();
    }
    int calls = 0;
  } sink;
  const Recipient* rs[] = {recipient_.get()};
  StatusOr<std::unique_ptr<Encryptor>> enc = Encryptor::Create(rs, &sink);
  ASSERT_TRUE(enc.ok());
  const std::vector<uint8_t> data = TestPlaintext(3 * kChunkSize);
  EXPECT_EQ((*enc)->Write(data).code(), StatusCode::kIoError);
  EXPECT_EQ((*enc)->Write(data).code(), StatusCode::kIoError);
  EXPECT_EQ((*enc)->Finish().code(), StatusCode::kIoError);
}

TEST(AgeChunkLayoutTest, MatchesTheSpec) {
  EXPECT_EQ(FailureOf(LayoutForCiphertextSize(0).status()), Failure::kPayload);
  EXPECT_EQ(FailureOf(LayoutForCiphertextSize(15).status()), Failure::kPayload);
  EXPECT_EQ(LayoutForCiphertextSize(16)->chunk_count, 1u);  // empty file
  EXPECT_EQ(LayoutForCiphertextSize(16)->plaintext_size, 0u);
  EXPECT_EQ(LayoutForCiphertextSize(kEncryptedChunkSize)->chunk_count, 1u);
  EXPECT_EQ(FailureOf(LayoutForCiphertextSize(kEncryptedChunkSize + 16).status()), Failure::kPayload);
  EXPECT_EQ(FailureOf(LayoutForCiphertextSize(kEncryptedChunkSize + 5).status()), Failure::kPayload);
  const StatusOr<ChunkLayout> l = LayoutForCiphertextSize(2 * kEncryptedChunkSize + 17);
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->chunk_count, 3u);
  EXPECT_EQ(l->plaintext_size, 2 * kChunkSize + 1);
  EXPECT_EQ(l->ciphertext_size(2), 17u);
}

}  // namespace
}  // namespace winnow::age
