#!/usr/bin/python3
"""Build the real-text evaluation set of the regurgitation detector.

Usage: bench/plant_news.py --out DIR [--seed S] [--plants N] [--entries M]

Works are real news articles (Reuters-21578 and BBC News); entries are real
chat outputs (from the chat logs in the test data, through `winnow convert`),
some with a passage of a work planted inside, the rest untouched. Writes
DIR/works.jsonl (corpus format), DIR/entries.jsonl (`{"id","text"}` lines),
DIR/truth.jsonl (`copy` lines in the schema of `winnow gen`) and
DIR/plant.json (arguments and counts). The same arguments and inputs give
the same files.
"""

import argparse
import datetime
import glob
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import textwrap

TESTDATA = "/work/shared/testdata"
EDIT_RATES = [0.0, 0.02, 0.05, 0.10]
MARKUP_GROUPS = [["upper", "lower"], ["straight_quotes", "curly_quotes"], ["no_commas"],
                 ["joined", "wrapped", "single_breaks", "bullets", "numbered",
                  "blockquote", "bold", "italic"]]
FILLER = ["also", "still", "however", "reportedly", "new", "major", "local", "recent",
          "several", "key", "further", "early", "significant", "then", "now", "later",
          "very", "largely", "officially", "about", "nearly", "only", "widely", "again"]
LEAD_INS = ["", "Here is the text of the article:", "Sure, here is the passage you asked for:",
            "The article reads as follows.", "Quoting the original report:",
            "Here it is, word for word:", "This is what the story said:"]
PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n[ \t]+")
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
WORD = re.compile(r"\S+")
NOT_WORD = re.compile(r"[^\w\s]+")
SHINGLE = 8
OVERLAP_SHINGLES = 25


def parse_args(argv):
    """Command-line arguments."""
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--plants", type=int, default=3000, help="entries with a planted passage")
    parser.add_argument("--entries", type=int, default=None,
                        help="entries in all (default: plants + distinct chat outputs)")
    parser.add_argument("--reuters", default=f"{TESTDATA}/news/reuters21578_articles.jsonl")
    parser.add_argument("--bbc", default=f"{TESTDATA}/news/bbc_news_2225.jsonl")
    parser.add_argument("--chatlogs", default=f"{TESTDATA}/chatlogs")
    parser.add_argument("--winnow", default=os.environ.get("WINNOW", f"{here}/../build/winnow"))
    return parser.parse_args(argv)


def reuters_date(value):
    """'26-FEB-1987 15:01:01.79' -> '1987-02-26' ('' when it does not parse)."""
    try:
        return datetime.datetime.strptime(value.split()[0], "%d-%b-%Y").strftime("%Y-%m-%d")
    except (AttributeError, IndexError, ValueError):
        return ""


