// `winnow corpus build INDEX WORKS...`, `winnow corpus add INDEX WORKS...`,
// `winnow corpus info INDEX`.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "progress.h"
#include "util/json_writer.h"
#include "verbs.h"
#include "winnow/corpus.h"

namespace winnow::cli {
namespace {

struct CorpusArgs {
  std::string index;
  std::vector<std::string> inputs;
  CorpusBuildOptions options;
  bool json = false;
};

uint64_t InputBytes(const std::vector<std::string>& inputs) {
  uint64_t total = 0;
  for (const std::string& p : inputs) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      for (auto it = std::filesystem::recursive_directory_iterator(p, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) total += it->file_size(ec);
      }
    } else {
      auto size = std::filesystem::file_size(p, ec);
      if (!ec) total += size;
    }
  }
  return total;
}

void PrintReport(const std::string& verb, const CorpusBuildReport& r, double seconds, bool json) {
  if (json) {
    std::string out;
    JsonWriter w(&out);
    w.BeginObject();
    w.Key("works_added"); w.Uint(r.works_added);
    w.Key("works_total"); w.Uint(r.works_total);
    w.Key("duplicate_ids"); w.Uint(r.duplicate_ids);
    w.Key("bytes_read"); w.Uint(r.bytes_read);
    w.Key("words_added"); w.Uint(r.words_added);
    w.Key("words_total"); w.Uint(r.words_total);
    w.Key("fingerprints"); w.Uint(r.fingerprints);
    w.Key("common"); w.Uint(r.common);
    w.Key("excluded"); w.Uint(r.excluded);
    w.Key("sketch_postings"); w.Uint(r.sketch_postings);
    w.Key("index_bytes"); w.Uint(r.index_bytes);
    w.Key("works_bytes"); w.Uint(r.works_bytes);
    w.Key("seconds"); w.Double(seconds);
    w.EndObject();
    fmt::print("{}\n", out);
    return;
  }
  fmt::print("{}: {} works added ({} words, {:.1f} MB of text){}; {} works, {} words in the index\n", verb,
             r.works_added, r.words_added, r.bytes_read / 1e6,
             r.duplicate_ids ? fmt::format(", {} skipped as already present", r.duplicate_ids) : "",
             r.works_total, r.words_total);
  fmt::print("fingerprints: {} postings, {} common k-grams excluded, {} marked common; index {:.1f} MB ({:.2f} bytes per word), works {:.1f} MB; "
             "{:.1f} s\n",
             r.fingerprints, r.excluded, r.common, r.index_bytes / 1e6,
             r.words_total ? static_cast<double>(r.index_bytes) / r.words_total : 0.0, r.works_bytes / 1e6, seconds);
}

int RunBuild(const CorpusArgs& args, bool add) {
  const char* verb = add ? "corpus add" : "corpus build";
  CorpusBuildOptions options = args.options;
  Progress progress(verb, InputBytes(args.inputs), "B");
  options.progress = [&](uint64_t done) { progress.Update(done); };
  auto start = std::chrono::steady_clock::now();
  auto report = add ? AddToCorpus(args.index, args.inputs, options) : BuildCorpus(args.index, args.inputs, options);
  progress.Finish();
  if (!report.ok()) {
    fmt::print(stderr, "winnow {}: {}\n", verb, report.status().ToString());
    return report.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  PrintReport(verb, *report, seconds, args.json);
  return kExitOk;
}

int RunInfo(const CorpusArgs& args) {
  auto index = CorpusIndex::Open(args.index);
  if (!index.ok()) {
    fmt::print(stderr, "winnow corpus info: {}\n", index.status().ToString());
    return kExitFailure;
  }
  const CorpusIndex& ix = **index;
  if (args.json) {
    std::string out;
    JsonWriter w(&out);
    w.BeginObject();
    w.Key("works"); w.Uint(ix.num_works());
    w.Key("words"); w.Uint(ix.num_words());
    w.Key("fingerprints"); w.Uint(ix.num_fingerprints());
    w.Key("k"); w.Int(ix.k());
    w.Key("w"); w.Int(ix.w());
    w.Key("guaranteed_words"); w.Int(ix.k() + ix.w() - 1);
    w.EndObject();
    fmt::print("{}\n", out);
  } else {
    fmt::print("{}: {} works, {} words, {} fingerprint postings; k = {} words, window w = {} (every shared run of "
               "{} words is seen)\n",
               args.index, ix.num_works(), ix.num_words(), ix.num_fingerprints(), ix.k(), ix.w(), ix.k() + ix.w() - 1);
  }
  return kExitOk;
}

void AddBuildOptions(CLI::App* cmd, CorpusArgs* a, bool add) {
  cmd->add_option("index", a->index, "index directory")->required();
  cmd->add_option("works", a->inputs, "JSON-lines files of works (id, title, text, url, date, publisher) or "
                                       "directories of .txt files")
      ->required();
  if (!add) {
    cmd->add_option("--k", a->options.k, "words per hashed k-gram")->capture_default_str();
    cmd->add_option("--w", a->options.w, "winnowing window in k-grams (guaranteed run = k + w - 1 words)")
        ->capture_default_str();
    cmd->add_option("--common-works", a->options.common_works,
                    "fingerprints held by this many works or more never seed a match")
        ->capture_default_str();
  }
  cmd->add_option("--memory-mb", a->options.memory_mb, "fingerprint buffer before spilling to disk")
      ->capture_default_str();
  cmd->add_option("--threads", a->options.threads, "worker threads (0: one per core)")->capture_default_str();
  cmd->add_flag("--json", a->json, "print the summary as JSON");
}

}  // namespace

void RegisterCorpus(CLI::App& app, VerbMain* run) {
  CLI::App* corpus = app.add_subcommand("corpus", "Build and inspect the reference corpus index (works such as "
                                                  "news articles) that `winnow match` compares entries with.");
  corpus->require_subcommand(1);
  auto build = std::make_shared<CorpusArgs>();
  CLI::App* b = corpus->add_subcommand("build", "Build a new index from works.");
  AddBuildOptions(b, build.get(), false);
  b->final_callback([build, run] { *run = [build] { return RunBuild(*build, false); }; });
  auto add = std::make_shared<CorpusArgs>();
  CLI::App* a = corpus->add_subcommand("add", "Add works to an index (works whose id is present are skipped).");
  AddBuildOptions(a, add.get(), true);
  a->final_callback([add, run] { *run = [add] { return RunBuild(*add, true); }; });
  auto info = std::make_shared<CorpusArgs>();
  CLI::App* i = corpus->add_subcommand("info", "Show the size and parameters of an index.");
  i->add_option("index", info->index, "index directory")->required();
  i->add_flag("--json", info->json, "print as JSON");
  i->final_callback([info, run] { *run = [info] { return RunInfo(*info); }; });
}

}  // namespace winnow::cli
