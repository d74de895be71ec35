#include "corpus/work_reader.h"

#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "corpus/index_format.h"
#include "formats/record_splitter.h"
#include "io/byte_source.h"

namespace winnow::corpus {
namespace {

namespace od = simdjson::ondemand;
namespace fs = std::filesystem;

constexpr size_t kMaxWorkBytes = kMaxWorkTextBytes;

class JsonWorkReader : public WorkReader {
 public:
  JsonWorkReader(std::string path, std::unique_ptr<ByteSource> source)
      : path_(std::move(path)), source_(std::move(source)), splitter_(source_.get(), kMaxWorkBytes) {}

  StatusOr<bool> Next(Work* work) override {
    Record rec;
    WINNOW_ASSIGN_OR_RETURN(bool more, splitter_.Next(&rec));
    if (!more) return false;
    const std::string where = path_ + ":" + std::to_string(rec.line);
    switch (rec.problem) {
      case Record::Problem::kNone: break;
      case Record::Problem::kTruncated: return Status::Corruption(where + ": the work is truncated");
      case Record::Problem::kTooLarge: return Status::Corruption(where + ": the work is larger than 256 MB");
      case Record::Problem::kTrailing: return Status::Corruption(where + ": bytes after the end of the array");
    }
    if (!simdjson::validate_utf8(rec.bytes.data(), rec.bytes.size())) {
      return Status::Corruption(where + ": the work is not valid UTF-8");
    }
    od::document doc;
    if (auto err = parser_.iterate(rec.bytes.data(), rec.bytes.size(), rec.bytes.size() + kRecordPadding).get(doc)) {
      return Status::Corruption(where + ": not JSON: " + simdjson::error_message(err));
    }
    *work = Work();
    bool have_id = false, have_text = false;
    od::object obj;
    if (auto err = doc.get_object().get(obj)) {
      return Status::Corruption(where + ": a work must be a JSON object: " + simdjson::error_message(err));
    }
    for (auto field : obj) {
      std::string_view key;
      if (auto err = field.unescaped_key().get(key)) {
        return Status::Corruption(where + ": " + simdjson::error_message(err));
      }
      std::string* target = nullptr;
      if (key == "id") {
        od::value v = field.value();
        od::json_type type;
        if (auto err = v.type().get(type)) return Status::Corruption(where + ": id: " + simdjson::error_message(err));
        if (type == od::json_type::number) {
          std::string_view raw = std::string_view(v.raw_json_token());
          while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t')) raw.remove_suffix(1);
          work->id.assign(raw);
          have_id = true;
          continue;
        }
        target = &work->id;
        have_id = true;
      } else if (key == "title") {
        target = &work->title;
      } else if (key == "text") {
        target = &work->text;
        have_text = true;
      } else if (key == "url") {
        target = &work->url;
      } else if (key == "date") {
        target = &work->date;
      } else if (key == "publisher") {
        target = &work->publisher;
      } else {
        continue;
      }
      od::value v = field.value();
      bool is_null = false;
      if (auto err = v.is_null().get(is_null)) {
        return Status::Corruption(where + ": " + std::string(key) + ": " + simdjson::error_message(err));
      }
      if (is_null) {
        if (target == &work->id || target == &work->text) {
          return Status::Corruption(where + ": " + std::string(key) + ": must be a string, got null");
        }
        continue;
      }
      std::string_view s;
      if (auto err = v.get_string().get(s)) {
        return Status::Corruption(where + ": " + std::string(key) + ": expected a string: " + simdjson::error_message(err));
      }
      target->assign(s);
    }
    if (!have_id || work->id.empty()) return Status::Corruption(where + ": id: missing or empty");
    if (!have_text) return Status::Corruption(where + ": text: missing (work " + work->id + ")");
    return true;
  }

  uint64_t bytes_read() const override { return source_->raw_bytes_read(); }

 private:
  std::string path_;
  std::unique_ptr<ByteSource> source_;
  RecordSplitter splitter_;
  od::parser parser_;
};

class TextDirReader : public WorkReader {
 public:
  TextDirReader(std::string root, std::vector<fs::path> files)
      : root_(std::move(root)), files_(std::move(files)) {}

  StatusOr<bool> Next(Work* work) override {
    if (next_ >= files_.size()) return false;
    const fs::path& p = files_[next_++];
    std::ifstream in(p, std::ios::binary);
    if (!in) return Status::IoError(p.string() + ": cannot open");
    std::ostringstream buf;
    buf << in.rdbuf();
    if (in.bad()) return Status::IoError(p.string() + ": read failed");
    *work = Work();
    work->text = std::move(buf).str();
    bytes_ += work->text.size();
    if (!simdjson::validate_utf8(work->text.data(), work->text.size())) {
      return Status::Corruption(p.string() + ": not valid UTF-8 (convert it first, e.g. with iconv)");
    }
    std::string rel = fs::relative(p, root_).generic_string();
    work->id = rel.substr(0, rel.size() - 4);
    size_t pos = 0;
    while (pos < work->text.size()) {
      size_t nl = work->text.find('\n', pos);
      if (nl == std::string::npos) nl = work->text.size();
      std::string_view line(work->text.data() + pos, nl - pos);
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
      while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
      if (!line.empty()) {
        work->title.assign(line);
        break;
      }
      pos = nl + 1;
    }
    return true;
  }

  uint64_t bytes_read() const override { return bytes_; }

 private:
  std::string root_;
  std::vector<fs::path> files_;
  size_t next_ = 0;
  uint64_t bytes_ = 0;
};

}  // namespace

StatusOr<std::unique_ptr<WorkReader>> WorkReader::Open(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->is_regular_file() && it->path().extension() == ".txt") files.push_back(it->path());
    }
    if (ec) return Status::IoError(path + ": cannot list: " + ec.message());
    std::sort(files.begin(), files.end());
    return std::unique_ptr<WorkReader>(new TextDirReader(path, std::move(files)));
  }
  Compression detected;
  WINNOW_ASSIGN_OR_RETURN(auto source, OpenInput(path, &detected));
  return std::unique_ptr<WorkReader>(new JsonWorkReader(path, std::move(source)));
}

}  // namespace winnow::corpus
