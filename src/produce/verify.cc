// VerifyProduction: what the recipient (or the court) runs on a production
// folder before relying on it.
#include <dirent.h>
#include <simdjson.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "produce/age_lines.h"
#include "produce/dat_file.h"
#include "produce/documents.h"
#include "produce/layout.h"
#include "produce/signing.h"
#include "vault/file_util.h"
#include "winnow/produce.h"

namespace winnow {
namespace produce {
namespace {

namespace dom = simdjson::dom;

struct ManifestFile {
  std::string name, stored_as, sha256;
  bool encrypted = false;
  uint64_t bytes = 0, records = 0;
};

struct Manifest {
  std::string production, prefix, first, last;
  int digits = 0;
  uint64_t count = 0, first_number = 0, last_number = 0, entries = 0;
  bool has_previous = false;
  std::string previous_id;
  uint64_t previous_last = 0;
  std::vector<ManifestFile> files;
};

class Checker {
 public:
  explicit Checker(std::string dir) : dir_(std::move(dir)) {
    std::string d = dir_;
    while (d.size() > 1 && d.back() == '/') d.pop_back();
    const size_t slash = d.rfind('/');
    name_ = slash == std::string::npos ? d : d.substr(slash + 1);
    parent_ = slash == std::string::npos ? "." : d.substr(0, slash);
  }
  Status Bad(std::string_view file, std::string_view what) const {
    return Status::Corruption(name_ + "/" + std::string(file) + ": " + std::string(what));
  }
  std::string Path(std::string_view file) const { return dir_ + "/" + std::string(file); }
  const std::string& parent() const { return parent_; }

 private:
  std::string dir_, name_, parent_;
};

StatusOr<Manifest> ParseManifest(const Checker& c, const std::string& text) {
  dom::parser parser;
  dom::object root;
  auto bad = [&](std::string_view what) { return c.Bad(kManifest, what); };
  if (parser.parse(text).get_object().get(root)) return bad("not a JSON object");
  std::string_view sv;
  if (root["format"].get_string().get(sv) || sv != "winnow-production") return bad("format: not a winnow production");
  Manifest m;
  if (root["production"].get_string().get(sv)) return bad("production: expected a string");
  m.production.assign(sv);
  dom::object bates;
  int64_t digits = 0;
  if (root["bates"].get_object().get(bates) || bates["prefix"].get_string().get(sv)) return bad("bates.prefix: missing");
  m.prefix.assign(sv);
  if (bates["digits"].get_int64().get(digits)) return bad("bates.digits: missing");
  m.digits = static_cast<int>(digits);
  if (bates["count"].get_uint64().get(m.count) || bates["first_number"].get_uint64().get(m.first_number) ||
      bates["last_number"].get_uint64().get(m.last_number)) {
    return bad("bates: count, first_number and last_number must be numbers");
  }
  if (bates["first"].get_string().get(sv)) return bad("bates.first: missing");
  m.first.assign(sv);
  if (bates["last"].get_string().get(sv)) return bad("bates.last: missing");
  m.last.assign(sv);
  dom::element previous;
  if (root["previous"].get(previous)) return bad("previous: missing");
  if (!previous.is_null()) {
    m.has_previous = true;
    if (previous["production"].get_string().get(sv) || previous["last_number"].get_uint64().get(m.previous_last)) {
      return bad("previous: expected production and last_number");
    }
    m.previous_id.assign(sv);
  }
  if (root["stats"]["entries"].get_uint64().get(m.entries)) return bad("stats.entries: missing");
  dom::array files;
  if (root["files"].get_array().get(files)) return bad("files: expected an array");
  for (dom::element f : files) {
    ManifestFile mf;
    if (f["name"].get_string().get(sv)) return bad("files[].name: missing");
    mf.name.assign(sv);
    if (f["stored_as"].get_string().get(sv)) return bad("files[].stored_as: missing");
    mf.stored_as.assign(sv);
    if (f["sha256"].get_string().get(sv)) return bad("files[].sha256: missing");
    mf.sha256.assign(sv);
    if (f["encrypted"].get_bool().get(mf.encrypted) || f["bytes"].get_uint64().get(mf.bytes) ||
        f["records"].get_uint64().get(mf.records)) {
      return bad("files[" + mf.stored_as + "]: encrypted, bytes and records must be given");
    }
    if (mf.stored_as.empty() || mf.stored_as.find('/') != std::string::npos || mf.stored_as[0] == '.') {
      return bad("files[]: bad file name");
    }
    m.files.push_back(std::move(mf));
  }
  return m;
}

const ManifestFile* FindFile(const Manifest& m, std::string_view stored_as) {
  for (const ManifestFile& f : m.files) {
    if (f.stored_as == stored_as) return &f;
  }
  return nullptr;
}

// documents.sha256, line by line: "<sha256>  <bates>".
class HashList {
 public:
  explicit HashList(const std::string& path) : in_(path) {}
  bool open() const { return in_.is_open(); }
  // False at the end; a malformed line is an error.
  StatusOr<bool> Next(const Checker& c, std::string* sha, std::string* bates) {
    std::string line;
    if (!std::getline(in_, line)) return false;
    ++line_;
    if (line.size() < 67 || line[64] != ' ' || line[65] != ' ' ||
        !std::all_of(line.begin(), line.begin() + 64, [](char ch) {
          return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
        })) {
      return c.Bad(kDocumentHashes, fmt::format("line {}: expected \"<sha256>  <Bates number>\"", line_));
    }
    sha->assign(line, 0, 64);
    bates->assign(line, 66);
    return true;
  }
  uint64_t line() const { return line_; }

