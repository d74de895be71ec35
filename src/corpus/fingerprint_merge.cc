#include "corpus/fingerprint_merge.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <queue>

#include "corpus/common_set.h"
#include "corpus/index_files.h"
#include "corpus/index_format.h"
#include "corpus/run_files.h"

namespace winnow::corpus {
namespace {

// The previous generation's postings as FpRecords with truncated hashes, in
// table order (which is key order).
class PreviousTable {
 public:
  explicit PreviousTable(const PostingsTable* f) : f_(f) {
    if (f_ != nullptr) {
      bits_ = f_->header.dir_bits;
      buckets_ = uint64_t{1} << bits_;
    }
  }
  bool Next(FpRecord* rec) {
    if (f_ == nullptr) return false;
    const uint32_t* dir = f_->dir;
    while (bucket_ < buckets_ && index_ >= dir[bucket_ + 1]) ++bucket_;
    if (bucket_ >= buckets_) return false;
    const FingerprintEntry& e = f_->entries[index_++];
    rec->hash = (bucket_ << (64 - bits_)) | (uint64_t{e.lo} << (32 - bits_));
    rec->work = e.work;
    rec->pos = e.pos;
    return true;
  }

 private:
  const PostingsTable* f_;
  uint32_t bits_ = 0;
  uint64_t buckets_ = 0, bucket_ = 0, index_ = 0;
};

uint32_t ChooseDirBits(uint64_t records) {
  // About four postings per bucket: one or two cache lines per lookup.
  uint64_t buckets = std::max<uint64_t>(records / 4, 16);
  uint32_t bits = static_cast<uint32_t>(std::bit_width(buckets - 1));
  return std::clamp<uint32_t>(bits, 4, 30);
}

class Merger {
 public:
  Merger(const FingerprintMergeInput& in, uint32_t dir_bits, BinaryWriter* out)
      : in_(in), bits_(dir_bits), out_(out), counts_((uint64_t{1} << dir_bits) + 1, 0) {}

  Status Add(const FpRecord& r) {
    const uint64_t key = KeyOf(r.hash, bits_);
    if (started_ && key != group_key_) WINNOW_RETURN_IF_ERROR(Flush());
    group_key_ = key;
    started_ = true;
    if (r.work == kCommonWork) {
      df_ += r.pos;
      return Status::Ok();
    }
    if (std::find(works_.begin(), works_.end(), r.work) == works_.end()) {
      ++df_;
      if (works_.size() < in_.common_works) works_.push_back(r.work);
    }
    if (df_ < in_.common_works) group_.push_back(r);
    else group_.clear();
    return Status::Ok();
  }

  Status Flush() {
    if (df_ == 0 && group_.empty()) return Status::Ok();
    const uint64_t bucket = BucketOf(group_key_, bits_);
    const uint32_t lo = LoOf(group_key_, bits_);
    if (df_ >= in_.common_works) {
      FingerprintEntry e{lo, kCommonWork, static_cast<uint32_t>(std::min<uint64_t>(df_, UINT32_MAX))};
      WINNOW_RETURN_IF_ERROR(Emit(bucket, e));
      ++common_;
    } else {
      for (const FpRecord& r : group_) WINNOW_RETURN_IF_ERROR(Emit(bucket, {lo, r.work, r.pos}));
    }
    group_.clear();
    works_.clear();
    df_ = 0;
    return Status::Ok();
  }

  Status Emit(uint64_t bucket, const FingerprintEntry& e) {
    ++counts_[bucket + 1];
    ++entries_;
    if (entries_ >= UINT32_MAX) return Status::Unsupported("more than 4 billion fingerprints");
    return out_->Write({reinterpret_cast<const char*>(&e), sizeof e});
  }

  // Directory: bucket b's postings are [dir[b], dir[b+1]).
  std::vector<uint32_t> Directory() {
    std::vector<uint32_t> dir(counts_.size());
    uint64_t sum = 0;
    for (size_t b = 0; b < counts_.size(); ++b) {
      sum += counts_[b];
      dir[b] = static_cast<uint32_t>(sum);
    }
    return dir;
  }

  uint64_t entries() const { return entries_; }
  uint64_t common() const { return common_; }

