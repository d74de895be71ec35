#include "corpus/index_format.h"

#include <cstring>

namespace winnow::corpus {
namespace {

Status Bad(const std::string& name, const std::string& what) {
  return Status::Corruption(name + ": " + what + " (rebuild the index with `winnow corpus build`)");
}

template <typename Header>
Status ReadHeader(std::string_view bytes, const std::string& name, const char (&magic)[8], Header* h) {
  if (bytes.size() < kHeaderSize) return Bad(name, "truncated: shorter than its 64-byte header");
  std::memcpy(h, bytes.data(), sizeof(Header));
  if (std::memcmp(h->magic, magic, 8) != 0) return Bad(name, "wrong magic: not a winnow corpus file of this kind");
  if (h->version != kFormatVersion) {
    return Status::Unsupported(name + ": format version " + std::to_string(h->version) + ", this winnow reads " +
                               std::to_string(kFormatVersion));
  }
  if (h->file_size != bytes.size()) {
    return Bad(name, "file_size says " + std::to_string(h->file_size) + " bytes, the file has " +
                         std::to_string(bytes.size()) + " (truncated or extended)");
  }
  return Status::Ok();
}

}  // namespace

Status ValidateWorks(std::string_view bytes, const std::string& name, WorksHeader* h) {
  WINNOW_RETURN_IF_ERROR(ReadHeader(bytes, name, kWorksMagic, h));
  const uint64_t size = bytes.size();
  if (h->num_works > kCommonWork - 1) return Bad(name, "num_works too large");
  const uint64_t rows_end = kHeaderSize + h->num_works * sizeof(WorkRow);
  if (h->meta_offset != rows_end) return Bad(name, "meta_offset does not follow the work table");
  if (h->data_offset < h->meta_offset || h->data_offset > size) return Bad(name, "data_offset out of range");
  const uint64_t meta_size = h->data_offset - h->meta_offset;
  const uint64_t data_size = size - h->data_offset;
  uint64_t words = 0;
  for (uint64_t i = 0; i < h->num_works; ++i) {
    WorkRow row;
    std::memcpy(&row, bytes.data() + kHeaderSize + i * sizeof(WorkRow), sizeof row);
    const std::string where = "work " + std::to_string(i);
    if (row.meta_off > meta_size || row.meta_len > meta_size - row.meta_off) {
      return Bad(name, where + ": metadata out of range");
    }
    if (row.data_off > data_size || row.data_len > data_size - row.data_off) {
      return Bad(name, where + ": text block out of range");
    }
    if (row.text_len > kMaxWorkTextBytes) return Bad(name, where + ": text_len over 256 MB");
    // The metadata record: exactly kMetaFields length-prefixed strings.
    std::string_view rec = bytes.substr(h->meta_offset + row.meta_off, row.meta_len);
    size_t p = 0;
    for (int f = 0; f < kMetaFields; ++f) {
      if (rec.size() - p < 4) return Bad(name, where + ": metadata field " + std::to_string(f) + " truncated");
      uint32_t len;
      std::memcpy(&len, rec.data() + p, 4);
      p += 4;
      if (len > rec.size() - p) return Bad(name, where + ": metadata field " + std::to_string(f) + " overruns");
      p += len;
    }
    if (p != rec.size()) return Bad(name, where + ": metadata has trailing bytes");
    words += row.words;
  }
  if (words != h->num_words) return Bad(name, "num_words does not equal the sum over works");
  return Status::Ok();
}

Status ValidateFingerprints(std::string_view bytes, const std::string& name, uint32_t num_works,
                            const char (&magic)[8], FingerprintsHeader* h) {
  WINNOW_RETURN_IF_ERROR(ReadHeader(bytes, name, magic, h));
  if (h->k < 1 || h->k > 64 || h->w < 1 || h->w > 1024) return Bad(name, "k or w out of range");
  if (h->dir_bits < 4 || h->dir_bits > 30) return Bad(name, "dir_bits out of range");
  if (h->num_works != num_works) {
    return Bad(name, "made for " + std::to_string(h->num_works) + " works, the works file has " +
                         std::to_string(num_works));
  }
  const uint64_t buckets = uint64_t{1} << h->dir_bits;
  if (h->num_entries > (bytes.size() / sizeof(FingerprintEntry))) return Bad(name, "num_entries too large");
  const uint64_t want = kHeaderSize + h->num_entries * sizeof(FingerprintEntry) + (buckets + 1) * 4;
  if (want != bytes.size()) return Bad(name, "size does not match num_entries and dir_bits");
  return Status::Ok();
}

Status ValidatePostings(std::string_view bytes, const std::string& name, uint32_t num_works,
                        const FingerprintsHeader& h) {
  const uint64_t buckets = uint64_t{1} << h.dir_bits;
  const char* dir = bytes.data() + kHeaderSize + h.num_entries * sizeof(FingerprintEntry);
  uint32_t prev = 0;
  for (uint64_t b = 0; b <= buckets; ++b) {
    uint32_t v;
    std::memcpy(&v, dir + b * 4, 4);
    if (v < prev || v > h.num_entries) return Bad(name, "bucket directory out of order at " + std::to_string(b));
    prev = v;
  }
  if (prev != h.num_entries) return Bad(name, "bucket directory does not end at num_entries");
  uint64_t common = 0;
  const char* ents = bytes.data() + kHeaderSize;
  for (uint64_t i = 0; i < h.num_entries; ++i) {
    FingerprintEntry e;
    std::memcpy(&e, ents + i * sizeof e, sizeof e);
    if (e.work == kCommonWork) {
      ++common;
    } else if (e.work >= num_works) {
      return Bad(name, "entry " + std::to_string(i) + " names work " + std::to_string(e.work) + " of " +
                           std::to_string(num_works));
    }
  }
  if (common != h.num_common) return Bad(name, "num_common does not match the entries");
  return Status::Ok();
}

Status ValidateTitles(std::string_view bytes, const std::string& name, uint32_t num_works, TitlesHeader* h) {
  WINNOW_RETURN_IF_ERROR(ReadHeader(bytes, name, kTitlesMagic, h));
  if (h->key_words != static_cast<uint32_t>(kTitleKeyWords)) return Bad(name, "unexpected key_words");
  if (h->num_works != num_works) return Bad(name, "made for another works file");
  if (h->num_entries > bytes.size() / sizeof(TitleEntry) ||
      kHeaderSize + h->num_entries * sizeof(TitleEntry) != bytes.size()) {
    return Bad(name, "size does not match num_entries");
  }
  uint64_t prev = 0;
  for (uint64_t i = 0; i < h->num_entries; ++i) {
    TitleEntry e;
    std::memcpy(&e, bytes.data() + kHeaderSize + i * sizeof e, sizeof e);
    if (e.work >= num_works) return Bad(name, "entry " + std::to_string(i) + " names a work out of range");
    if (i > 0 && e.key < prev) return Bad(name, "entries out of order at " + std::to_string(i));
    prev = e.key;
  }
  return Status::Ok();
}

Status ValidateCommon(std::string_view bytes, const std::string& name, CommonHeader* h) {
  WINNOW_RETURN_IF_ERROR(ReadHeader(bytes, name, kCommonMagic, h));
  if (h->num_keys > bytes.size() / 8 || kHeaderSize + h->num_keys * 8 != bytes.size()) {
    return Bad(name, "size does not match num_keys");
  }
  uint64_t prev = 0;
  for (uint64_t i = 0; i < h->num_keys; ++i) {
    uint64_t key;
    std::memcpy(&key, bytes.data() + kHeaderSize + i * 8, 8);
    if ((i > 0 && key <= prev) || key == ~uint64_t{0}) return Bad(name, "keys out of order at " + std::to_string(i));
    prev = key;
  }
  return Status::Ok();
}

std::string_view MetaField(std::string_view record, int i) {
  size_t p = 0;
  for (int f = 0;; ++f) {
    uint32_t len;
    std::memcpy(&len, record.data() + p, 4);
    p += 4;
    if (f == i) return record.substr(p, len);
    p += len;
  }
}

}  // namespace winnow::corpus
