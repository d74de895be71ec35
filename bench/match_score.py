#!/usr/bin/python3
"""Score a `winnow match` output against the copy ground truth.

Usage: bench/match_score.py TRUTH ENTRIES MATCHES [--json]

TRUTH    truth.jsonl of `winnow gen` or bench/plant_news.py (lines of kind
         `copy` and `negative` are used, the others are ignored).
ENTRIES  the lines that were fed to `winnow match`: canonical entries
         (`entry_id`, `prompt`, `output`, `tools`) or `{"id","text"}` lines.
MATCHES  the output of `winnow match`: one `{"id","matches":[...]}` per line.

A truth copy is *found* when a match of kind `copy` in the same entry, field
(and tool_index) overlaps its span and names the truth work or one of its
`also_in` works. Prints Markdown tables (or one JSON object with --json).
Exit status 0; 2 on bad input, with file:line in the message.
"""

import argparse
import json
import statistics
import sys
from collections import Counter, defaultdict

VERBATIM_MIN_WORDS = 40
EDITED_MIN_WORDS = 60
SPAN_TOLERANCE_WORDS = 3
LENGTH_BUCKETS = [(10, 39), (40, 59), (60, 199), (200, 999), (1000, None)]


class BadInput(Exception):
    """Raised with a 'file:line: message' text for malformed input."""


def read_json_lines(path):
    """Yield (line_number, object) for each non-blank line of a JSON-lines file."""
    try:
        handle = open(path, encoding="utf-8")
    except OSError as err:
        raise BadInput(f"{path}: {err.strerror}") from err
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as err:
                raise BadInput(f"{path}:{number}: not JSON: {err}") from err
            if not isinstance(obj, dict):
                raise BadInput(f"{path}:{number}: not a JSON object")
            yield number, obj


def require(obj, key, kind, where):
    """Return obj[key], checking that it exists and has the given type."""
    value = obj.get(key)
    if isinstance(value, bool) or not isinstance(value, kind):
        raise BadInput(f"{where}: member '{key}' missing or of the wrong type")
    return value


def field_key(entry_id, field, tool_index):
    """The key of one matched text: (entry id, field, tool index or None)."""
    return (entry_id, field, tool_index if field == "tools" else None)


def variant_families(variant):
    """Markup families of a truth variant ('plain' when none); 'words' is dropped."""
    parts = [p for p in variant.split("+") if p and p not in ("words", "verbatim")]
    return parts or ["plain"]


def realized_share_bucket(copy):
    """(rank, label) of a copy's realized share of edited words."""
    share = copy["edits"] / max(copy["words"], 1)
    for rank, (limit, label) in enumerate([(0, "0"), (0.02, "<=2%"), (0.05, "<=5%"), (0.10, "<=10%")]):
        if share <= limit:
            return rank, label
    return 4, ">10%"


def length_bucket(words):
    """(rank, label) of the length bucket that holds `words`."""
    for rank, (low, high) in enumerate(LENGTH_BUCKETS):
        if words >= low and (high is None or words <= high):
            return rank, f"{low}-{high}" if high else f"{low}+"
    return -1, f"<{LENGTH_BUCKETS[0][0]}"


def load_truth(path):
    """Read copy and negative truth lines. Returns (copies, negatives)."""
    copies, negatives = [], []
    for number, obj in read_json_lines(path):
        where = f"{path}:{number}"
        kind = obj.get("kind")
        if kind not in ("copy", "negative"):
            continue
        entry_id = require(obj, "entry_id", str, where)
        field = require(obj, "field", str, where)
        tool_index = obj.get("tool_index") if field == "tools" else None
        if field == "tools" and not isinstance(tool_index, int):
            raise BadInput(f"{where}: a tools span needs an integer tool_index")
        key = field_key(entry_id, field, tool_index)
        if kind == "negative":
            negatives.append({"key": key, "where": where})
            continue
        copy = {"key": key, "where": where,
                "start": require(obj, "start", int, where),
                "end": require(obj, "end", int, where),
                "work": require(obj, "work", str, where),
                "words": require(obj, "words", int, where),
                "edits": require(obj, "edits", int, where),
                "edit_rate": require(obj, "edit_rate", (int, float), where),
                "variant": require(obj, "variant", str, where),
                "also_in": obj.get("also_in") or []}
        if not 0 <= copy["start"] <= copy["end"]:
            raise BadInput(f"{where}: bad span [{copy['start']}, {copy['end']})")
        copies.append(copy)
    return copies, negatives


