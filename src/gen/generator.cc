// Generate(): the driver of `winnow gen`. Writes works.jsonl, then the
// conversations with their truth lines, then gen.json.
#include <filesystem>
#include <system_error>

#include "gen/builder.h"
#include "gen/corrupt.h"
#include "gen/lexicon.h"
#include "gen/out_file.h"
#include "gen/text_util.h"
#include "gen/truth.h"
#include "gen/works.h"
#include "gen/writers.h"
#include "util/json_writer.h"
#include "winnow/gen.h"

namespace winnow {

using gen::Fault;

const char* GenFormatName(GenFormat format) {
  switch (format) {
    case GenFormat::kChatGpt: return "chatgpt";
    case GenFormat::kOpenAi: return "openai";
    case GenFormat::kShareGpt: return "sharegpt";
    case GenFormat::kWildChat: return "wildchat";
  }
  return "?";
}

StatusOr<GenFormat> ParseGenFormat(std::string_view name) {
  for (GenFormat f : {GenFormat::kChatGpt, GenFormat::kOpenAi, GenFormat::kShareGpt, GenFormat::kWildChat}) {
    if (name == GenFormatName(f)) return f;
  }
  return Status::InvalidArgument("unknown format '" + std::string(name) +
                                 "' (expected chatgpt, openai, sharegpt or wildchat)");
}

namespace {

bool JsonLines(GenFormat f) { return f == GenFormat::kOpenAi || f == GenFormat::kWildChat; }

const char* ConversationsFile(GenFormat f) { return JsonLines(f) ? "conversations.jsonl" : "conversations.json"; }

Status CheckOptions(const GenOptions& o) {
  if (o.out_dir.empty()) return Status::InvalidArgument("--out: an output directory is required");
  if (o.conversations > (uint64_t{1} << 40)) return Status::InvalidArgument("--conversations: too many");
  if (o.works >= (uint64_t{1} << 32)) return Status::InvalidArgument("--works: at most 2^32 - 1");
  struct Rate { const char* name; double v; };
  for (Rate r : {Rate{"--corrupt", o.corrupt_rate}, Rate{"--copy-rate", o.copy_rate},
                 Rate{"--negative-rate", o.negative_rate}, Rate{"--publisher-rate", o.publisher_rate},
                 Rate{"--paywall-rate", o.paywall_rate}, Rate{"--pii-rate", o.pii_rate},
                 Rate{"--browse-rate", o.browse_rate}, Rate{"--branch-rate", o.branch_rate},
                 Rate{"--non-english-rate", o.non_english_rate}}) {
    if (!(r.v >= 0 && r.v <= 1)) return Status::InvalidArgument(std::string(r.name) + ": must be in [0, 1]");
  }
  for (double e : o.edit_rates) {
    if (!(e >= 0 && e <= 0.5)) return Status::InvalidArgument("--edit-rates: each must be in [0, 0.5]");
  }
  bool needs_works = o.copy_rate > 0 || o.negative_rate > 0 || o.publisher_rate > 0 || o.paywall_rate > 0;
  if (needs_works && o.works == 0) {
    return Status::InvalidArgument("--works 0 needs --copy-rate, --negative-rate, --publisher-rate and --paywall-rate 0");
  }
  return Status::Ok();
}

void AppendGenJson(const GenOptions& o, const GenStats& s, std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("generator"); w.String("winnow gen");
  w.Key("version"); w.Int(1);
  w.Key("seed"); w.Uint(o.seed);
  w.Key("format"); w.String(GenFormatName(o.format));
  w.Key("conversations"); w.Uint(o.conversations);
  w.Key("works"); w.Uint(o.works);
  w.Key("rates");
  w.BeginObject();
  w.Key("corrupt"); w.Double(o.corrupt_rate);
  w.Key("copy"); w.Double(o.copy_rate);
  w.Key("negative"); w.Double(o.negative_rate);
  w.Key("publisher"); w.Double(o.publisher_rate);
  w.Key("paywall"); w.Double(o.paywall_rate);
  w.Key("pii"); w.Double(o.pii_rate);
  w.Key("browse"); w.Double(o.browse_rate);
  w.Key("branch"); w.Double(o.branch_rate);
  w.Key("non_english"); w.Double(o.non_english_rate);
  w.EndObject();
  w.Key("edit_rates");
  w.BeginArray();
  for (double e : o.edit_rates) w.Double(e);
  w.EndArray();
  w.Key("files");
  w.BeginObject();
  w.Key("conversations"); w.String(ConversationsFile(o.format));
  w.Key("works"); w.String("works.jsonl");
  w.Key("truth"); w.String("truth.jsonl");
  w.EndObject();
  w.Key("counts");
  w.BeginObject();
  w.Key("records"); w.Uint(s.records);
  w.Key("corrupt"); w.Uint(s.corrupt);
  w.Key("entries"); w.Uint(s.entries);
  w.Key("alternates"); w.Uint(s.alternates);
  w.Key("works"); w.Uint(s.works);
  w.Key("truth");
  w.BeginObject();
  for (const auto& [kind, n] : s.truth) { w.Key(kind); w.Uint(n); }
  w.EndObject();
  w.EndObject();
  w.Key("publishers");
  w.BeginArray();
  for (const gen::Publisher& p : gen::kPublishers) {
    w.BeginObject();
    w.Key("name"); w.String(p.name);
    w.Key("domain"); w.String(p.domain);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out->push_back('\n');
}

}  // namespace

StatusOr<GenStats> Generate(const GenOptions& o, const GenProgress& progress) {
  WINNOW_RETURN_IF_ERROR(CheckOptions(o));
  std::error_code ec;
  std::filesystem::create_directories(o.out_dir, ec);
  if (ec) return Status::IoError(o.out_dir + ": " + ec.message());
  const std::string dir = o.out_dir + "/";
  const uint64_t total = o.works + o.conversations;
  GenStats stats;

  gen::WorkSet works(o.seed, o.works);
  {
    gen::OutFile f;
    WINNOW_RETURN_IF_ERROR(f.Open(dir + "works.jsonl"));
    gen::WorkProfile profile;
    std::string text;
    for (uint64_t i = 0; i < o.works; ++i) {
      works.AppendJsonLine(i, &profile, &text, f.buffer());
      WINNOW_RETURN_IF_ERROR(f.MaybeFlush());
      if (progress && (i & 255) == 0) progress(i, total);
    }
    stats.works = o.works;
    stats.bytes += f.offset();
    WINNOW_RETURN_IF_ERROR(f.Close());
  }

  gen::OutFile conv_file, truth_file;
  WINNOW_RETURN_IF_ERROR(conv_file.Open(dir + ConversationsFile(o.format)));
  WINNOW_RETURN_IF_ERROR(truth_file.Open(dir + "truth.jsonl"));
  const bool lines = JsonLines(o.format);
  gen::ConversationBuilder builder(o, &works);
  gen::GenConversation conv;
  std::string record;
  uint64_t last_good = UINT64_MAX;  // the latest record written well-formed
  bool truncated_end = false;
  if (!lines) conv_file.buffer()->append("[\n");
  for (uint64_t i = 0; i < o.conversations; ++i) {
    const bool last = i + 1 == o.conversations;
    Fault fault = gen::DrawFault(o.seed, i, o.corrupt_rate, lines, last);
    if (fault == Fault::kDuplicateId && last_good == UINT64_MAX) fault = Fault::kWrongType;
    builder.Build(i, fault == Fault::kNone, &conv);
    if (fault == Fault::kDuplicateId) conv.id = builder.ConversationId(last_good);
    gen::Rng node_rng(gen::StreamSeed(o.seed, gen::kStreamNodes, i));
    record.clear();
    gen::AppendRecord(o.format, conv, gen::MutationFor(fault), &node_rng, &record);
    gen::ApplyFault(fault, &node_rng, &record);

    std::string* out = conv_file.buffer();
    if (!lines && i > 0) out->append(",\n");
    const uint64_t offset = conv_file.offset();
    const uint64_t line = lines ? i + 1 : i + 2;
    out->append(record);
    if (lines) out->push_back('\n');
    WINNOW_RETURN_IF_ERROR(conv_file.MaybeFlush());

    ++stats.records;
    if (fault == Fault::kNone) {
      last_good = i;
      stats.entries += conv.entry_count;
      if (o.format == GenFormat::kChatGpt) stats.alternates += gen::AlternateEntries(conv);
      gen::AppendConversationTruth(conv, truth_file.buffer(), &stats.truth);
    } else {
      ++stats.corrupt;
      std::string dup;
      if (fault == Fault::kDuplicateId) gen::AppendUint(last_good, &dup);
      gen::AppendCorruptTruth(i, line, offset, conv.id, gen::FaultName(fault), dup, truth_file.buffer(),
                              &stats.truth);
      truncated_end = fault == Fault::kTruncated && !lines;
    }
    WINNOW_RETURN_IF_ERROR(truth_file.MaybeFlush());
    if (progress && (i & 1023) == 0) progress(o.works + i, total);
  }
  if (!lines && !truncated_end) conv_file.buffer()->append(o.conversations > 0 ? "\n]\n" : "]\n");
  stats.bytes += conv_file.offset() + truth_file.offset();
  WINNOW_RETURN_IF_ERROR(conv_file.Close());
  WINNOW_RETURN_IF_ERROR(truth_file.Close());

  gen::OutFile meta;
  WINNOW_RETURN_IF_ERROR(meta.Open(dir + "gen.json"));
  AppendGenJson(o, stats, meta.buffer());
  stats.bytes += meta.offset();
  WINNOW_RETURN_IF_ERROR(meta.Close());
  if (progress) progress(total, total);
  return stats;
}

}  // namespace winnow
