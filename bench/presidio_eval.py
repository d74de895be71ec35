#!/usr/bin/python3
"""Compares `winnow pii detect` with Presidio's own test expectations.

Usage: presidio_eval.py BUILD_DIR [--data DIR] [--out DIR] [--detect-flags "FLAGS"]

(a) DIR/presidio_cases.jsonl: the cases of Presidio's recognizer unit tests
    (text, entity, expected spans in code points; "expected": null where the
    test asserts only a count). For every entity type winnow knows (asked of
    the binary: `--only TYPE`), each case counts as right when
      exact    every expected span has a winnow span of the case's type with
               the very same boundaries;
      overlap  every expected span is overlapped by a winnow span of that type;
      strict   exact, and winnow reports no other span of that type;
    a negative case (no expected span) is right when winnow reports no span
    of that type; a count-only case when winnow reports exactly that many
    (and the spans the note names, if any). "weak" cases are positives that
    Presidio's test expects only at a low score (every expected score below
    0.4, or a range from below 0.3 up to at most 0.4):
    Presidio's recognizer finds them but flags them as doubtful, and winnow's
    thresholds may rightly drop them; the last column leaves them out.
    Every failing case goes to OUT/presidio_cases_failures.txt (per type:
    test, text, expected, got, and spans of other types).
(b) DIR/presidio_synth_dataset_v2.json: labelled sentences (full_text, spans
    with entity_type, entity_value, start_position, end_position). Offsets
    are checked against the values: code points, or UTF-8 bytes (then
    converted). Labels map to winnow types (GPE -> LOCATION, DOMAIN_NAME ->
    URL); labels winnow has no type for are listed and left out. Per type:
    recall (a label overlapped by a winnow span of the mapped type) and
    precision (a winnow span overlapping a label of its type; spans of types
    the data set never labels are listed apart). Misses and false positives
    go to OUT/presidio_synth_errors.txt.

OUT defaults to a new folder under $TMPDIR, printed at the end.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

SYNTH_MAP = {"GPE": "LOCATION", "DOMAIN_NAME": "URL"}


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def supported_types(winnow, types):
    """The subset of `types` that `winnow pii detect --only TYPE` accepts."""
    ok = set()
    for t in sorted(types):
        r = subprocess.run([winnow, "pii", "detect", os.devnull, "--only", t],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode == 0:
            ok.add(t)
        elif "unknown" not in r.stderr:
            sys.exit(f"presidio_eval: winnow pii detect --only {t} failed: {r.stderr.strip()}")
    return ok


def detect(winnow, texts, out_dir, name, flags):
    """Runs `winnow pii detect` once over every text; returns spans per text."""
    inp = os.path.join(out_dir, name + ".in.jsonl")
    outp = os.path.join(out_dir, name + ".detections.jsonl")
    with open(inp, "w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n")
    r = subprocess.run([winnow, "pii", "detect", inp, "-o", outp, "--threads", "2"] + flags,
                       stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.exit(f"presidio_eval: winnow pii detect failed ({r.returncode}): {r.stderr.strip()}")
    spans = []
    with open(outp, encoding="utf-8") as f:
        for i, line in enumerate(f):
            d = json.loads(line)
            if d.get("id") != str(i):
                sys.exit(f"presidio_eval: detections out of order at line {i + 1}")
            if "error" in d:
                sys.exit(f"presidio_eval: winnow could not read text {i}: {d['error']}")
            spans.append(d["spans"])
    if len(spans) != len(texts):
        sys.exit(f"presidio_eval: {len(texts)} texts but {len(spans)} detection lines")
    return spans


def weak(case):
    """True when Presidio's test expects every span only at a low score
    (below 0.4, or a range reaching at most 0.4 from below 0.3)."""
    if case.get("score_ranges"):  # [[lo, hi], ...]; "max" stands for the recognizer's top score
        return all(isinstance(lo, (int, float)) and isinstance(hi, (int, float)) and lo < 0.3 and hi <= 0.4
                   for lo, hi in case["score_ranges"])
    if case.get("scores"):
        return all(s < 0.4 for s in case["scores"])
    if case.get("score") is not None:
        return case["score"] < 0.4
    return False


def judge(case, spans):
    """(exact, overlap, strict) for one case given winnow's spans."""
    mine = [(s["start"], s["end"]) for s in spans if s["type"] == case["entity"]]
    expected = case["expected"]
    if expected is None:  # the test asserts a count (and maybe some spans)
        right = len(mine) == case["expected_count"]
        m = re.search(r"checks only these spans: (\[\[.*\]\])", case.get("note", ""))
        if m:
            named = [tuple(x) for x in json.loads(m.group(1))]
            right = right and all(x in mine for x in named)
        return right, right, right
    if not expected:
        right = not mine
        return right, right, right
    exp = [tuple(x) for x in expected]
    exact = all(e in mine for e in exp)
    over = all(any(overlaps(e, g) for g in mine) for e in exp)
    strict = exact and len(mine) == len(exp)
    return exact, over, strict


