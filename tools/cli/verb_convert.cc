// `winnow convert FILE... [--format F] > entries.jsonl`
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "progress.h"
#include "util/json_writer.h"
#include "verbs.h"
#include "winnow/convert.h"
#include "winnow/output_file.h"

namespace winnow::cli {
namespace {

struct ConvertArgs {
  std::vector<std::string> inputs;
  std::string format = "auto";
  std::string output = "-";
  std::string quarantine = "winnow-quarantine.jsonl";
  size_t max_record_mb = 1024;
  bool allow_duplicate_ids = false;
  bool strict = false;
  bool json = false;
};

void PrintSummary(const ConvertReport& r, bool json) {
  if (json) {
    std::string out;
    JsonWriter w(&out);
    w.BeginObject();
    w.Key("files");
    w.BeginArray();
    for (const FileReport& f : r.files) {
      w.BeginObject();
      w.Key("path"); w.String(f.path);
      w.Key("format"); w.String(f.format);
      w.Key("compression"); w.String(f.compression);
      w.Key("records"); w.Uint(f.records);
      w.Key("converted"); w.Uint(f.converted);
      w.Key("quarantined"); w.Uint(f.quarantined);
      w.Key("entries"); w.Uint(f.entries);
      w.Key("alternates"); w.Uint(f.alternates);
      w.Key("bytes"); w.Uint(f.bytes);
      w.Key("error"); if (f.status.ok()) w.Null(); else w.String(f.status.ToString());
      w.EndObject();
    }
    w.EndArray();
    w.Key("records"); w.Uint(r.records);
    w.Key("converted"); w.Uint(r.converted);
    w.Key("quarantined"); w.Uint(r.quarantined);
    w.Key("entries"); w.Uint(r.entries);
    w.Key("quarantine_file"); if (r.quarantine_path.empty()) w.Null(); else w.String(r.quarantine_path);
    w.EndObject();
    fmt::print(stderr, "{}\n", out);
    return;
  }
  for (const FileReport& f : r.files) {
    if (!f.status.ok()) {
      fmt::print(stderr, "winnow convert: {}\n", f.status.ToString());
      if (f.records == 0) continue;
    }
    fmt::print(stderr, "{}: {} ({}{}): {} records read = {} converted + {} quarantined; {} entries written{}\n",
               f.path, f.format, f.compression == "none" ? "" : f.compression + ", ",
               fmt::format("{:.1f} MB", f.bytes / 1e6), f.records, f.converted, f.quarantined, f.entries,
               f.alternates ? fmt::format(" ({} from alternate branches)", f.alternates) : "");
  }
  if (r.files.size() > 1) {
    fmt::print(stderr, "total: {} records read = {} converted + {} quarantined; {} entries written\n", r.records,
               r.converted, r.quarantined, r.entries);
  }
  if (!r.quarantine_path.empty()) {
    fmt::print(stderr, "quarantined records are in {} (with file, line, byte offset, reason and raw bytes)\n",
               r.quarantine_path);
  }
}

int RunConvert(const ConvertArgs& args) {
  auto format = ParseChatFormat(args.format);
  if (!format.ok()) {
    fmt::print(stderr, "winnow convert: --format: {}\n", format.status().message());
    return kExitUsage;
  }
  ConvertOptions options;
  options.reader.format = *format;
  options.reader.max_record_bytes = args.max_record_mb << 20;
  options.quarantine_path = args.quarantine;
  options.reject_duplicate_ids = !args.allow_duplicate_ids;

  auto out = OutputFile::Create(args.output);
  if (!out.ok()) {
    fmt::print(stderr, "winnow convert: {}\n", out.status().ToString());
    return kExitFailure;
  }
  uint64_t total = 0;
  for (const std::string& p : args.inputs) {
    std::error_code ec;
    auto size = std::filesystem::file_size(p, ec);
    if (!ec) total += size;
  }
  Progress progress("convert", total, "B");
  auto report = ConvertFiles(args.inputs, options, out->get(),
                             [&](uint64_t done) { progress.Update(done); });
  progress.Finish();
  if (!report.ok()) {
    fmt::print(stderr, "winnow convert: {}\n", report.status().ToString());
    return kExitFailure;
  }
  Status closed = (*out)->Close();
  if (!closed.ok()) {
    fmt::print(stderr, "winnow convert: {}\n", closed.ToString());
    return kExitFailure;
  }
  PrintSummary(*report, args.json);
  if (!report->all_files_ok()) return kExitFailure;
  if (args.strict && report->quarantined > 0) return kExitStrict;
  return kExitOk;
}

}  // namespace

void RegisterConvert(CLI::App& app, VerbMain* run) {
  auto args = std::make_shared<ConvertArgs>();
  CLI::App* cmd = app.add_subcommand(
      "convert",
      "Read chat logs (ChatGPT export, OpenAI messages, ShareGPT, WildChat/LMSYS, instructions; plain, gzip "
      "or zstd) and write canonical entries as JSON lines. Bad records go to a quarantine file; counts "
      "reconcile per file.");
  cmd->add_option("files", args->inputs, "input files ('-' for standard input)")->required();
  cmd->add_option("--format,-f", args->format,
                  "auto, chatgpt, openai, sharegpt, wildchat (lmsys) or instructions")
      ->capture_default_str();
  cmd->add_option("--output,-o", args->output, "where entries go ('-' for standard output)")
      ->capture_default_str();
  cmd->add_option("--quarantine", args->quarantine, "file for bad records (created only if needed)")
      ->capture_default_str();
  cmd->add_option("--max-record-mb", args->max_record_mb, "records larger than this are quarantined")
      ->capture_default_str();
  cmd->add_flag("--allow-duplicate-ids", args->allow_duplicate_ids,
                "keep conversations whose id was already seen (default: quarantine them)");
  cmd->add_flag("--strict", args->strict, "exit with status 3 if any record was quarantined");
  cmd->add_flag("--json", args->json, "print the summary as JSON on standard error");
  cmd->final_callback([args, run] { *run = [args] { return RunConvert(*args); }; });
}

}  // namespace winnow::cli
