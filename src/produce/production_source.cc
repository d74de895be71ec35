// OpenProductionEntries: a production's documents as canonical entry lines
// for `winnow search`, decrypted on the fly (nothing written to disk), each
// document checked against documents.sha256 as it is read.
#include <simdjson.h>

#include <fstream>

#include <fmt/format.h>

#include "io/byte_source.h"
#include "produce/age_lines.h"
#include "produce/layout.h"
#include "util/json_writer.h"
#include "vault/file_util.h"
#include "winnow/produce.h"

namespace winnow {
namespace produce {
namespace {

namespace dom = simdjson::dom;

class ProductionSource final : public ByteSource {
 public:
  ProductionSource(std::string name, std::unique_ptr<AgeLineReader> docs, const std::string& hashes_path)
      : name_(std::move(name)), docs_(std::move(docs)), hashes_(hashes_path) {}

  StatusOr<size_t> Read(char* buf, size_t n) override {
    while (pos_ >= out_.size()) {
      out_.clear();
      pos_ = 0;
      WINNOW_ASSIGN_OR_RETURN(bool more, NextDocument());
      if (!more) return size_t{0};
    }
    const size_t k = std::min(n, out_.size() - pos_);
    std::memcpy(buf, out_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  uint64_t raw_bytes_read() const override { return read_; }

 private:
  Status Bad(std::string_view what) const {
    return Status::Corruption(fmt::format("{}/{}: document {}: {}", name_, kDocumentsFile, line_no_, what));
  }

  // Converts the next document into one line per entry.
  StatusOr<bool> NextDocument() {
    bool complete = true;
    WINNOW_ASSIGN_OR_RETURN(bool more, docs_->Next(&line_, &complete));
    if (!more) return false;
    ++line_no_;
    read_ += line_.size() + 1;
    if (!complete) return Bad("cut short");
    dom::object doc;
    std::string_view bates, conversation;
    dom::array entries;
    const bool parsed = !parser_.parse(line_).get_object().get(doc) && !doc["bates"].get_string().get(bates) &&
                        !doc["conversation"].get_string().get(conversation) && !doc["entries"].get_array().get(entries);
    std::string listed;
    if (!std::getline(hashes_, listed) || listed.size() < 66 || listed.compare(0, 64, vault::Sha256Hex(line_)) != 0) {
      return Bad(fmt::format("{}its SHA-256 differs from documents.sha256",
                             parsed ? fmt::format("({}) ", bates) : std::string()));
    }
    if (!parsed) return Bad("not a production document");
    const bool several = entries.size() > 1;
    for (dom::element e : entries) {
      JsonWriter w(&out_);
      int64_t turn = 0;
      if (e["turn"].get_int64().get(turn)) return Bad("an entry has no turn");
      auto copy = [&](std::string_view from, std::string_view to) {
        w.Key(to);
        dom::element v;
        if (e[from].get(v) || v.is_null()) {
          w.Null();
        } else {
          w.Raw(simdjson::minify(v));
        }
      };
      auto text = [&](std::string_view key) {
        std::string_view s;
        w.Key(key);
        w.String(e[key].get_string().get(s) == simdjson::SUCCESS ? s : std::string_view());
      };
      w.BeginObject();
      w.Key("entry_id");
      w.String(several ? fmt::format("{}.{}", bates, turn) : std::string(bates));
      w.Key("conversation_id"); w.String(conversation);
      w.Key("turn"); w.Int(turn);
      w.Key("user_id");
      dom::element user;
      if (doc["user"].get(user) || user.is_null()) w.Null(); else w.Raw(simdjson::minify(user));
      copy("time", "time");
      copy("model", "model");
      text("prompt");
      text("output");
      w.Key("tools");
      dom::array tools;
      if (e["tools"].get_array().get(tools)) w.Raw("[]"); else w.Raw(simdjson::minify(tools));
      bool alternate = false;
      if (e["alternate"].get_bool().get(alternate) != simdjson::SUCCESS) alternate = false;
      w.Key("alternate"); w.Bool(alternate);
      // The conversation's title and system text, at the levels that
      // produce them: the system text back where a canonical entry holds
      // it; the title, which the document gives once on its first entry,
      // at the top, where it is searched whatever the entry's turn
      // (search/search_doc.h).
      std::string_view s;
      if (e["title"].get_string().get(s) == simdjson::SUCCESS) { w.Key("title"); w.String(s); }
      w.Key("meta");
      w.BeginObject();
      if (e["system"].get_string().get(s) == simdjson::SUCCESS) { w.Key("system"); w.String(s); }
      w.EndObject();
      w.EndObject();
      out_.push_back('\n');
    }
    return true;
  }

  std::string name_;
  std::unique_ptr<AgeLineReader> docs_;
  std::ifstream hashes_;
  dom::parser parser_;
  std::string line_, out_;
  size_t pos_ = 0;
  uint64_t line_no_ = 0, read_ = 0;
};

}  // namespace
}  // namespace produce

StatusOr<std::unique_ptr<ByteSource>> OpenProductionEntries(const std::string& dir,
                                                            std::span<const age::Identity* const> identities) {
  using namespace produce;
  if (!IsProductionDir(dir)) return Status::NotFound(dir + ": not a production folder (no winnow manifest.json)");
  if (identities.empty()) {
    return Status::InvalidArgument(dir + ": a production is encrypted: give --identity with the recipient's key");
  }
  WINNOW_ASSIGN_OR_RETURN(auto docs, AgeLineReader::Open(dir + "/" + kDocumentsFile, identities, false));
  const std::string hashes = dir + "/" + kDocumentHashes;
  if (access(hashes.c_str(), R_OK) != 0) return Status::NotFound(hashes + ": missing");
  return std::unique_ptr<ByteSource>(new ProductionSource(dir, std::move(docs), hashes));
}

}  // namespace winnow
