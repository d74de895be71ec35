// A production's cover report, and its figures as JSON for the manifest.
//
// The cover report is what the recipient and the court read first: which
// production of which matter, at which level of disclosure, selected by
// which scan and policy (or every entry, with --all), its Bates range, its
// counts and tables by rule, month, model, withheld reason and redaction
// type, and how to verify it. It is rendered from ProductionStats alone,
// which holds no chat text, so the report holds none either and is written
// unencrypted beside the production's age files.
//
// Every renderer is deterministic (the same stats give the same bytes: no
// clock, no random ids) and a pure function: thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "produce/production_stats.h"
#include "util/json_writer.h"
#include "winnow/status.h"

namespace winnow::produce {

// One sentence saying what `level` ("metadata", "span", "entry",
// "context:N", "conversation") puts in a document and what it leaves out;
// `all` is ProductionStats::all (every entry rather than the relevant ones).
// An unknown level gets a sentence saying so.
std::string DescribeLevel(std::string_view level, bool all);

// A self-contained HTML page: a summary table (production, matter, level
// with DescribeLevel's sentence, selection, Bates range, counts, version),
// tables of documents by rule, by month and by model, of withheld entries by
// reason and of redactions by type, definitions, and a note on encryption
// and on checking the signed manifest with `winnow verify`. Inline CSS; no
// script, link or external resource. Every string from the stats is
// HTML-escaped (C0 controls other than tab and newline are dropped).
std::string RenderCoverHtml(const ProductionStats& stats);

// The same figures as plain text for a terminal (`winnow produce`,
// `winnow report PROD`): a few summary lines, then one aligned table per
// non-empty map (at most 10 rows for rules, models, reasons and types, the
// largest first; every month, in order). Control characters in names are
// shown as '?'. Ends with a newline.
std::string RenderCoverText(const ProductionStats& stats);

// Writes `stats` as one JSON object at `w`'s current position (a value, or
// after a Key). Members, in this order: production_id, matter_id, level,
// all (bool), scan_id, policy_name, policy_sha256, prefix, first_bates,
// last_bates (strings), documents, entries, relevant_entries,
// conversations, withheld, redactions, text_bytes (non-negative integers),
// documents_by_rule, documents_by_month, documents_by_model,
// withheld_by_reason, redactions_by_type (objects: name -> count, keys in
// byte order), winnow_version (string). REQUIRES: strings are valid UTF-8.
void AppendStatsJson(const ProductionStats& stats, JsonWriter* w);

// Reads AppendStatsJson's object back (the object alone, not the manifest
// around it). Unknown members are ignored. On failure: InvalidArgument
// naming the member that is missing or of the wrong type (a map member as
// "documents_by_rule.NAME"), a map key given twice, or "not valid JSON".
StatusOr<ProductionStats> ParseStatsJson(std::string_view json);

}  // namespace winnow::produce