def entry_texts(obj, where):
    """(id, {(field, tool_index): text}) of one ENTRIES line, either form."""
    if "entry_id" in obj:
        entry_id = require(obj, "entry_id", str, where)
        texts = {("prompt", None): obj.get("prompt") or "",
                 ("output", None): obj.get("output") or ""}
        for index, tool in enumerate(obj.get("tools") or []):
            if isinstance(tool, dict):
                texts[("tools", index)] = tool.get("text") or ""
        return entry_id, texts
    entry_id = require(obj, "id", str, where)
    return entry_id, {("text", None): require(obj, "text", str, where)}


def load_entries(path, wanted_keys):
    """Read ENTRIES. Returns (ordered ids, texts of the wanted field keys,
    length of every field key, ids of alternate entries)."""
    ids, texts, lengths, alternates = [], {}, {}, set()
    for number, obj in read_json_lines(path):
        entry_id, fields = entry_texts(obj, f"{path}:{number}")
        ids.append(entry_id)
        if obj.get("alternate") is True:
            alternates.add(entry_id)
        for (field, tool_index), text in fields.items():
            key = (entry_id, field, tool_index)
            lengths[key] = len(text)
            if key in wanted_keys:
                texts[key] = text
    return ids, texts, lengths, alternates


def load_matches(path, known_ids, lengths):
    """Read MATCHES. Returns (copy matches by field key, kind counts, ids seen).
    Each copy match must name a field of its entry and lie inside its text."""
    by_key = defaultdict(list)
    kinds = Counter()
    seen = set()
    for number, obj in read_json_lines(path):
        where = f"{path}:{number}"
        entry_id = require(obj, "id", str, where)
        if entry_id not in known_ids:
            raise BadInput(f"{where}: id {entry_id!r} is not in ENTRIES")
        seen.add(entry_id)
        for match in require(obj, "matches", list, where):
            if not isinstance(match, dict):
                raise BadInput(f"{where}: a match is not an object")
            kind = require(match, "kind", str, where)
            kinds[kind] += 1
            if kind != "copy":
                continue
            field = require(match, "field", str, where)
            tool_index = match.get("tool_index") if field == "tools" else None
            start = require(match, "start", int, where)
            end = require(match, "end", int, where)
            key = field_key(entry_id, field, tool_index)
            if key not in lengths:
                raise BadInput(f"{where}: entry has no field {field!r} (tool_index {tool_index})")
            if not 0 <= start <= end <= lengths[key]:
                raise BadInput(f"{where}: bad match span [{start}, {end}) in {field!r}")
            by_key[key].append(
                {"start": start, "end": end, "work": require(match, "work", str, where)})
    return by_key, kinds, seen


def word_distance(text, a, b):
    """Whitespace-separated words of `text` between offsets a and b (either order).

    Pieces without a letter or digit (a final period, `**`, `- `) are not words,
    so spans that differ only in punctuation or markup at an end are 0 apart."""
    low, high = min(a, b), max(a, b)
    return sum(1 for token in text[low:high].split() if any(ch.isalnum() for ch in token))


def best_match(copy, matches):
    """The accepted match overlapping `copy` most (None if none), and how many there are."""
    accepted = {copy["work"], *copy["also_in"]}
    best, best_overlap, count = None, -1, 0
    for match in matches:
        overlap = min(match["end"], copy["end"]) - max(match["start"], copy["start"])
        if overlap <= 0 or match["work"] not in accepted:
            continue
        count += 1
        if overlap > best_overlap:
            best, best_overlap = match, overlap
    return best, count


def ratio(found, total):
    """found / total, or None when there is nothing to divide."""
    return round(found / total, 4) if total else None


def recall_row(copies):
    """{'copies', 'found', 'recall'} of a group of scored copies."""
    found = sum(1 for c in copies if c["found"])
    return {"copies": len(copies), "found": found, "recall": ratio(found, len(copies))}


def score_copies(copies, matches, texts):
    """Mark each copy found or not and measure the boundary distances of found ones."""
    for copy in copies:
        text = texts.get(copy["key"])
        if text is None or copy["end"] > len(text):
            raise BadInput(f"{copy['where']}: span outside the entry's text in ENTRIES")
        match, count = best_match(copy, matches.get(copy["key"], []))
        copy["found"] = match is not None
        copy["pieces"] = count
        if match is None:
            continue
        copy["d_start"] = word_distance(text, copy["start"], match["start"])
        copy["d_end"] = word_distance(text, copy["end"], match["end"])