def cases_part(winnow, data, out_dir, flags):
    path = os.path.join(data, "presidio_cases.jsonl")
    cases = [json.loads(line) for line in open(path, encoding="utf-8")]
    known = supported_types(winnow, {c["entity"] for c in cases})
    unsupported = collections.Counter(c["entity"] for c in cases if c["entity"] not in known)
    mine = [c for c in cases if c["entity"] in known]
    spans = detect(winnow, [c["text"] for c in mine], out_dir, "presidio_cases", flags)

    stats = collections.defaultdict(collections.Counter)
    failures = collections.defaultdict(list)
    for c, sp in zip(mine, spans):
        s = stats[c["entity"]]
        kind = "count" if c["expected"] is None else "pos" if c["expected"] else "neg"
        s[kind] += 1
        s["cases"] += 1
        exact, over, strict = judge(c, sp)
        is_weak = kind == "pos" and weak(c)
        s["weak"] += is_weak
        s["exact"] += exact
        s["overlap"] += over
        s["strict"] += strict
        if not is_weak:
            s["overlap_strong"] += over
        if not strict:
            got = [(g["start"], g["end"]) for g in sp if g["type"] == c["entity"]]
            other = [f"{g['type']} {g['start']}-{g['end']} {c['text'][g['start']:g['end']]!r}"
                     for g in sp if g["type"] != c["entity"]]
            verdict = "extra spans" if exact else "overlap only" if over else "WRONG"
            if c.get("params"):
                verdict += f", test params {c['params']}"
            failures[c["entity"]].append(
                f"[{verdict}{', weak' if is_weak else ''}] {c['test']}\n"
                f"  text:     {c['text']!r}\n"
                f"  expected: {c['expected'] if c['expected'] is not None else 'count ' + str(c['expected_count'])}"
                f"  {[c['text'][a:b] for a, b in (c['expected'] or [])]}\n"
                f"  got:      {got}  {[c['text'][a:b] for a, b in got]}\n"
                + (f"  other:    {'; '.join(other)}\n" if other else ""))

    print("## (a) Presidio recognizer test cases")
    print()
    print(f"{len(cases)} cases, {len(mine)} of them for the {len(stats)} entity types winnow supports.")
    print()
    print("| type | cases | positive | negative | count only | exact | overlap | strict | weak | overlap w/o weak |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    tot = collections.Counter()
    for t in sorted(stats):
        s = stats[t]
        tot.update(s)
        strong = s["cases"] - s["weak"]
        print(f"| {t} | {s['cases']} | {s['pos']} | {s['neg']} | {s['count']} | {s['exact']} | {s['overlap']} "
              f"| {s['strict']} | {s['weak']} | {s['overlap_strong']}/{strong} |")
    strong = tot["cases"] - tot["weak"]
    print(f"| **all** | {tot['cases']} | {tot['pos']} | {tot['neg']} | {tot['count']} | {tot['exact']} "
          f"| {tot['overlap']} | {tot['strict']} | {tot['weak']} | {tot['overlap_strong']}/{strong} |")
    print()
    print(f"exact: {tot['exact'] / tot['cases']:.3f} of cases; overlap: {tot['overlap'] / tot['cases']:.3f}; "
          f"strict (exact, no extra span): {tot['strict'] / tot['cases']:.3f}; "
          f"overlap, weak cases left out: {tot['overlap_strong'] / max(1, strong):.3f}")
    print()
    print(f"not supported by winnow ({sum(unsupported.values())} cases): "
          + ", ".join(f"{t} {n}" for t, n in sorted(unsupported.items())))
    fail_path = os.path.join(out_dir, "presidio_cases_failures.txt")
    with open(fail_path, "w", encoding="utf-8") as f:
        for t in sorted(failures):
            f.write(f"## {t}: {len(failures[t])} not strictly right\n\n")
            f.write("\n".join(failures[t]) + "\n")
    return fail_path


def synth_part(winnow, data, out_dir, flags):
    path = os.path.join(data, "presidio_synth_dataset_v2.json")
    items = json.load(open(path, encoding="utf-8"))
    labels = collections.Counter(s["entity_type"] for x in items for s in x["spans"])
    known = supported_types(winnow, {SYNTH_MAP.get(t, t) for t in labels} | {"LOCATION", "URL"})
    offsets = collections.Counter()
    docs = []
    for x in items:
        text = x["full_text"]
        raw = text.encode("utf-8")
        spans = []
        for s in x["spans"]:
            a, b, v = s["start_position"], s["end_position"], s["entity_value"]
            if text[a:b] == v:
                offsets["code points"] += 1
            elif raw[a:b].decode("utf-8", "replace") == v:
                offsets["bytes"] += 1
                a = len(raw[:a].decode("utf-8", "replace"))
                b = a + len(v)
            else:
                i = text.find(v)
                offsets["value not at offsets" + (", found elsewhere" if i >= 0 else ", dropped")] += 1
                if i < 0:
                    continue
                a, b = i, i + len(v)
            spans.append((SYNTH_MAP.get(s["entity_type"], s["entity_type"]), a, b, s["entity_type"]))
        docs.append((text, spans))
    found = detect(winnow, [d[0] for d in docs], out_dir, "presidio_synth", flags)

    planted, hit, any_hit, exact = (collections.Counter() for _ in range(4))
    detected, true_pos = collections.Counter(), collections.Counter()
    misses, fps = collections.defaultdict(list), collections.defaultdict(collections.Counter)
    confusion = collections.Counter()
    labelled_types = {m for m in (SYNTH_MAP.get(t, t) for t in labels) if m in known}
    for (text, spans), got in zip(docs, found):
        for ty, a, b, orig in spans:
            if ty not in known:
                continue
            planted[ty] += 1
            over = [g for g in got if overlaps((a, b), (g["start"], g["end"]))]
            same = [g for g in over if g["type"] == ty]
            hit[ty] += bool(same)
            any_hit[ty] += bool(over)
            exact[ty] += any(g["start"] == a and g["end"] == b for g in same)
            for g in over:
                if g["type"] != ty:
                    confusion[(orig, g["type"])] += 1
            if not same:
                misses[ty].append(f"{text[a:b]!r}  in {text!r}  got: "
                                  + (", ".join(f"{g['type']} {text[g['start']:g['end']]!r}" for g in over) or "nothing"))
        for g in got:
            ty = g["type"]
            detected[ty] += 1
            over = [s for s in spans if overlaps((s[1], s[2]), (g["start"], g["end"]))]
            if any(s[0] == ty for s in over):
                true_pos[ty] += 1
            else:
                label = text[g["start"]:g["end"]]
                if over:
                    label += "  (on label " + "/".join(sorted({s[3] for s in over})) + ")"
                fps[ty][label] += 1

    print()
    print("## (b) presidio_synth_dataset_v2.json")
    print()
    print(f"{len(items)} sentences, {sum(labels.values())} labelled spans; offsets: "
          + ", ".join(f"{n} {k}" for k, n in offsets.items()) + ".")
    mapped = ", ".join(f"{a} -> {b}" for a, b in SYNTH_MAP.items())
    unsup = {t: n for t, n in labels.items() if SYNTH_MAP.get(t, t) not in known}
    print(f"labels mapped: {mapped}; not supported by winnow (left out): "
          + ", ".join(f"{t} {n}" for t, n in sorted(unsup.items())))
    print()
    print("| type | labelled | found | recall | exact bounds | any type | detected | true | precision |")
    print("|---|---|---|---|---|---|---|---|---|")
    for ty in sorted(set(planted) | set(detected)):
        if ty not in labelled_types:
            continue
        p, h, d = planted[ty], hit[ty], detected[ty]
        print(f"| {ty} | {p} | {h} | {h / p if p else 0:.3f} | {exact[ty] / h if h else 0:.3f} "
              f"| {any_hit[ty] / p if p else 0:.3f} | {d} | {true_pos[ty]} | "
              + (f"{true_pos[ty] / d:.3f}" if d else "n/a") + " |")
    p, h = sum(planted.values()), sum(hit.values())
    d = sum(detected[t] for t in labelled_types)
    tp = sum(true_pos[t] for t in labelled_types)
    print(f"| **all** | {p} | {h} | {h / max(1, p):.3f} | {sum(exact.values()) / max(1, h):.3f} "
          f"| {sum(any_hit.values()) / max(1, p):.3f} | {d} | {tp} | {tp / max(1, d):.3f} |")
    other = {t: n for t, n in detected.items() if t not in labelled_types}
    if other:
        print()
        print("spans of types the data set never labels (precision not judged): "
              + ", ".join(f"{t} {n}" for t, n in sorted(other.items())))
    if confusion:
        print()
        print("labels reported as another type: "
              + ", ".join(f"{a} as {b} {n}" for (a, b), n in confusion.most_common()))
    print()
    print("most common false positives:")
    for ty in sorted(fps):
        top = "; ".join(f"{n} × {s!r}" for s, n in fps[ty].most_common(8))
        print(f"- {ty} ({sum(fps[ty].values())}): {top}")
    err_path = os.path.join(out_dir, "presidio_synth_errors.txt")
    with open(err_path, "w", encoding="utf-8") as f:
        for ty in sorted(misses):
            f.write(f"## misses {ty}: {len(misses[ty])}\n")
            f.write("\n".join(misses[ty]) + "\n\n")
        for ty in sorted(fps):
            f.write(f"## false positives {ty}: {sum(fps[ty].values())}\n")
            f.write("\n".join(f"{n}\t{s!r}" for s, n in fps[ty].most_common()) + "\n\n")
    return err_path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("build_dir", help="build folder holding the winnow binary")
    ap.add_argument("--data", default=os.environ.get("WINNOW_PII_TESTDATA", "/work/shared/testdata/pii"),
                    help="folder with presidio_cases.jsonl and presidio_synth_dataset_v2.json")
    ap.add_argument("--out", help="folder for the inputs, detections and failure lists")
    ap.add_argument("--detect-flags", default="", help="extra flags for winnow pii detect")
    args = ap.parse_args()
    winnow = os.path.join(args.build_dir, "winnow")
    if not os.access(winnow, os.X_OK):
        sys.exit(f"presidio_eval: no winnow binary in {args.build_dir}")
    out_dir = args.out or tempfile.mkdtemp(prefix="winnow-presidio-eval.")
    os.makedirs(out_dir, exist_ok=True)
    flags = args.detect_flags.split()
    a = cases_part(winnow, args.data, out_dir, flags)
    b = synth_part(winnow, args.data, out_dir, flags)
    print()
    print(f"failing cases: {a}\nsynth misses and false positives: {b}")


if __name__ == "__main__":
    main()