 private:
  std::ifstream in_;
  uint64_t line_ = 0;
};

// The highest last Bates number among the productions before `id` beside
// it, and whether any was found.
std::pair<bool, uint64_t> PreviousLast(const std::string& parent, const std::string& id) {
  if (!IsProductionId(id)) return {false, 0};
  std::vector<std::string> ids;
  if (DIR* d = opendir(parent.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string name = e->d_name;
      if (IsProductionId(name) && ProductionNumber(name) < ProductionNumber(id)) ids.push_back(name);
    }
    closedir(d);
  }
  bool found = false;
  uint64_t last = 0;
  for (const std::string& p : ids) {
    auto text = vault::ReadWholeFile(parent + "/" + p + "/" + kManifest);
    if (!text.ok()) continue;
    dom::parser parser;
    uint64_t n = 0;
    if (parser.parse(*text)["bates"]["last_number"].get_uint64().get(n)) continue;
    found = true;
    last = std::max(last, n);
  }
  return {found, last};
}

}  // namespace
}  // namespace produce

bool IsProductionDir(const std::string& dir) {
  auto text = vault::ReadWholeFile(dir + "/" + produce::kManifest);
  if (!text.ok()) return false;
  simdjson::dom::parser parser;
  std::string_view format;
  return !parser.parse(*text)["format"].get_string().get(format) && format == "winnow-production";
}

StatusOr<VerifyProductionReport> VerifyProduction(const std::string& dir, const std::string& signer,
                                                  std::span<const age::Identity* const> identities) {
  using namespace produce;
  namespace dom = simdjson::dom;
  Checker c(dir);
  VerifyProductionReport report;
  WINNOW_ASSIGN_OR_RETURN(std::string public_key, LoadPublicKey(signer));

  // 1. The signature over signature.json.
  WINNOW_ASSIGN_OR_RETURN(std::string sig_text, vault::ReadWholeFile(c.Path(kSignature)));
  const size_t cut = sig_text.rfind(",\"signature\":");
  if (cut == std::string::npos) return c.Bad(kSignature, "no signature member");
  dom::parser parser;
  dom::object sig;
  if (parser.parse(sig_text).get_object().get(sig)) return c.Bad(kSignature, "not a JSON object");
  std::string_view sv, signature;
  if (sig["signer"].get_string().get(sv)) return c.Bad(kSignature, "signer: missing");
  report.signer.assign(sv);
  if (report.signer != public_key) {
    return c.Bad(kSignature, "signed by " + report.signer + ", not by the expected signer " + public_key);
  }
  if (sig["signature"].get_string().get(signature)) return c.Bad(kSignature, "signature: missing");
  Status verified = VerifySignature(public_key, std::string(kSignatureDomain) + sig_text.substr(0, cut), signature);
  if (!verified.ok()) {
    return c.Bad(kSignature, verified.code() == StatusCode::kCorruption
                                 ? "the signature does not verify (the file was changed after signing)"
                                 : "the signature is malformed: " + verified.message());
  }
  if (sig["signed_at"].get_string().get(sv) == simdjson::SUCCESS) report.signed_at.assign(sv);

  // 2. The manifest and the age files against the signature.
  WINNOW_ASSIGN_OR_RETURN(std::string manifest_text, vault::ReadWholeFile(c.Path(kManifest)));
  if (sig["manifest"]["sha256"].get_string().get(sv)) return c.Bad(kSignature, "manifest.sha256: missing");
  if (vault::Sha256Hex(manifest_text) != sv) {
    return c.Bad(kManifest, "SHA-256 differs from the signed one (the manifest was changed)");
  }
  WINNOW_ASSIGN_OR_RETURN(Manifest m, ParseManifest(c, manifest_text));
  report.production_id = m.production;
  report.first_bates = m.first;
  report.last_bates = m.last;
  std::set<std::string> signed_age;
  Status first_changed;  // an age file whose bytes differ from the signed hash
  dom::array encrypted;
  if (sig["encrypted_files"].get_array().get(encrypted)) return c.Bad(kSignature, "encrypted_files: missing");
  for (dom::element e : encrypted) {
    std::string_view file, sha;
    if (e["file"].get_string().get(file) || e["sha256"].get_string().get(sha)) {
      return c.Bad(kSignature, "encrypted_files[]: expected file and sha256");
    }
    const ManifestFile* mf = FindFile(m, file);
    if (mf == nullptr || !mf->encrypted) return c.Bad(kSignature, std::string(file) + ": not an encrypted file of the manifest");
    uint64_t size = 0;
    auto actual = vault::Sha256File(c.Path(file), &size);
    if (!actual.ok()) return c.Bad(file, "cannot be read: " + actual.status().message());
    if (*actual != sha) {
      // With a key, the decrypted checks below name the changed document;
      // the file fails either way.
      Status changed = c.Bad(file, "SHA-256 differs from the signed one (the file was changed)");
      if (identities.empty()) return changed;
      if (first_changed.ok()) first_changed = changed;
    }
    signed_age.emplace(file);
  }
  // 3. Every file listed, nothing else in the folder; plain files' hashes.
  for (const ManifestFile& f : m.files) {
    if (f.encrypted) {
      if (!signed_age.count(f.stored_as)) return c.Bad(kSignature, f.stored_as + ": not signed");
      continue;
    }
    uint64_t size = 0;
    auto actual = vault::Sha256File(c.Path(f.stored_as), &size);
    if (!actual.ok()) return c.Bad(f.stored_as, "cannot be read: " + actual.status().message());
    if (*actual != f.sha256 || size != f.bytes) return c.Bad(f.stored_as, "SHA-256 differs from the manifest (the file was changed)");
  }
  if (DIR* d = opendir(dir.c_str())) {
    std::vector<std::string> extra;
    while (dirent* e = readdir(d)) {
      const std::string name = e->d_name;
      if (name == "." || name == ".." || name == kManifest || name == kSignature || FindFile(m, name)) continue;
      extra.push_back(name);
    }
    closedir(d);
    if (!extra.empty()) return c.Bad(extra.front(), "not part of the production (not in the manifest)");
  }
  report.files = m.files.size() + 2;
  // A changed age file, its document named when the decrypted checks find
  // it (they run only with a key, and the file fails either way).
  auto changed = [&](const Status& found) {
    if (first_changed.ok()) return found;
    return Status::Corruption(first_changed.message() + "; decrypted: " + found.message());
  };

  // 4. Bates numbers: continuous within the production and after the
  // previous one.
  if (m.count != 0 && m.last_number != m.first_number + m.count - 1) {
    return c.Bad(kManifest, "bates: first_number, last_number and count disagree");
  }
  const uint64_t expected_first = m.has_previous ? m.previous_last + 1 : 1;
  if (m.first_number != expected_first) {
    return c.Bad(kManifest, fmt::format("bates: numbering starts at {}, but the previous production ends at {}",
                                        m.first_number, expected_first - 1));
  }
  if (auto [found, last] = PreviousLast(c.parent(), m.production); found) {
    if (!m.has_previous || last != m.previous_last) {
      return c.Bad(kManifest, fmt::format("bates: the matter's earlier productions end at {}, the manifest says {}",
                                          last, m.has_previous ? std::to_string(m.previous_last) : "none"));
    }
    report.continuity_checked = true;
  }
  HashList hashes(c.Path(kDocumentHashes));
  if (!hashes.open()) return c.Bad(kDocumentHashes, "cannot be read");
  std::string sha, bates;
  uint64_t n = 0;
  for (;;) {
    WINNOW_ASSIGN_OR_RETURN(bool more, hashes.Next(c, &sha, &bates));
    if (!more) break;
    const std::string want = BatesNumber(m.prefix, m.first_number + n, m.digits);
    if (bates != want) {
      return c.Bad(kDocumentHashes, fmt::format("line {}: document {} where {} was expected (numbers must be "
                                                "continuous)", hashes.line(), bates, want));
    }
    ++n;
  }
  if (n != m.count) return c.Bad(kDocumentHashes, fmt::format("{} documents, the manifest counts {}", n, m.count));
  report.documents = n;
  if (identities.empty()) return report;

  // 5. With a key: every age file's plaintext, every document, the load file.
  for (const ManifestFile& f : m.files) {
    if (!f.encrypted) continue;
    const bool documents = f.stored_as == kDocumentsFile, load_file = f.stored_as == kLoadFile;
    WINNOW_ASSIGN_OR_RETURN(auto reader, AgeLineReader::Open(c.Path(f.stored_as), identities, load_file));
    HashList list(c.Path(kDocumentHashes));
    std::string line, header;
    bool complete = true;
    uint64_t records = 0, entries = 0;
    const std::vector<std::string> fields = LoadFileFields();
    for (;;) {
      WINNOW_ASSIGN_OR_RETURN(bool more, reader->Next(&line, &complete));
      if (!more) break;
      if (!complete) return changed(c.Bad(f.stored_as, fmt::format("line {}: cut short (no line end)", records + 1)));
      if (load_file && header.empty()) {
        header = line + "\r\n";
        auto table = ParseDat(header, f.stored_as);
        if (!table.ok()) return table.status().Prefixed(c.Path(f.stored_as));
        if (table->fields != fields) return changed(c.Bad(f.stored_as, "the header does not name the load file's fields"));
        continue;
      }
      ++records;
      if (!documents && !load_file) continue;
      WINNOW_ASSIGN_OR_RETURN(bool listed, list.Next(c, &sha, &bates));
      if (!listed) return changed(c.Bad(f.stored_as, fmt::format("record {}: more documents than documents.sha256 lists", records)));
      if (documents) {
        if (vault::Sha256Hex(line) != sha) {
          return changed(c.Bad(f.stored_as, fmt::format("document {} (line {}): SHA-256 differs from documents.sha256", bates,
                                                records)));
        }
        dom::object doc;
        std::string_view b;
        dom::array list_entries;
        if (parser.parse(line).get_object().get(doc) || doc["bates"].get_string().get(b) || b != bates ||
            doc["entries"].get_array().get(list_entries)) {
          return changed(c.Bad(f.stored_as, fmt::format("document {} (line {}): not the document numbered {}", bates,
                                                records, bates)));
        }
        entries += list_entries.size();
      } else {
        auto table = ParseDat(header + line + "\r\n", f.stored_as);
        if (!table.ok()) return changed(c.Bad(f.stored_as, fmt::format("record {}: {}", records, table.status().message())));
        const std::vector<std::string>& row = table->rows.at(0);
        if (row[0] != bates || row[1] != bates || row[13] != sha) {
          return changed(c.Bad(f.stored_as, fmt::format("record {} ({}): does not match document {} of documents.sha256",
                                                records, row[0], bates)));
        }
      }
    }
    if (reader->PlainSha256() != f.sha256) {
      return changed(c.Bad(f.stored_as, "the decrypted contents differ from the manifest's SHA-256"));
    }
    if (records != f.records) {
      return changed(c.Bad(f.stored_as, fmt::format("{} records, the manifest counts {}", records, f.records)));
    }
    if ((documents || load_file) && records != m.count) {
      return changed(c.Bad(f.stored_as, fmt::format("{} documents, the manifest counts {}", records, m.count)));
    }
    if (documents && entries != m.entries) {
      return changed(c.Bad(f.stored_as, fmt::format("{} entries, the manifest counts {}", entries, m.entries)));
    }
  }
  if (!first_changed.ok()) return first_changed;
  report.decrypted = true;
  return report;
}

}  // namespace winnow
