#include "corpus/index_files.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace winnow::corpus {

std::string GenerationFile(const std::string& dir, const char* kind, uint64_t generation) {
  return fmt::format("{}/{}-{:06d}.bin", dir, kind, generation);
}

StatusOr<uint64_t> ReadCurrentGeneration(const std::string& dir) {
  const std::string path = dir + "/CURRENT";
  std::ifstream in(path);
  if (!in) return Status::NotFound(dir + ": no corpus index here (no CURRENT file)");
  std::string line;
  std::getline(in, line);
  uint64_t gen = 0;
  size_t i = 0;
  for (; i < line.size() && line[i] >= '0' && line[i] <= '9' && i < 12; ++i) gen = gen * 10 + (line[i] - '0');
  if (i == 0 || i != line.size() || gen == 0) {
    return Status::Corruption(path + ": expected a generation number, got '" + line.substr(0, 40) + "'");
  }
  return gen;
}

StatusOr<std::unique_ptr<IndexFiles>> IndexFiles::Open(const std::string& dir) {
  std::unique_ptr<IndexFiles> f(new IndexFiles());
  WINNOW_ASSIGN_OR_RETURN(f->generation_, ReadCurrentGeneration(dir));
  const std::string wpath = GenerationFile(dir, "works", f->generation_);
  const std::string fpath = GenerationFile(dir, "fingerprints", f->generation_);
  const std::string tpath = GenerationFile(dir, "titles", f->generation_);
  const std::string cpath = GenerationFile(dir, "common", f->generation_);
  const std::string spath = GenerationFile(dir, "similar", f->generation_);
  WINNOW_ASSIGN_OR_RETURN(f->works_map_, MappedFile::Open(wpath));
  WINNOW_ASSIGN_OR_RETURN(f->common_map_, MappedFile::Open(cpath));
  WINNOW_ASSIGN_OR_RETURN(f->similar_map_, MappedFile::Open(spath));
  WINNOW_ASSIGN_OR_RETURN(f->fingerprints_map_, MappedFile::Open(fpath));
  WINNOW_ASSIGN_OR_RETURN(f->titles_map_, MappedFile::Open(tpath));
  f->works_ = f->works_map_->bytes();
  f->fingerprints_ = f->fingerprints_map_->bytes();
  f->titles_file_ = f->titles_map_->bytes();
  f->common_file_ = f->common_map_->bytes();
  f->similar_file_ = f->similar_map_->bytes();
  WINNOW_RETURN_IF_ERROR(f->Validate(wpath, fpath, tpath, cpath, spath));
  return f;
}

StatusOr<std::unique_ptr<IndexFiles>> IndexFiles::FromBytes(std::string_view works, std::string_view fingerprints,
                                                            std::string_view titles, std::string_view common,
                                                            std::string_view similar) {
  std::unique_ptr<IndexFiles> f(new IndexFiles());
  f->works_ = works;
  f->fingerprints_ = fingerprints;
  f->titles_file_ = titles;
  f->common_file_ = common;
  f->similar_file_ = similar;
  WINNOW_RETURN_IF_ERROR(f->Validate("works", "fingerprints", "titles", "common", "similar"));
  return f;
}

namespace {

void MapTable(std::string_view bytes, PostingsTable* t) {
  t->entries = reinterpret_cast<const FingerprintEntry*>(bytes.data() + kHeaderSize);
  t->dir = reinterpret_cast<const uint32_t*>(bytes.data() + kHeaderSize +
                                            t->header.num_entries * sizeof(FingerprintEntry));
}

}  // namespace

Status IndexFiles::Validate(const std::string& wname, const std::string& fname, const std::string& tname,
                            const std::string& cname, const std::string& sname) {
  fp_.name = fname;
  similar_.name = sname;
  WINNOW_RETURN_IF_ERROR(ValidateWorks(works_, wname, &wh_));
  const uint32_t n = static_cast<uint32_t>(wh_.num_works);
  WINNOW_RETURN_IF_ERROR(ValidateFingerprints(fingerprints_, fname, n, kFingerprintsMagic, &fp_.header));
  WINNOW_RETURN_IF_ERROR(ValidateFingerprints(similar_file_, sname, n, kSimilarMagic, &similar_.header));
  WINNOW_RETURN_IF_ERROR(ValidateTitles(titles_file_, tname, n, &th_));
  WINNOW_RETURN_IF_ERROR(ValidateCommon(common_file_, cname, &ch_));
  common_keys_ = reinterpret_cast<const uint64_t*>(common_file_.data() + kHeaderSize);
  rows_ = reinterpret_cast<const WorkRow*>(works_.data() + kHeaderSize);
  MapTable(fingerprints_, &fp_);
  MapTable(similar_file_, &similar_);
  titles_ = reinterpret_cast<const TitleEntry*>(titles_file_.data() + kHeaderSize);
  return Status::Ok();
}

Status IndexFiles::ValidateAllPostings() const {
  WINNOW_RETURN_IF_ERROR(ValidatePostings(fingerprints_, fp_.name, num_works(), fp_.header));
  return ValidatePostings(similar_file_, similar_.name, num_works(), similar_.header);
}

Status PostingsTable::BucketRange(uint64_t b, uint32_t* begin, uint32_t* end) const {
  *begin = dir[b];
  *end = dir[b + 1];
  if (*begin > *end || *end > header.num_entries) {
    return Status::Corruption(name + ": bucket directory out of order at " + std::to_string(b) +
                              " (rebuild the index with `winnow corpus build`)");
  }
  return Status::Ok();
}

uint64_t IndexFiles::bytes_on_disk() const {
  return works_.size() + fingerprints_.size() + titles_file_.size() + common_file_.size() + similar_file_.size();
}

}  // namespace winnow::corpus
