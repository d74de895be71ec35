// BuildCorpus and AddToCorpus. Works are read in batches, tokenized,
// fingerprinted and compressed on all cores, then appended in input order
// (so the index does not depend on the number of threads). Fingerprints
// collect in a buffer that spills to sorted run files; Finish merges the
// runs (and, for `add`, the previous generation's table) into the new table
// while marking common fingerprints, then switches CURRENT atomically.
#include <fmt/format.h>
#include <zstd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <thread>
#include <unordered_set>

#include "corpus/common_set.h"
#include "corpus/fingerprint_merge.h"
#include "corpus/fingerprinter.h"
#include "corpus/index_files.h"
#include "corpus/index_format.h"
#include "corpus/kgram.h"
#include "corpus/prepare_work.h"
#include "corpus/run_files.h"
#include "corpus/sketch.h"
#include "corpus/work_reader.h"
#include "io/durable.h"
#include "text/tokenizer.h"
#include "util/hash.h"
#include "winnow/corpus.h"

namespace winnow {
namespace corpus {
namespace {

namespace fs = std::filesystem;

constexpr size_t kBatchBytes = 16 << 20;
constexpr int kExclusionRounds = 2;

std::string U32Bytes(uint32_t v) { return std::string(reinterpret_cast<const char*>(&v), 4); }

class Builder {
 public:
  Builder(std::string dir, const CorpusBuildOptions& options, const IndexFiles* previous)
      : dir_(std::move(dir)), options_(options), prev_(previous) {
    generation_ = prev_ ? prev_->generation() + 1 : 1;
    k_ = prev_ ? static_cast<int>(prev_->fp_header().k) : options.k;
    w_ = prev_ ? static_cast<int>(prev_->fp_header().w) : options.w;
    first_work_ = prev_ ? prev_->num_works() : 0;
    if (prev_) {
      for (uint32_t i = 0; i < prev_->num_works(); ++i) ids_.insert(StableHash64(MetaField(prev_->meta(i), 0)));
      report_.words_total = prev_->works_header().num_words;
      // `add` keeps the excluded set of the build, so old and new works are
      // winnowed alike.
      common_keys_.assign(prev_->common_keys().begin(), prev_->common_keys().end());
      exclude_ = CommonSet(common_keys_);
    }
    threads_ = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  }

  Status Run(const std::vector<std::string>& inputs) {
    WINNOW_RETURN_IF_ERROR(meta_.Open(TmpPath("meta")));
    WINNOW_RETURN_IF_ERROR(data_.Open(TmpPath("data")));
    for (const std::string& input : inputs) {
      WINNOW_ASSIGN_OR_RETURN(auto reader, WorkReader::Open(input));
      uint64_t input_base = report_.bytes_read;
      for (;;) {
        std::vector<Prepared> batch;
        size_t bytes = 0;
        while (bytes < kBatchBytes) {
          Prepared p;
          WINNOW_ASSIGN_OR_RETURN(bool more, reader->Next(&p.work));
          if (!more) break;
          bytes += p.work.text.size();
          batch.push_back(std::move(p));
        }
        if (batch.empty()) break;
        PrepareBatch(&batch);
        for (Prepared& p : batch) WINNOW_RETURN_IF_ERROR(Append(&p));
        if (options_.progress) options_.progress(input_base + reader->bytes_read());
      }
    }
    WINNOW_RETURN_IF_ERROR(meta_.Close());
    WINNOW_RETURN_IF_ERROR(data_.Close());
    if (!prev_) WINNOW_RETURN_IF_ERROR(ExcludeCommonAndRefingerprint());
    if (!buffer_.empty()) WINNOW_RETURN_IF_ERROR(Spill());
    WINNOW_RETURN_IF_ERROR(WriteWorks());
    WINNOW_RETURN_IF_ERROR(WriteFingerprints());
    WINNOW_RETURN_IF_ERROR(WriteTitles());
    WINNOW_RETURN_IF_ERROR(WriteCommon());
    WINNOW_RETURN_IF_ERROR(WriteSimilar());
    WINNOW_RETURN_IF_ERROR(FsyncDir(dir_));
    WINNOW_RETURN_IF_ERROR(WriteFileAtomic(dir_, "CURRENT", fmt::format("{}\n", generation_)));
    committed_ = true;
    RemoveTemporaries();
    if (prev_) {
      for (const char* kind : {"works", "fingerprints", "titles", "common", "similar"}) {
        std::error_code ec;
        fs::remove(GenerationFile(dir_, kind, prev_->generation()), ec);  // unused from now on
      }
    }
    return Status::Ok();
  }