def span_accuracy(copies):
    """Boundary accuracy of the found copies among `copies`."""
    found = [c for c in copies if c["found"]]
    worst = [max(c["d_start"], c["d_end"]) for c in found]
    exact = sum(1 for w in worst if w <= SPAN_TOLERANCE_WORDS)
    return {"found": len(found), "within_tolerance": exact,
            "share": ratio(exact, len(found)),
            "median_words": statistics.median(worst) if worst else None,
            "max_words": max(worst) if worst else None,
            "median_start_words": statistics.median(c["d_start"] for c in found) if found else None,
            "median_end_words": statistics.median(c["d_end"] for c in found) if found else None,
            "split_in_pieces": sum(1 for c in found if c["pieces"] > 1)}


def classify_matches(copies, matches, alternates):
    """Count copy matches explained by a truth copy, naming a wrong work, unexplained,
    or in alternate entries (ChatGPT branches, which the truth does not cover)."""
    truth_by_key = defaultdict(list)
    for copy in copies:
        truth_by_key[copy["key"]].append(copy)
    counts = Counter()
    for key, found in matches.items():
        for match in found:
            overlapping = [c for c in truth_by_key.get(key, [])
                           if min(match["end"], c["end"]) > max(match["start"], c["start"])]
            if not overlapping:
                counts["in_alternates" if key[0] in alternates else "unexplained"] += 1
            elif any(match["work"] in {c["work"], *c["also_in"]} for c in overlapping):
                counts["explained"] += 1
            else:
                counts["wrong_work"] += 1
    return {k: counts[k] for k in ("explained", "wrong_work", "unexplained", "in_alternates")}


def false_positives(entry_ids, alternates, copies, negatives, matches, seen_ids):
    """Flags in entries without copy truth, in hard negatives and in short-copy-only entries.

    Alternate entries (ChatGPT branches) repeat the prompt and tools of the visible
    entry but carry no truth, so they are counted apart."""
    flagged = {key[0] for key, found in matches.items() if found}
    longest = defaultdict(int)
    for copy in copies:
        longest[copy["key"][0]] = max(longest[copy["key"][0]], copy["words"])
    all_ids = set(entry_ids)
    clean = all_ids - set(longest) - alternates
    short_only = {i for i, words in longest.items() if words < VERBATIM_MIN_WORDS}
    negative_keys = {n["key"] for n in negatives}
    negative_flagged = {k for k in negative_keys if matches.get(k)}
    clean_flagged = len(clean & flagged)
    return {"entries": len(all_ids),
            "entries_without_match_line": len(all_ids - seen_ids),
            "clean_entries": len(clean), "clean_flagged": clean_flagged,
            "clean_flagged_per_10000": round(clean_flagged * 10000 / len(clean), 2) if clean else None,
            "hard_negatives": len(negative_keys), "hard_negatives_flagged": len(negative_flagged),
            "hard_negative_share": ratio(len(negative_flagged), len(negative_keys)),
            "short_copy_only_entries": len(short_only),
            "short_copy_only_flagged": len(short_only & flagged),
            "alternate_entries": len(alternates), "alternates_flagged": len(alternates & flagged)}


def build_report(copies, negatives, entry_ids, alternates, matches, kinds, seen_ids):
    """All the numbers, as one dict."""
    verbatim = [c for c in copies if c["edits"] == 0 and c["words"] >= VERBATIM_MIN_WORDS]
    long_copies = [c for c in copies if c["words"] >= EDITED_MIN_WORDS]
    families = defaultdict(list)
    for copy in verbatim:
        for family in variant_families(copy["variant"]):
            families[family].append(copy)
    rates = defaultdict(list)
    for copy in long_copies:
        rates[float(copy["edit_rate"])].append(copy)
    # The drawn rate is a probability per word; what a copy carries is its
    # realized share of edited words, which can exceed the drawn rate.
    shares = defaultdict(list)
    for copy in long_copies:
        shares[realized_share_bucket(copy)].append(copy)
    up_to_10 = [c for c in long_copies if c["edits"] <= 0.10 * c["words"]]
    buckets = defaultdict(list)
    for copy in copies:
        buckets[length_bucket(copy["words"])].append(copy)
    fields = defaultdict(list)
    for copy in copies:
        if copy["words"] >= VERBATIM_MIN_WORDS:
            fields[copy["key"][1]].append(copy)
    graded = {id(c): c for c in verbatim + long_copies}.values()
    return {
        "verbatim_40": {"all": recall_row(verbatim),
                        "by_family": {f: recall_row(families[f]) for f in sorted(families)}},
        "edited_60": {"all": recall_row(long_copies),
                      "by_edit_rate": {f"{r:g}": recall_row(rates[r]) for r in sorted(rates)},
                      "edited_up_to_10pct": recall_row(up_to_10),
                      "by_realized_share": {label: recall_row(shares[(rank, label)])
                                            for rank, label in sorted(shares)}},
        "by_length": {label: recall_row(buckets[(rank, label)]) for rank, label in sorted(buckets)},
        "by_field_40": {f: recall_row(fields[f]) for f in sorted(fields)},
        "span_accuracy": span_accuracy(list(graded)),
        "false_positives": false_positives(entry_ids, alternates, copies, negatives, matches,
                                           seen_ids),
        "copy_matches": classify_matches(copies, matches, alternates),
        "matches_by_kind": dict(sorted(kinds.items())),
        "truth_copies": len(copies),
    }


