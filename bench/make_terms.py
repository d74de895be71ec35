#!/usr/bin/python3
"""Writes a term file (name<TAB>query) of words and 2-3 word phrases drawn
from canonical entries, as a review term list would hold them: no stopwords
or operator words, phrases that start and end with a content word, shares of
entries from 0.01% to 2% (log-uniform). Used by bench/scan_eval.sh.

Usage: make_terms.py [--terms N] [--seed S] ENTRIES.jsonl > terms.tsv
"""
import argparse
import collections
import json
import math
import random
import re

STOP = set("""a an and are as at be but by for from has have he her his i if in into is it its me my no not of on or
our she so that the their them then there these they this to was we were what when which who will with you your
near pre w can do does did how why""".split())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--terms", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("entries")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    df = [collections.Counter() for _ in range(3)]
    n = 0
    with open(a.entries, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 4:
                continue
            e = json.loads(line)
            words = re.findall(r"[a-z][a-z']+", (e.get("prompt", "") + " \n " + e.get("output", "")).lower())
            n += 1
            for k in range(3):
                grams = set()
                for j in range(len(words) - k):
                    g = words[j:j + k + 1]
                    if g[0] in STOP or g[-1] in STOP or "'" in "".join(g):
                        continue
                    grams.add(" ".join(g))
                df[k].update(grams)
    wanted = {0: int(a.terms * 0.65), 1: int(a.terms * 0.25)}
    wanted[2] = a.terms - wanted[0] - wanted[1]
    out = []
    for k in range(3):
        pool = [(g, c / n) for g, c in df[k].items() if 0.0001 <= c / n <= 0.02]
        pool.sort()
        rng.shuffle(pool)
        # log-uniform shares: bucket the pool by log share and draw evenly
        buckets = collections.defaultdict(list)
        for g, s in pool:
            buckets[int(math.log10(s) * 4)].append(g)
        keys = sorted(buckets)
        picked = set()
        while len(picked) < wanted[k] and any(buckets[b] for b in keys):
            for b in keys:
                if buckets[b] and len(picked) < wanted[k]:
                    picked.add(buckets[b].pop())
        out += sorted(picked)
    for i, t in enumerate(out):
        q = t if " " not in t else '"' + t + '"'
        print(f"t{i:03d}\t{q}")


if __name__ == "__main__":
    main()