def load_works(reuters_path, bbc_path):
    """The corpus: Reuters and BBC articles of at least 10 words, in file order."""
    works = []
    with open(reuters_path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            works.append({"id": f"reuters/{record['newid']}", "title": record.get("title") or "",
                          "date": reuters_date(record.get("date")), "publisher": "Reuters",
                          "text": record.get("text") or ""})
    with open(bbc_path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            works.append({"id": record["id"], "title": record.get("title") or "",
                          "publisher": "BBC News", "text": record.get("text") or ""})
    for work in works:
        work["count"] = len(work["text"].split())
    return [w for w in works if w["count"] >= 10]


def word_spans(work):
    """(start, end) of each whitespace-separated word of a work's text (cached)."""
    if "spans" not in work:
        work["spans"] = [m.span() for m in WORD.finditer(work["text"])]
    return work["spans"]


def load_outputs(winnow, chatlogs):
    """Distinct non-blank assistant outputs of every chat log, via `winnow convert`."""
    outputs, seen = [], set()
    with tempfile.TemporaryDirectory() as tmp:
        for index, path in enumerate(sorted(glob.glob(os.path.join(chatlogs, "*")))):
            entries = os.path.join(tmp, f"{index}.jsonl")
            result = subprocess.run([winnow, "convert", path, "-o", entries, "--quarantine",
                                     os.path.join(tmp, f"{index}.quarantine.jsonl")],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if result.returncode != 0 or not os.path.exists(entries):
                print(f"plant_news: skipped {path}: {result.stderr.strip()}", file=sys.stderr)
                continue
            with open(entries, encoding="utf-8") as handle:
                for line in handle:
                    text = json.loads(line).get("output") or ""
                    if text.strip() and text not in seen:
                        seen.add(text)
                        outputs.append(text)
    return outputs


def is_sentence_end(text, spans, k):
    """Whether word k ends a sentence or a paragraph (or the text)."""
    if SENTENCE_END.search(text[spans[k][0]:spans[k][1]]):
        return True
    if k + 1 == len(spans):
        return True
    return PARAGRAPH_BREAK.search(text[spans[k][1]:spans[k + 1][0]]) is not None


def choose_passage(rng, works, by_length):
    """Pick (work, first word, last word): 10% whole works, else log-uniform 10..2000 words
    from a work long enough (the longest ones when none is)."""
    if rng.random() < 0.10:
        work = works[rng.randrange(len(works))]
        return work, 0, work["count"] - 1
    length = int(round(math.exp(rng.uniform(math.log(10), math.log(2000)))))
    low, high = 0, len(by_length)
    while low < high:  # first work with at least `length` words
        mid = (low + high) // 2
        if by_length[mid]["count"] < length:
            low = mid + 1
        else:
            high = mid
    if low == len(by_length):
        work = by_length[-1 - rng.randrange(min(20, len(by_length)))]
        return work, 0, work["count"] - 1
    work = by_length[rng.randrange(low, len(by_length))]
    first = rng.randrange(work["count"] - length + 1)
    return work, first, first + length - 1


def widen_to_sentences(text, spans, first, last):
    """Move first back to a sentence start and last forward to a sentence end."""
    while first > 0 and not is_sentence_end(text, spans, first - 1):
        first -= 1
    while last < len(spans) - 1 and not is_sentence_end(text, spans, last):
        last += 1
    return first, last


def edit_words(rng, text, rate):
    """Substitute, insert or delete interior words with probability `rate` each."""
    pieces = re.split(r"(\s+)", text)
    words = [[pieces[k], pieces[k + 1] if k + 1 < len(pieces) else ""]
             for k in range(0, len(pieces), 2)]
    counts = {"substitutions": 0, "insertions": 0, "deletions": 0}
    out = [words[0]]
    for word, sep in words[1:-1]:
        if rng.random() >= rate:
            out.append([word, sep])
            continue
        operation = rng.choice(["substitutions", "insertions", "deletions"])
        counts[operation] += 1
        if operation == "substitutions":
            choices = [f for f in FILLER if f != word.lower()]
            out.append([rng.choice(choices), sep])
        elif operation == "insertions":
            out.append([word, " "])
            out.append([rng.choice(FILLER), sep])
        else:  # keep the stronger of the two separators
            out[-1][1] = max(out[-1][1], sep, key=lambda s: (s.count("\n"), len(s)))
    out.append(words[-1])
    return "".join(w + s for w, s in out), counts


def ascii_case(text, upper):
    """ASCII letters upper- or lower-cased, others untouched."""
    low, up = "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return text.translate(str.maketrans(low, up) if upper else str.maketrans(up, low))


def curly(text):
    """Straight quotes and apostrophes to curly ones (opening after space or bracket)."""
    out = []
    for k, ch in enumerate(text):
        opening = k == 0 or text[k - 1].isspace() or text[k - 1] in "([{"
        if ch == '"':
            out.append("\u201c" if opening else "\u201d")
        elif ch == "'":
            out.append("\u2018" if opening else "\u2019")
        else:
            out.append(ch)
    return "".join(out)


def sentences(paragraph):
    """The sentences of a one-line paragraph (split after words ending in . ! ?)."""
    items, current = [], []
    for word in paragraph.split():
        current.append(word)
        if SENTENCE_END.search(word):
            items.append(" ".join(current))
            current = []
    if current:
        items.append(" ".join(current))
    return items


def layout(name, text):
    """Apply one layout variant. Returns (prefix, core, suffix)."""
    paragraphs = [" ".join(p.split()) for p in PARAGRAPH_BREAK.split(text) if p.strip()]
    if name == "joined":
        return "", " ".join(paragraphs), ""
    if name == "wrapped":
        wrapped = [textwrap.fill(p, 72, break_long_words=False, break_on_hyphens=False)
                   for p in paragraphs]
        return "", "\n\n".join(wrapped), ""
    if name == "single_breaks":
        return "", "\n".join(paragraphs), ""
    if name in ("bullets", "numbered"):
        items = [s for p in paragraphs for s in sentences(p)]
        if name == "bullets":
            return "- ", "\n- ".join(items), ""
        core = items[0] + "".join(f"\n{k}. {item}" for k, item in enumerate(items[1:], 2))
        return "1. ", core, ""
    if name == "blockquote":
        return "> ", "\n>\n> ".join(paragraphs), ""
    mark = "**" if name == "bold" else "*"
    return mark, f"{mark}\n\n{mark}".join(paragraphs), mark


def apply_markup(text, names):
    """Apply the markup variants in order. Returns (prefix, core, suffix, applied names)."""
    prefix, suffix, applied = "", "", []
    for name in names:
        before = text
        if name in ("upper", "lower"):
            text = ascii_case(text, name == "upper")
        elif name == "straight_quotes":
            text = re.sub("[\u201c\u201d\u201e]", '"', re.sub("[\u2018\u2019\u201a]", "'", text))
        elif name == "curly_quotes":
            text = curly(text)
        elif name == "no_commas":
            text = text.replace(",", "")
        else:
            prefix, text, suffix = layout(name, text)
        if text != before or prefix or suffix:
            applied.append(name)
    stripped = text.strip()
    lead = text[:len(text) - len(text.lstrip())]
    return prefix + lead, stripped, text[len(lead) + len(stripped):] + suffix, applied


def draw_markup(rng, text):
    """Markup variants of one non-plain copy: none, one, or two of different groups.

    A quote conversion that would change nothing in `text` becomes the other one."""
    if rng.random() < 0.25:
        return []
    names = [name for group in MARKUP_GROUPS for name in group]
    chosen = {rng.choice(names)}
    if rng.random() < 0.25:
        group = next(g for g in MARKUP_GROUPS if chosen & set(g))
        chosen.add(rng.choice([n for n in names if n not in group]))
    if "straight_quotes" in chosen and not re.search("[\u2018\u2019\u201c\u201d]", text):
        chosen = (chosen - {"straight_quotes"}) | {"curly_quotes"}
    return [name for name in names if name in chosen]


def make_passage(rng, works, by_length):
    """Choose and transform one passage. Returns the truth dict (without entry fields)."""
    work, first, last = choose_passage(rng, works, by_length)
    text, spans = work["text"], word_spans(work)
    whole = first == 0 and last == len(spans) - 1
    if not whole and rng.random() < 0.60:
        first, last = widen_to_sentences(text, spans, first, last)
        whole = first == 0 and last == len(spans) - 1
    work_start, work_end = spans[first][0], spans[last][1]
    original = text[work_start:work_end]
    plain = rng.random() < 1 / 3
    rate = 0.0 if plain else rng.choice(EDIT_RATES)
    edited, counts = edit_words(rng, original, rate) if rate else (original, {
        "substitutions": 0, "insertions": 0, "deletions": 0})
    prefix, core, suffix, applied = apply_markup(edited, [] if plain else draw_markup(rng, edited))
    edits = sum(counts.values())
    variant = "+".join(applied + (["words"] if edits else [])) or "verbatim"
    return {"work": work["id"], "work_start": work_start, "work_end": work_end,
            "words": last - first + 1, "edit_rate": rate, "edits": edits, **counts,
            "variant": variant, "whole": whole, "also_in": [],
            "_block": (prefix, core, suffix), "_source": original}


def plant(rng, host, block):
    """Insert the block at a paragraph boundary of host. Returns (text, start, end)."""
    prefix, core, suffix = block
    boundaries = [0] + [m.end() for m in re.finditer(r"\n\s*\n", host)] + [len(host)]
    at = rng.choice(boundaries)
    before, after = host[:at].rstrip(), host[at:].lstrip()
    lead = rng.choice(LEAD_INS)
    head = (before + "\n\n" if before else "") + (lead + "\n\n" if lead else "") + prefix
    text = head + core + suffix + ("\n\n" + after if after else "")
    return text, len(head), len(head) + len(core)


def norm_words(text):
    """Lowercased words without punctuation, for comparing passages across works."""
    return NOT_WORD.sub("", text.lower()).split()


def shingles(words):
    """Yield (position, hash of the 8-word shingle there)."""
    for pos in range(len(words) - SHINGLE + 1):
        yield pos, hash(tuple(words[pos:pos + SHINGLE]))


def scan_corpus(works, passages, outputs):
    """Fill also_in of each passage; return outputs sharing many shingles with works."""
    wanted = {}
    for index, passage in enumerate(passages):
        passage["_norm"] = norm_words(passage["_source"])
        if len(passage["_norm"]) >= SHINGLE:
            wanted.setdefault(hash(tuple(passage["_norm"][:SHINGLE])), []).append(index)
    output_shingles = {}
    for index, text in enumerate(outputs):
        for _, key in shingles(norm_words(text)):
            output_shingles.setdefault(key, set()).add(index)
    hits = {}
    for work in works:
        words = norm_words(work["text"])
        for pos, key in shingles(words):
            for index in wanted.get(key, ()):
                passage, seq = passages[index], passages[index]["_norm"]
                if (work["id"] != passage["work"] and work["id"] not in passage["also_in"]
                        and words[pos:pos + len(seq)] == seq):
                    passage["also_in"].append(work["id"])
            for index in output_shingles.get(key, ()):
                hits.setdefault(index, set()).add(key)
    return sorted(i for i, keys in hits.items() if len(keys) >= OVERLAP_SHINGLES)


def check_plant(text, start, end, source):
    """The span must start and end on the passage's first and last word."""
    span = text[start:end]
    assert span and not span[0].isspace() and not span[-1].isspace(), "span has spaces at an end"
    got, want = norm_words(span), norm_words(source)
    assert got[:1] == want[:1] and got[-1:] == want[-1:], f"span ends differ: {got[:1]} {want[:1]}"


def write_json_lines(path, objects):
    """Write one JSON object per line."""
    with open(path, "w", encoding="utf-8") as handle:
        for obj in objects:
            handle.write(json.dumps(obj, ensure_ascii=False) + "\n")


def build_entries(rng, total, planted_at, passages, outputs, overlapping):
    """Entries n000000... (planted at the indexes in planted_at), their truth, and the
    entries whose host output is in `overlapping`."""
    suspects = {"planted": [], "untouched": []}
    entries, truth = [], []
    planted_count = untouched_count = 0
    for index in range(total):
        entry_id = f"n{index:06d}"
        if index in planted_at:
            passage = passages[planted_count]
            host_index = planted_count % len(outputs)
            planted_count += 1
            text, start, end = plant(rng, outputs[host_index], passage["_block"])
            check_plant(text, start, end, passage["_source"])
            truth.append({"kind": "copy", "entry_id": entry_id, "field": "text",
                          "start": start, "end": end,
                          **{k: v for k, v in passage.items() if not k.startswith("_")}})
        else:
            host_index = untouched_count % len(outputs)
            text = outputs[host_index]
            untouched_count += 1
        if host_index in overlapping:
            suspects["planted" if index in planted_at else "untouched"].append(entry_id)
        entries.append({"id": entry_id, "text": text})
    return entries, truth, suspects


def main(argv):
    """Build the set. Returns the exit status."""
    args = parse_args(argv)
    if not os.access(args.winnow, os.X_OK):
        print(f"plant_news: no winnow binary at {args.winnow} (use --winnow)", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    works = load_works(args.reuters, args.bbc)
    by_length = sorted(works, key=lambda w: w["count"])
    outputs = load_outputs(args.winnow, args.chatlogs)
    total = args.entries if args.entries is not None else args.plants + len(outputs)
    if not outputs or args.plants > total or args.plants < 0:
        print("plant_news: need chat outputs and 0 <= --plants <= --entries", file=sys.stderr)
        return 2
    planted_at = set(rng.sample(range(total), args.plants))
    passages = [make_passage(rng, works, by_length) for _ in range(args.plants)]
    overlapping = set(scan_corpus(works, passages, outputs))
    entries, truth, suspects = build_entries(rng, total, planted_at, passages, outputs,
                                             overlapping)
    os.makedirs(args.out, exist_ok=True)
    write_json_lines(os.path.join(args.out, "works.jsonl"),
                     ({k: v for k, v in w.items() if k not in ("spans", "count")} for w in works))
    write_json_lines(os.path.join(args.out, "entries.jsonl"), entries)
    write_json_lines(os.path.join(args.out, "truth.jsonl"), truth)
    summary = {"seed": args.seed, "plants": args.plants, "entries": total,
               "works": len(works), "distinct_outputs": len(outputs),
               "copies_with_also_in": sum(1 for p in passages if p["also_in"]),
               "entries_whose_output_overlaps_corpus": suspects}
    with open(os.path.join(args.out, "plant.json"), "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=1)
        handle.write("\n")
    print(f"plant_news: {len(works)} works, {total} entries ({args.plants} planted, "
          f"{len(outputs)} distinct outputs, {len(overlapping)} of them sharing "
          f">= {OVERLAP_SHINGLES} 8-word shingles with the corpus) in {args.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