  void RemoveTemporaries() {
    std::error_code ec;
    fs::remove(TmpPath("meta"), ec);
    fs::remove(TmpPath("data"), ec);
    for (const std::string& r : runs_) fs::remove(r, ec);
    for (const std::string& r : sketch_runs_) fs::remove(r, ec);
    if (!committed_) {
      for (const char* kind : {"works", "fingerprints", "titles", "common", "similar"}) {
        fs::remove(GenerationFile(dir_, kind, generation_), ec);
      }
    }
  }

  CorpusBuildReport& report() { return report_; }

 private:
  std::string TmpPath(const std::string& what) const { return fmt::format("{}/.tmp-{}-{:06d}", dir_, what, generation_); }

  void PrepareBatch(std::vector<Prepared>* batch) {
    std::atomic<size_t> next{0};
    auto worker = [&] {
      Scratch s;
      for (size_t i; (i = next.fetch_add(1)) < batch->size();) PrepareWork(k_, w_, exclude_, &s, &(*batch)[i]);
    };
    std::vector<std::thread> pool;
    const size_t n = std::min<size_t>(threads_, batch->size());
    for (size_t t = 1; t < n; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
  }

  Status Append(Prepared* p) {
    WINNOW_RETURN_IF_ERROR(p->status);
    report_.bytes_read += p->work.text.size();
    if (!ids_.insert(StableHash64(p->work.id)).second) {
      ++report_.duplicate_ids;
      return Status::Ok();
    }
    if (p->work.text.size() > UINT32_MAX) return Status::Unsupported("work " + p->work.id + ": text over 4 GB");
    const uint32_t ordinal = first_work_ + static_cast<uint32_t>(rows_.size());
    if (ordinal >= kCommonWork - 1) return Status::Unsupported("more than 4 billion works");
    WorkRow row{};
    row.data_off = data_.size();
    row.data_len = static_cast<uint32_t>(p->block.size());
    row.text_len = static_cast<uint32_t>(p->work.text.size());
    row.words = p->words;
    row.meta_off = meta_.size();
    std::string meta;
    for (const std::string* f : {&p->work.id, &p->work.title, &p->work.url, &p->work.date, &p->work.publisher}) {
      meta += U32Bytes(static_cast<uint32_t>(f->size()));
      meta += *f;
    }
    row.meta_len = static_cast<uint32_t>(meta.size());
    WINNOW_RETURN_IF_ERROR(meta_.Write(meta));
    WINNOW_RETURN_IF_ERROR(data_.Write(p->block));
    rows_.push_back(row);
    if (p->title_words > 0) titles_.push_back({p->title_key, p->title_full, ordinal, p->title_words});
    for (const Fingerprint& f : p->fps) buffer_.push_back({f.hash, ordinal, f.pos});
    for (int bin = 0; bin < kSketchBins; ++bin) {
      if (p->sketch.min[bin] != kEmptyBin) sketches_.push_back({SketchKey(bin, p->sketch.min[bin]), ordinal, uint32_t(bin)});
    }
    if (sketches_.size() * sizeof(FpRecord) >= options_.memory_mb * (size_t{1} << 18)) {  // a quarter of the budget
      sketch_records_ += sketches_.size();
      WINNOW_RETURN_IF_ERROR(SpillRun("sketch-run", &sketches_, &sketch_runs_));
    }
    report_.works_added++;
    report_.words_added += p->words;
    if (buffer_.size() * sizeof(FpRecord) >= options_.memory_mb * (size_t{1} << 20)) {
      WINNOW_RETURN_IF_ERROR(Spill());
    }
    return Status::Ok();
  }

  // The later passes of a new build. The first pass winnowed every k-gram;
  // the fingerprints held by common_works works or more join the excluded
  // set, and every work is winnowed again without them (read back from the
  // compressed texts just written, so the inputs are parsed once). Leaving
  // some k-grams out lets others be selected, a few of them common too, so
  // this runs twice; what is still common after that is only marked.
  Status ExcludeCommonAndRefingerprint() {
    for (int round = 0; round < kExclusionRounds; ++round) {
      if (!buffer_.empty()) WINNOW_RETURN_IF_ERROR(Spill());
      std::vector<uint64_t> fresh;
      WINNOW_RETURN_IF_ERROR(CollectCommon(runs_, options_.common_works, &fresh));
      if (fresh.empty()) break;
      std::vector<uint64_t> all;
      std::set_union(common_keys_.begin(), common_keys_.end(), fresh.begin(), fresh.end(), std::back_inserter(all));
      common_keys_ = std::move(all);
      std::error_code ec;
      for (const std::string& r : runs_) fs::remove(r, ec);
      runs_.clear();
      run_records_ = 0;
      exclude_ = CommonSet(common_keys_);
      WINNOW_RETURN_IF_ERROR(Refingerprint());
    }
    return Status::Ok();
  }

  Status Refingerprint() {
    WINNOW_ASSIGN_OR_RETURN(auto data, MappedFile::Open(TmpPath("data")));
    constexpr size_t kBatch = 4096;
    std::vector<std::vector<Fingerprint>> fps;
    for (size_t first = 0; first < rows_.size(); first += kBatch) {
      const size_t n = std::min(kBatch, rows_.size() - first);
      fps.assign(n, {});
      std::vector<Status> errors(n);
      std::atomic<size_t> next{0};
      auto worker = [&] {
        Scratch s;
        ZSTD_DCtx* dctx = ZSTD_createDCtx();
        std::string text;
        for (size_t i; (i = next.fetch_add(1)) < n;) {
          const WorkRow& row = rows_[first + i];
          text.resize(row.text_len);
          const size_t got = ZSTD_decompressDCtx(dctx, text.data(), text.size(),
                                                 data->bytes().data() + row.data_off, row.data_len);
          if (ZSTD_isError(got) || got != row.text_len) {
            errors[i] = Status::IoError(TmpPath("data") + ": work " + std::to_string(first + i) + " reads back damaged");
            continue;
          }
          uint32_t words;
          Fingerprints(text, k_, w_, exclude_, &s, &fps[i], &words);
        }
        ZSTD_freeDCtx(dctx);
      };
      std::vector<std::thread> pool;
      for (size_t t = 1; t < std::min<size_t>(threads_, n); ++t) pool.emplace_back(worker);
      worker();
      for (auto& t : pool) t.join();
      for (size_t i = 0; i < n; ++i) {
        WINNOW_RETURN_IF_ERROR(errors[i]);
        const uint32_t ordinal = first_work_ + static_cast<uint32_t>(first + i);
        for (const Fingerprint& f : fps[i]) buffer_.push_back({f.hash, ordinal, f.pos});
        if (buffer_.size() * sizeof(FpRecord) >= options_.memory_mb * (size_t{1} << 20)) {
          WINNOW_RETURN_IF_ERROR(Spill());
        }
      }
    }
    return Status::Ok();
  }

  Status WriteCommon() {
    CommonHeader h{};
    std::memcpy(h.magic, kCommonMagic, 8);
    h.version = kFormatVersion;
    h.num_keys = common_keys_.size();
    h.file_size = kHeaderSize + common_keys_.size() * 8;
    BinaryWriter out;
    WINNOW_RETURN_IF_ERROR(out.Open(GenerationFile(dir_, "common", generation_)));
    WINNOW_RETURN_IF_ERROR(out.Write({reinterpret_cast<const char*>(&h), sizeof h}));
    WINNOW_RETURN_IF_ERROR(out.Write({reinterpret_cast<const char*>(common_keys_.data()), common_keys_.size() * 8}));
    report_.index_bytes += out.size();
    report_.excluded = common_keys_.size();
    return out.Close();
  }

  Status Spill() {
    run_records_ += buffer_.size();
    return SpillRun("run", &buffer_, &runs_);
  }

  // Sorts *records into a new run file (listed in *runs) and empties them.
  Status SpillRun(const char* prefix, std::vector<FpRecord>* records, std::vector<std::string>* runs) {
    std::sort(records->begin(), records->end());
    const std::string path = TmpPath(fmt::format("{}{}", prefix, runs->size()));
    BinaryWriter out;
    WINNOW_RETURN_IF_ERROR(out.Open(path));
    runs->push_back(path);
    WINNOW_RETURN_IF_ERROR(out.Write({reinterpret_cast<const char*>(records->data()), records->size() * sizeof(FpRecord)}));
    WINNOW_RETURN_IF_ERROR(out.Close());
    records->clear();
    records->shrink_to_fit();
    return Status::Ok();
  }

  Status WriteWorks() {
    const std::string path = GenerationFile(dir_, "works", generation_);
    const uint64_t n = first_work_ + rows_.size();
    WorksHeader h{};
    std::memcpy(h.magic, kWorksMagic, 8);
    h.version = kFormatVersion;
    h.num_works = n;
    h.num_words = report_.words_total + report_.words_added;
    const uint64_t prev_meta = prev_ ? prev_->meta_section().size() : 0;
    const uint64_t prev_data = prev_ ? prev_->data_section().size() : 0;
    h.meta_offset = kHeaderSize + n * sizeof(WorkRow);
    h.data_offset = h.meta_offset + prev_meta + meta_.size();
    h.file_size = h.data_offset + prev_data + data_.size();
    BinaryWriter out;
    WINNOW_RETURN_IF_ERROR(out.Open(path));
    WINNOW_RETURN_IF_ERROR(out.Write({reinterpret_cast<const char*>(&h), sizeof h}));
    if (prev_) {
      WINNOW_RETURN_IF_ERROR(out.Write({reinterpret_cast<const char*>(&prev_->row(0)), first_work_ * sizeof(WorkRow)}));
    }
    for (WorkRow row : rows_) {
      row.meta_off += prev_meta;
      row.data_off += prev_data;
      WINNOW_RETURN_IF_ERROR(out.Write({reinterpret_cast<const char*>(&row), sizeof row}));
    }
    if (prev_) WINNOW_RETURN_IF_ERROR(CopyBytes(prev_->meta_section(), &out));
    WINNOW_RETURN_IF_ERROR(AppendFile(TmpPath("meta"), &out));
    if (prev_) WINNOW_RETURN_IF_ERROR(CopyBytes(prev_->data_section(), &out));
    WINNOW_RETURN_IF_ERROR(AppendFile(TmpPath("data"), &out));
    if (out.size() != h.file_size) return Status::Internal(path + ": size mismatch while writing");
    report_.works_total = n;
    report_.words_total = h.num_words;
    report_.works_bytes = out.size();
    return out.Close();
  }

  static Status AppendFile(const std::string& path, BinaryWriter* out) {
    WINNOW_ASSIGN_OR_RETURN(auto mapped, MappedFile::Open(path));
    return CopyBytes(mapped->bytes(), out);
  }

  Status WriteFingerprints() {
    FingerprintMergeInput in;
    in.runs = runs_;
    in.previous = prev_ ? &prev_->fp_table() : nullptr;
    in.magic = kFingerprintsMagic;
    in.records_hint = run_records_ + (prev_ ? prev_->fp_header().num_entries : 0);
    in.k = k_;
    in.w = w_;
    in.common_works = prev_ ? prev_->fp_header().common_works : options_.common_works;
    in.num_works = static_cast<uint32_t>(first_work_ + rows_.size());
    FingerprintMergeResult res;
    WINNOW_RETURN_IF_ERROR(MergeFingerprints(in, GenerationFile(dir_, "fingerprints", generation_), &res));
    report_.fingerprints = res.entries;
    report_.common = res.common;
    report_.index_bytes += res.bytes;
    return Status::Ok();
  }

  // The sketches' postings (key of bin and minimum → work), in the layout
  // of the fingerprints table, with their own common marks.
  Status WriteSimilar() {
    sketch_records_ += sketches_.size();
    WINNOW_RETURN_IF_ERROR(SpillRun("sketch-run", &sketches_, &sketch_runs_));
    FingerprintMergeInput in;
    in.runs = sketch_runs_;
    in.previous = prev_ ? &prev_->similar_table() : nullptr;
    in.magic = kSimilarMagic;
    in.records_hint = sketch_records_ + (prev_ ? prev_->similar_table().header.num_entries : 0);
    in.k = kShingleWords;
    in.w = kSketchBins;
    in.common_works = prev_ ? prev_->similar_table().header.common_works : options_.common_works;
    in.num_works = static_cast<uint32_t>(first_work_ + rows_.size());
    FingerprintMergeResult res;
    WINNOW_RETURN_IF_ERROR(MergeFingerprints(in, GenerationFile(dir_, "similar", generation_), &res));
    report_.index_bytes += res.bytes;
    report_.sketch_postings = res.entries;
    return Status::Ok();
  }

  Status WriteTitles() {
    std::vector<TitleEntry> all;
    if (prev_) all.assign(prev_->titles(), prev_->titles() + prev_->titles_header().num_entries);
    all.insert(all.end(), titles_.begin(), titles_.end());
    std::sort(all.begin(), all.end(), [](const TitleEntry& a, const TitleEntry& b) {
      return a.key != b.key ? a.key < b.key : a.work < b.work;
    });
    TitlesHeader h{};
    std::memcpy(h.magic, kTitlesMagic, 8);
    h.version = kFormatVersion;
    h.key_words = kTitleKeyWords;
    h.num_entries = all.size();
    h.num_works = static_cast<uint32_t>(first_work_ + rows_.size());
    h.file_size = kHeaderSize + all.size() * sizeof(TitleEntry);
    BinaryWriter out;
    WINNOW_RETURN_IF_ERROR(out.Open(GenerationFile(dir_, "titles", generation_)));
    WINNOW_RETURN_IF_ERROR(out.Write({reinterpret_cast<const char*>(&h), sizeof h}));
    WINNOW_RETURN_IF_ERROR(out.Write({reinterpret_cast<const char*>(all.data()), all.size() * sizeof(TitleEntry)}));
    report_.index_bytes += out.size();
    return out.Close();
  }

  std::string dir_;
  CorpusBuildOptions options_;
  const IndexFiles* prev_;
  uint64_t generation_;
  int k_, w_;
  uint32_t first_work_;
  size_t threads_;
  std::unordered_set<uint64_t> ids_;
  BinaryWriter meta_, data_;
  std::vector<WorkRow> rows_;
  std::vector<TitleEntry> titles_;
  std::vector<FpRecord> buffer_;
  std::vector<FpRecord> sketches_;  // up to 32 per work, spilled like buffer_
  std::vector<std::string> sketch_runs_;
  uint64_t sketch_records_ = 0;
  std::vector<uint64_t> common_keys_;  // sorted
  CommonSet exclude_;
  std::vector<std::string> runs_;
  uint64_t run_records_ = 0;
  bool committed_ = false;
  CorpusBuildReport report_;
};

Status CheckOptions(const CorpusBuildOptions& o) {
  if (o.k < 1 || o.k > 64) return Status::InvalidArgument("k must be between 1 and 64");
  if (o.w < 1 || o.w > 1024) return Status::InvalidArgument("w must be between 1 and 1024");
  if (o.common_works < 2) return Status::InvalidArgument("common-works must be at least 2");
  if (o.memory_mb < 16) return Status::InvalidArgument("memory must be at least 16 MB");
  return Status::Ok();
}

}  // namespace
}  // namespace corpus

StatusOr<CorpusBuildReport> BuildCorpus(const std::string& index_dir, const std::vector<std::string>& inputs,
                                        const CorpusBuildOptions& options) {
  WINNOW_RETURN_IF_ERROR(corpus::CheckOptions(options));
  std::error_code ec;
  if (std::filesystem::exists(index_dir + "/CURRENT", ec)) {
    return Status::AlreadyExists(index_dir + ": already holds a corpus index (use `winnow corpus add`)");
  }
  const bool created = !std::filesystem::exists(index_dir, ec);
  std::filesystem::create_directories(index_dir, ec);
  if (ec) return Status::IoError(index_dir + ": cannot create: " + ec.message());
  corpus::Builder b(index_dir, options, nullptr);
  Status s = b.Run(inputs);
  if (!s.ok()) {
    b.RemoveTemporaries();
    if (created) std::filesystem::remove(index_dir, ec);  // only if empty: never a user's files
    return s;
  }
  return b.report();
}

StatusOr<CorpusBuildReport> AddToCorpus(const std::string& index_dir, const std::vector<std::string>& inputs,
                                        const CorpusBuildOptions& options) {
  WINNOW_RETURN_IF_ERROR(corpus::CheckOptions(options));
  WINNOW_ASSIGN_OR_RETURN(auto previous, corpus::IndexFiles::Open(index_dir));
  WINNOW_RETURN_IF_ERROR(previous->ValidateAllPostings());  // the merge reads every posting
  corpus::Builder b(index_dir, options, previous.get());
  Status s = b.Run(inputs);
  if (!s.ok()) {
    b.RemoveTemporaries();
    return s;
  }
  return b.report();
}

}  // namespace winnow
