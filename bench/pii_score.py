#!/usr/bin/python3
"""Scores `winnow pii detect` against the generator's ground truth.

Usage: pii_score.py TRUTH.jsonl ENTRIES.jsonl DETECTIONS.jsonl
                    [--details FILE] [--json FILE] [--top N]

TRUTH is `winnow gen`'s truth.jsonl, ENTRIES the canonical entries of the
same conversations (`winnow convert`), DETECTIONS the output of
`winnow pii detect ENTRIES` (one line per entry, in order). Offsets
everywhere are code points of the field ("prompt", "output", or a tool
step's "text" with "tool_index").

Recall, per type: a planted personal item (kind "pii", "personal": true) is
found when a detected span of the same type overlaps it in the same field;
"exact" when one has the very same boundaries; "any type" when a span of any
type overlaps it (it would be redacted all the same).

Precision, per type: a detected span is
  true   when it overlaps a planted personal item of the same type;
  fine   when it overlaps a planted non-personal item of any type (public
         figures, places in the news, article and service URLs: acceptable
         either way), or when it is a PERSON, LOCATION, DATE_TIME, NRP or
         ORGANIZATION span inside a passage of a news work (kinds "copy" and
         "negative": news text names public people, places and dates);
  false  otherwise (a span of another type on a planted item, e.g. an ITIN
         reported as US_SSN, is false for the type reported and shows in the
         confusion table).
precision = (true + fine) / detected.

Alternate entries (ChatGPT branches) repeat what is planted in the visible
entry without truth of their own, so they are left out (and counted).

Prints Markdown: the table per type with the issue's targets and PASS/FAIL,
recall per subtype where below 1, the confusion table, and the most common
false-positive strings per type. --details writes every miss (with context)
and every false-positive string with its count; --json the figures.
"""
import argparse
import collections
import json
import sys

STRUCTURED = ["EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE", "IP_ADDRESS",
              "MAC_ADDRESS", "URL", "CRYPTO", "SECRET"]
# type -> (minimum recall, minimum precision); None: no target.
TARGETS = {t: (0.99, 0.97) for t in STRUCTURED}
TARGETS["STREET_ADDRESS"] = (0.95, None)
TARGETS["PERSON"] = (0.90, 0.85)
NEWS_TYPES = {"PERSON", "LOCATION", "DATE_TIME", "NRP", "ORGANIZATION"}


def field_key(field, tool_index):
    return (field, tool_index if field == "tools" else None)


def field_text(entry, key):
    field, tool_index = key
    if field == "tools":
        tools = entry.get("tools") or []
        if tool_index is None or tool_index >= len(tools):
            return ""
        return tools[tool_index].get("text") or ""
    return entry.get(field) or ""


def overlaps(a_start, a_end, b_start, b_end):
    return a_start < b_end and b_start < a_end