 private:
  const FingerprintMergeInput& in_;
  uint32_t bits_;
  BinaryWriter* out_;
  std::vector<uint64_t> counts_;
  std::vector<FpRecord> group_;
  std::vector<uint32_t> works_;
  uint64_t group_key_ = 0, df_ = 0, entries_ = 0, common_ = 0;
  bool started_ = false;
};

}  // namespace

Status CollectCommon(const std::vector<std::string>& runs, uint32_t common_works, std::vector<uint64_t>* keys) {
  keys->clear();
  std::vector<std::unique_ptr<RunReader>> readers;
  using Item = std::pair<FpRecord, size_t>;
  auto greater = [](const Item& a, const Item& b) { return b.first < a.first; };
  std::priority_queue<Item, std::vector<Item>, decltype(greater)> heap(greater);
  for (size_t i = 0; i < runs.size(); ++i) {
    readers.push_back(std::make_unique<RunReader>());
    WINNOW_RETURN_IF_ERROR(readers.back()->Open(runs[i]));
    FpRecord rec;
    WINNOW_ASSIGN_OR_RETURN(bool more, readers.back()->Next(&rec));
    if (more) heap.push({rec, i});
  }
  uint64_t hash = 0, df = 0;
  uint32_t last_work = kCommonWork;
  bool any = false;
  auto flush = [&] {
    if (any && df >= common_works && hash < CommonSet::kCheckedBelow) keys->push_back(hash);
  };
  while (!heap.empty()) {
    auto [rec, src] = heap.top();
    heap.pop();
    if (!any || rec.hash != hash) {
      flush();
      hash = rec.hash;
      df = 0;
      last_work = kCommonWork;
      any = true;
    }
    // Records of one hash arrive ordered by work, so distinct works are runs.
    if (rec.work != last_work) {
      ++df;
      last_work = rec.work;
    }
    WINNOW_ASSIGN_OR_RETURN(bool more, readers[src]->Next(&rec));
    if (more) heap.push({rec, src});
  }
  flush();
  return Status::Ok();
}

Status MergeFingerprints(const FingerprintMergeInput& in, const std::string& path, FingerprintMergeResult* result) {
  const uint32_t bits = in.previous ? in.previous->header.dir_bits : ChooseDirBits(in.records_hint);
  std::vector<std::unique_ptr<RunReader>> readers;
  for (const std::string& r : in.runs) {
    readers.push_back(std::make_unique<RunReader>());
    WINNOW_RETURN_IF_ERROR(readers.back()->Open(r));
  }
  PreviousTable previous(in.previous);
  // Heap of (record, source); source == readers.size() is the previous table.
  using Item = std::pair<FpRecord, size_t>;
  auto greater = [](const Item& a, const Item& b) { return b.first < a.first; };
  std::priority_queue<Item, std::vector<Item>, decltype(greater)> heap(greater);
  auto refill = [&](size_t src) -> Status {
    FpRecord rec;
    if (src == readers.size()) {
      if (previous.Next(&rec)) heap.push({rec, src});
      return Status::Ok();
    }
    WINNOW_ASSIGN_OR_RETURN(bool more, readers[src]->Next(&rec));
    if (more) heap.push({rec, src});
    return Status::Ok();
  };
  for (size_t s = 0; s <= readers.size(); ++s) WINNOW_RETURN_IF_ERROR(refill(s));

  BinaryWriter out;
  WINNOW_RETURN_IF_ERROR(out.Open(path));
  FingerprintsHeader h{};
  WINNOW_RETURN_IF_ERROR(out.Write({reinterpret_cast<const char*>(&h), sizeof h}));  // rewritten at the end
  Merger merger(in, bits, &out);
  while (!heap.empty()) {
    Item top = heap.top();
    heap.pop();
    // Runs hold full hashes, the previous table truncated ones. Truncation
    // is monotone, so records with equal keys still come out together.
    WINNOW_RETURN_IF_ERROR(merger.Add(top.first));
    WINNOW_RETURN_IF_ERROR(refill(top.second));
  }
  WINNOW_RETURN_IF_ERROR(merger.Flush());
  std::vector<uint32_t> dir = merger.Directory();
  WINNOW_RETURN_IF_ERROR(out.Write({reinterpret_cast<const char*>(dir.data()), dir.size() * 4}));
  std::memcpy(h.magic, in.magic, 8);
  h.version = kFormatVersion;
  h.k = static_cast<uint32_t>(in.k);
  h.w = static_cast<uint32_t>(in.w);
  h.dir_bits = bits;
  h.common_works = in.common_works;
  h.num_works = in.num_works;
  h.num_entries = merger.entries();
  h.num_common = merger.common();
  h.file_size = out.size();
  WINNOW_RETURN_IF_ERROR(out.WriteAt(0, {reinterpret_cast<const char*>(&h), sizeof h}));
  result->entries = merger.entries();
  result->common = merger.common();
  result->bytes = out.size();
  return out.Close();
}

}  // namespace winnow::corpus