def fmt(value):
    """A number for a Markdown cell."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


def markdown_table(headers, rows):
    """A Markdown table as a list of lines."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(fmt(v) for v in row) + " |" for row in rows]
    return lines


def recall_rows(label, groups):
    """Table rows (group, copies, found, recall) of a dict of recall rows."""
    return [[f"{label}{name}", r["copies"], r["found"], r["recall"]] for name, r in groups.items()]


def render_markdown(report):
    """The report as Markdown text."""
    out = ["### Recall", ""]
    rows = [["verbatim >= 40 words (edits = 0)"] + list(report["verbatim_40"]["all"].values())]
    rows += recall_rows("  variant ", report["verbatim_40"]["by_family"])
    rows += [["edited or not, >= 60 words"] + list(report["edited_60"]["all"].values())]
    rows += recall_rows("  edit rate ", report["edited_60"]["by_edit_rate"])
    rows += [[">= 60 words, edits <= 10% of words"] + list(report["edited_60"]["edited_up_to_10pct"].values())]
    rows += recall_rows("  edited share ", report["edited_60"]["by_realized_share"])
    rows += recall_rows(">= 40 words, field ", report["by_field_40"])
    rows += recall_rows("all copies, words ", report["by_length"])
    out += markdown_table(["group", "copies", "found", "recall"], rows)
    span = report["span_accuracy"]
    out += ["", f"### Span accuracy (found copies of the two graded groups; tolerance "
            f"{SPAN_TOLERANCE_WORDS} words)", ""]
    out += markdown_table(["found", "both ends within tolerance", "share",
                           "median words off", "max words off", "median start off",
                           "median end off", "found in several pieces"],
                          [list(span.values())])
    fp = report["false_positives"]
    out += ["", "### False positives", ""]
    out += markdown_table(["measure", "value"], [
        ["entries", fp["entries"]],
        ["entries without a line in MATCHES", fp["entries_without_match_line"]],
        ["entries without copy truth (alternates excluded)", fp["clean_entries"]],
        ["... flagged with a copy match", fp["clean_flagged"]],
        ["... flagged per 10,000", fp["clean_flagged_per_10000"]],
        ["hard negatives", fp["hard_negatives"]],
        ["... flagged in their field", fp["hard_negatives_flagged"]],
        ["... share flagged", fp["hard_negative_share"]],
        ["entries whose copies are all < 40 words (not FP)", fp["short_copy_only_entries"]],
        ["... flagged", fp["short_copy_only_flagged"]],
        ["alternate entries (branches, no truth; not FP)", fp["alternate_entries"]],
        ["... flagged", fp["alternates_flagged"]],
    ])
    out += ["", "### Matches", ""]
    rows = [[f"kind {k}", v] for k, v in report["matches_by_kind"].items()]
    rows += [[f"copy matches {k.replace('_', ' ')}", v] for k, v in report["copy_matches"].items()]
    rows += [["truth copies", report["truth_copies"]]]
    out += markdown_table(["measure", "count"], rows)
    return "\n".join(out)


def main(argv):
    """Parse the arguments, score, print. Returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("truth")
    parser.add_argument("entries")
    parser.add_argument("matches")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    try:
        copies, negatives = load_truth(args.truth)
        wanted = {c["key"] for c in copies}
        entry_ids, texts, lengths, alternates = load_entries(args.entries, wanted)
        known = set(entry_ids)
        for item in copies + negatives:
            if item["key"][0] not in known:
                raise BadInput(f"{item['where']}: entry {item['key'][0]!r} is not in ENTRIES")
        matches, kinds, seen = load_matches(args.matches, known, lengths)
        score_copies(copies, matches, texts)
        report = build_report(copies, negatives, entry_ids, alternates, matches, kinds, seen)
    except BadInput as err:
        print(f"match_score: {err}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report, sort_keys=False))
    else:
        print(render_markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