def short(s, limit=80):
    return s if len(s) <= limit else s[:limit // 2] + "…" + s[-limit // 4:]


def shape(s):
    """'3473-200315  (on planted X)' -> '9999-999999  (on planted X)'; letter runs kept short."""
    value, sep, rest = s.partition("  (on planted ")
    out = []
    for ch in value:
        c = "9" if ch.isdigit() else "A" if ch.isupper() else "a" if ch.isalpha() else ch
        if not (c in "aA" and out and out[-1] == c and len(out) > 1 and out[-2] == c):
            out.append(c)
    return "".join(out) + (sep + rest if sep else "")


def context(text, start, end, width=40):
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return f"…{left}[[{short(text[start:end])}]]{right}…".replace("\n", "⏎")


def fmt_ratio(n, d):
    return f"{n / d:.4f}" if d else "n/a"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("truth")
    ap.add_argument("entries")
    ap.add_argument("detections")
    ap.add_argument("--details", help="write every miss and false positive here")
    ap.add_argument("--json", dest="json_out", help="write the figures as JSON here")
    ap.add_argument("--top", type=int, default=20, help="false-positive strings shown per type (20)")
    args = ap.parse_args()

    # entry_id -> [truth lines with offsets that matter here]
    truth = collections.defaultdict(list)
    with open(args.truth, encoding="utf-8") as f:
        for line in f:
            t = json.loads(line)
            if t.get("kind") in ("pii", "copy", "negative") and "start" in t:
                truth[t["entry_id"]].append(t)

    planted = collections.Counter()      # type -> personal plants
    found = collections.Counter()        # same type overlapping
    exact = collections.Counter()        # same type, same boundaries
    any_type = collections.Counter()     # any type overlapping
    sub_planted = collections.Counter()  # (type, subtype)
    sub_found = collections.Counter()
    nonpersonal = collections.Counter()  # type -> personal=false plants
    detected = collections.Counter()
    true_pos = collections.Counter()
    fine = collections.Counter()
    false_pos = collections.Counter()
    fp_strings = collections.defaultdict(collections.Counter)  # type -> string -> n
    fp_where = collections.defaultdict(collections.Counter)    # type -> field -> n
    fp_examples = {}                                           # (type, string) -> context
    confusion = collections.Counter()    # (planted type, detected type) -> n, for other-type overlaps
    misses = []                          # (type, subtype, value, context, what overlapped)
    entries = alternates = error_lines = 0

    with open(args.entries, encoding="utf-8") as fe, open(args.detections, encoding="utf-8") as fd:
        for line_no, (eline, dline) in enumerate(zip(fe, fd), 1):
            entry = json.loads(eline)
            det = json.loads(dline)
            entry_id = entry["entry_id"]
            if det.get("id") != entry_id:
                sys.exit(f"pii_score: line {line_no}: detections are for '{det.get('id')}', "
                         f"entries for '{entry_id}' (not the same file or order)")
            if "error" in det:
                error_lines += 1
                continue
            if entry.get("alternate"):
                alternates += 1
                continue
            entries += 1
            by_key_plants = collections.defaultdict(list)
            for t in truth.get(entry_id, ()):
                by_key_plants[field_key(t["field"], t.get("tool_index"))].append(t)
            by_key_spans = collections.defaultdict(list)
            for s in det.get("spans", ()):
                by_key_spans[field_key(s.get("field", "prompt"), s.get("tool_index"))].append(s)

            for key in set(by_key_plants) | set(by_key_spans):
                plants = by_key_plants.get(key, [])
                spans = by_key_spans.get(key, [])
                text = None
                pii = [t for t in plants if t["kind"] == "pii"]
                news = [t for t in plants if t["kind"] in ("copy", "negative")]
                for t in pii:
                    if not t.get("personal", True):
                        nonpersonal[t["type"]] += 1
                        continue
                    ty, sub = t["type"], t.get("subtype", "")
                    planted[ty] += 1
                    sub_planted[(ty, sub)] += 1
                    over = [s for s in spans if overlaps(s["start"], s["end"], t["start"], t["end"])]
                    same = [s for s in over if s["type"] == ty]
                    if same:
                        found[ty] += 1
                        sub_found[(ty, sub)] += 1
                        if any(s["start"] == t["start"] and s["end"] == t["end"] for s in same):
                            exact[ty] += 1
                    if over:
                        any_type[ty] += 1
                    for s in over:
                        if s["type"] != ty:
                            confusion[(ty, s["type"])] += 1
                    if not same:
                        if text is None:
                            text = field_text(entry, key)
                        got = ", ".join(f"{s['type']} [{s['start']},{s['end']}) {short(text[s['start']:s['end']])!r}"
                                        for s in over) or "nothing"
                        misses.append((ty, sub, t["value"], key, context(text, t["start"], t["end"]), got))
                for s in spans:
                    ty = s["type"]
                    detected[ty] += 1
                    over = [t for t in pii if overlaps(s["start"], s["end"], t["start"], t["end"])]
                    if any(t.get("personal", True) and t["type"] == ty for t in over):
                        true_pos[ty] += 1
                    elif any(not t.get("personal", True) for t in over):
                        fine[ty] += 1
                    elif ty in NEWS_TYPES and any(t["start"] <= s["start"] and s["end"] <= t["end"] for t in news):
                        fine[ty] += 1
                    else:
                        false_pos[ty] += 1
                        if text is None:
                            text = field_text(entry, key)
                        value = text[s["start"]:s["end"]]
                        label = short(value)
                        if over:
                            label += "  (on planted " + "/".join(sorted({t["type"] for t in over})) + ")"
                        fp_strings[ty][label] += 1
                        fp_where[ty][key[0]] += 1
                        if (ty, label) not in fp_examples:
                            fp_examples[(ty, label)] = context(text, s["start"], s["end"])
        if fe.readline() or fd.readline():
            sys.exit("pii_score: entries and detections have different line counts")

    types = sorted(set(planted) | set(detected))
    rows = []
    failures = 0
    for ty in types:
        p, f_, d = planted[ty], found[ty], detected[ty]
        recall = f_ / p if p else None
        ok = true_pos[ty] + fine[ty]
        precision = ok / d if d else None
        target = TARGETS.get(ty)
        verdict = "-"
        target_text = "-"
        if target:
            r_min, p_min = target
            parts, good = [], True
            if r_min is not None:
                parts.append(f"R≥{r_min}")
                good &= recall is not None and recall >= r_min
            if p_min is not None:
                parts.append(f"P≥{p_min}")
                good &= precision is None or precision >= p_min
            target_text = " ".join(parts)
            verdict = "PASS" if good else "**FAIL**"
            failures += not good
        rows.append({
            "type": ty, "planted": p, "found": f_, "recall": recall,
            "exact": exact[ty] / f_ if f_ else None, "any_type": any_type[ty] / p if p else None,
            "nonpersonal_planted": nonpersonal[ty], "detected": d, "true": true_pos[ty], "fine": fine[ty],
            "false": false_pos[ty], "precision": precision, "target": target_text, "verdict": verdict,
        })

    def f4(x):
        return "n/a" if x is None else f"{x:.4f}"

    print(f"{entries} entries scored ({alternates} alternate entries left out"
          + (f", {error_lines} error lines" if error_lines else "") + ")")
    print()
    print("| type | planted | found | recall | exact bounds | any type | detected | true | fine | false "
          "| precision | w/o fine | target | |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        strict = r["true"] / (r["true"] + r["false"]) if r["true"] + r["false"] else None
        print(f"| {r['type']} | {r['planted']} | {r['found']} | {f4(r['recall'])} | {f4(r['exact'])} "
              f"| {f4(r['any_type'])} | {r['detected']} | {r['true']} | {r['fine']} | {r['false']} "
              f"| {f4(r['precision'])} | {f4(strict)} | {r['target']} | {r['verdict']} |")
    tp_all = sum(planted.values())
    print(f"| **all** | {tp_all} | {sum(found.values())} | {fmt_ratio(sum(found.values()), tp_all)} "
          f"| {fmt_ratio(sum(exact.values()), sum(found.values()))} | {fmt_ratio(sum(any_type.values()), tp_all)} "
          f"| {sum(detected.values())} | {sum(true_pos.values())} | {sum(fine.values())} "
          f"| {sum(false_pos.values())} "
          f"| {fmt_ratio(sum(true_pos.values()) + sum(fine.values()), sum(detected.values()))} "
          f"| {fmt_ratio(sum(true_pos.values()), sum(true_pos.values()) + sum(false_pos.values()))} | | |")
    print()
    print("exact bounds: share of found items with a same-type span of the very same boundaries; "
          "any type: share of planted items overlapped by a span of any type; fine: spans on "
          "non-personal plants or news text (counted as correct); w/o fine: true / (true + false).")
    print()
    print(f"targets met: {sum(1 for r in rows if r['verdict'] == 'PASS')} of "
          f"{sum(1 for r in rows if r['verdict'] != '-')}" + (f" ({failures} FAIL)" if failures else ""))

    low = [(k, sub_found[k], n) for k, n in sorted(sub_planted.items()) if sub_found[k] < n and k[1]]
    if low:
        print()
        print("### recall per subtype (where below 1)")
        print()
        print("| type | subtype | planted | found | recall |")
        print("|---|---|---|---|---|")
        for (ty, sub), f_, n in low:
            print(f"| {ty} | {sub} | {n} | {f_} | {f_ / n:.4f} |")

    if confusion:
        print()
        print("### planted type reported as another type (spans overlapping a planted item)")
        print()
        print("| planted | reported | spans |")
        print("|---|---|---|")
        for (a, b), n in confusion.most_common():
            print(f"| {a} | {b} | {n} |")

    if misses:
        print()
        print("### missed values (up to 5 per type)")
        print()
        shown = collections.Counter()
        for ty, sub, value, key, ctx, got in misses:
            if shown[ty] >= 5:
                continue
            shown[ty] += 1
            print(f"- {ty}{'/' + sub if sub else ''}: {short(value)!r} in {key[0]} — {ctx} — got: {got}")

    if fp_strings:
        print()
        print(f"### most common false positives (top {args.top} strings per type)")
        for ty in sorted(fp_strings):
            where = ", ".join(f"{k} {v}" for k, v in fp_where[ty].most_common())
            print()
            print(f"**{ty}**: {false_pos[ty]} false ({len(fp_strings[ty])} distinct; {where})")
            print()
            for s, n in fp_strings[ty].most_common(args.top):
                print(f"- {n} × {s!r}")
            if len(fp_strings[ty]) > args.top:
                shapes = collections.Counter()
                example = {}
                for s, n in fp_strings[ty].items():
                    k = shape(s)
                    shapes[k] += n
                    example.setdefault(k, s)
                print()
                print("by shape (9: digit, a/A: letter):")
                for k, n in shapes.most_common(10):
                    print(f"- {n} × {k!r}, e.g. {example[k]!r}")

    if args.details:
        with open(args.details, "w", encoding="utf-8") as out:
            out.write(f"# misses ({len(misses)})\n")
            for ty, sub, value, key, ctx, got in sorted(misses, key=lambda m: (m[0], m[1])):
                out.write(f"{ty}\t{sub}\t{value!r}\t{key[0]}{'' if key[1] is None else key[1]}\t{ctx}\tgot: {got}\n")
            out.write("\n# false positives per type (count, string, first context)\n")
            for ty in sorted(fp_strings):
                out.write(f"\n## {ty}: {false_pos[ty]}\n")
                for s, n in fp_strings[ty].most_common():
                    out.write(f"{n}\t{s!r}\t{fp_examples[(ty, s)]}\n")

    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as out:
            json.dump({"entries": entries, "alternates": alternates, "error_lines": error_lines,
                       "types": rows, "targets_failed": failures,
                       "confusion": [{"planted": a, "reported": b, "spans": n} for (a, b), n in confusion.items()]},
                      out, indent=1)


if __name__ == "__main__":
    main()
