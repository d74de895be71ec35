#!/usr/bin/python3
"""Scores a `winnow scan` against the generator's ground truth.

Usage: scan_score.py TRUTH.jsonl ENTRIES.jsonl VERDICTS.jsonl [--json]

TRUTH is `winnow gen`'s truth.jsonl, ENTRIES the canonical entries of the
same conversations (`winnow convert`), VERDICTS the decrypted scan results
(one line per relevant entry). Alternate entries (ChatGPT branches) repeat
what is planted in the visible entry without truth of their own, so they
are counted apart.

Recall: a planted paywall-workaround request is found when its entry is
relevant to a rule of category "paywall" with a reason span overlapping the
planted span in the same field; a planted publisher reference likewise with
a rule of category "publisher". Flagged: visible entries with nothing
planted that matters for relevance (no copy, publisher_ref or paywall line)
that are relevant to any rule.
"""
import collections
import json
import sys


def overlaps(reason, field, tool_index, start, end):
    if reason.get("field") != field:
        return False
    if field == "tools" and reason.get("tool_index") != tool_index:
        return False
    return any(s < end and start < e for s, e in reason.get("spans", []))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    as_json = "--json" in sys.argv
    truth_path, entries_path, verdicts_path = args
    alternates, visible = set(), set()
    with open(entries_path, encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            (alternates if e.get("alternate") else visible).add(e["entry_id"])
    planted = collections.defaultdict(list)  # entry -> truth lines that matter
    for line in open(truth_path, encoding="utf-8"):
        t = json.loads(line)
        if t["kind"] in ("copy", "publisher_ref", "paywall"):
            planted[t["entry_id"]].append(t)
    verdicts = {}
    for line in open(verdicts_path, encoding="utf-8"):
        v = json.loads(line)
        verdicts[v["entry_id"]] = v

    found = collections.Counter()
    total = collections.Counter()
    misses = []
    for entry, lines in planted.items():
        for t in lines:
            if t["kind"] == "copy":
                continue
            key = "paywall" if t["kind"] == "paywall" else "publisher_ref:" + t["ref"]
            category = "paywall" if t["kind"] == "paywall" else "publisher"
            total[key] += 1
            v = verdicts.get(entry)
            rules = {r["name"]: r["category"] for r in v["rules"]} if v else {}
            ok = v is not None and any(
                rules.get(r["rule"]) == category
                and overlaps(r, t["field"], t.get("tool_index"), t["start"], t["end"])
                for r in v["reasons"])
            if ok:
                found[key] += 1
            elif len(misses) < 20:
                misses.append({"entry": entry, "kind": key, "value": t.get("value"), "field": t["field"]})

    unplanted = [e for e in visible if e not in planted]
    flagged = collections.Counter()
    flagged_any = 0
    examples = []
    for e in unplanted:
        v = verdicts.get(e)
        if v is None:
            continue
        flagged_any += 1
        for r in v["rules"]:
            flagged[r["name"]] += 1
        if len(examples) < 10:
            examples.append({"entry": e, "reasons": v["reasons"][:3]})
    alt_flagged = sum(1 for e in alternates if e in verdicts)

    result = {
        "recall": {k: {"found": found[k], "planted": total[k],
                       "recall": round(found[k] / total[k], 4) if total[k] else None} for k in sorted(total)},
        "recall_all": round(sum(found.values()) / max(1, sum(total.values())), 4),
        "unplanted_entries": len(unplanted),
        "unplanted_flagged": flagged_any,
        "unplanted_flagged_share": round(flagged_any / max(1, len(unplanted)), 6),
        "unplanted_flagged_by_rule": dict(flagged),
        "relevant_entries": len(verdicts),
        "alternates": len(alternates),
        "alternates_flagged": alt_flagged,
        "misses": misses,
        "flagged_examples": examples,
    }
    if as_json:
        print(json.dumps(result, indent=1))
        return
    print("| planted | found | recall |")
    print("|---|---|---|")
    for k, r in result["recall"].items():
        print(f"| {k} | {r['found']}/{r['planted']} | {r['recall']:.4f} |")
    print(f"| all | {sum(found.values())}/{sum(total.values())} | {result['recall_all']:.4f} |")
    print()
    print(f"unplanted visible entries flagged: {flagged_any} of {len(unplanted)} "
          f"= {100 * result['unplanted_flagged_share']:.3f}% (by rule: {dict(flagged)})")
    print(f"relevant entries: {len(verdicts)}; alternates flagged: {alt_flagged} of {len(alternates)}")
    for m in misses[:10]:
        print("MISS", json.dumps(m, ensure_ascii=False))
    for x in examples[:5]:
        print("FLAGGED", json.dumps(x, ensure_ascii=False)[:400])


if __name__ == "__main__":
    main()
