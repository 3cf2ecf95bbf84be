"""Benchmark the link detector against the labelled corpus.

    .venv/bin/python bench/linkpolicy.py [--corpus PATH] [--repeat N]

Prints quality (recall on link comments, false-positive rate on clean ones,
span overlap; overall, per category and per language; share of ambiguous
comments flagged), throughput for ``pressroom.linkpolicy``, linkify-it-py
(fuzzy links on) and urlextract over the same texts in the same run, how many
obfuscated link comments the other two catch, and timings for adversarial
inputs.  linkify-it-py and urlextract are dev dependencies: they are imported
here only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pressroom.linkpolicy import find_links  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "linkcorpus" / "dev.jsonl"

ADVERSARIAL = {
    "'.' * 10**6": lambda: "." * 10**6,
    "'a.' * 500_000": lambda: "a." * 500_000,
    "'http://' to 1 MB": lambda: ("http://" * 142_858)[: 10**6],
    "1 MB token of letters": lambda: "a" * 10**6,
    "100_000 combining marks": lambda: "a" + "\u0301" * 100_000,
    "'a@' + '한.글.' * 200_000": lambda: "a@" + "한.글." * 200_000,
    "'a@' * 500_000": lambda: "a@" * 500_000,
    "'x dot ' to 1 MB": lambda: "x dot " * 166_667,
    "'[url=' * 200_000": lambda: "[url=" * 200_000,
    "'w w w . ' to 1 MB": lambda: "w w w . " * 125_000,
}


def _overlaps(span, links) -> bool:
    s, e = span
    return any(a < e and s < b for a, b in links)


def _pct(num: int, den: int) -> str:
    return f"{100.0 * num / den:6.2f}% ({num}/{den})" if den else "     n/a"


def _throughput(fn, texts, repeat: int) -> float:
    """Best-of-``repeat`` MB/s (UTF-8 bytes) of ``fn`` over ``texts``."""
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        best = min(best, time.perf_counter() - t0)
    return size / best


def quality(items, preds) -> None:
    by = {"category": defaultdict(lambda: [0, 0, 0, 0]), "lang": defaultdict(lambda: [0, 0, 0, 0])}
    # per key: [flagged, total, spans hit, spans total]
    tot = {"link": [0, 0, 0, 0], "clean": [0, 0, 0, 0], "ambiguous": [0, 0, 0, 0]}
    amb = defaultdict(lambda: [0, 0])
    misses, fps = [], []
    for it in items:
        links = [(l.start, l.end) for l in preds[it["id"]]]
        flagged = bool(links)
        label = it["label"]
        row = tot[label]
        row[0] += flagged
        row[1] += 1
        if label == "ambiguous":
            amb[it["category"]][0] += flagged
            amb[it["category"]][1] += 1
            continue
        spans = it.get("spans") or []
        hit = sum(_overlaps(sp, links) for sp in spans)
        row[2] += hit
        row[3] += len(spans)
        for key in ("category", "lang"):
            r = by[key][(label, it[key])]
            r[0] += flagged
            r[1] += 1
            r[2] += hit
            r[3] += len(spans)
        if label == "link" and not flagged:
            misses.append(it)
        if label == "clean" and flagged:
            fps.append(it)
    lk, cl = tot["link"], tot["clean"]
    print("== Quality")
    print(f"recall (link comments flagged)      {_pct(lk[0], lk[1])}")
    print(f"false positives (clean flagged)     {_pct(cl[0], cl[1])}")
    print(f"span overlap (gold spans hit)       {_pct(lk[2], lk[3])}")
    print(f"ambiguous flagged                   {_pct(tot['ambiguous'][0], tot['ambiguous'][1])}")
    for key in ("category", "lang"):
        print(f"\n-- per {key}")
        for (label, name), (f, n, h, hs) in sorted(by[key].items()):
            if label == "link":
                print(f"  link   {name:<24} recall {_pct(f, n)}   spans {_pct(h, hs)}")
            else:
                print(f"  clean  {name:<24} FPR    {_pct(f, n)}")
    print("\n-- ambiguous flagged per category (not errors; see docs/linkpolicy.md)")
    for cat, (f, n) in sorted(amb.items()):
        print(f"  {cat:<24} {_pct(f, n)}")
    for title, rows in (("missed link comments", misses), ("false positives", fps)):
        if rows:
            print(f"\n-- {title}")
            for it in rows:
                print(f"  {it['id']} {it['category']}: {it['text'][:100]!r}")


def speed(items, repeat: int) -> None:
    texts = [it["text"] for it in items]
    ours = _throughput(find_links, texts, repeat)
    rows = [("pressroom.linkpolicy", ours)]
    others = {}
    try:
        from linkify_it import LinkifyIt

        lf = LinkifyIt().set({"fuzzy_link": True, "fuzzy_email": True, "fuzzy_ip": True})
        others["linkify-it-py (fuzzy)"] = lambda t: lf.match(t)
    except ImportError:
        print("linkify-it-py not installed; skipped")
    try:
        from urlextract import URLExtract

        ux = URLExtract()
        others["urlextract"] = lambda t: ux.find_urls(t)
    except ImportError:
        print("urlextract not installed; skipped")
    for name, fn in others.items():
        fn("warm up example.com")
        rows.append((name, _throughput(fn, texts, repeat)))
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"\n== Throughput over {len(texts)} texts, {size:.3f} MB UTF-8, best of {repeat}")
    for name, mbs in rows:
        ratio = "" if name.startswith("pressroom") else f"   ours/{name.split()[0]} = {ours / mbs:5.2f}x"
        print(f"  {name:<24} {mbs:7.2f} MB/s{ratio}")
    obf = [it for it in items if it["label"] == "link" and it["category"].startswith("obf_")]
    print(f"\n== Obfuscated link comments caught ({len(obf)} in corpus)")
    print(f"  {'pressroom.linkpolicy':<24} {sum(bool(find_links(it['text'])) for it in obf)}")
    for name, fn in others.items():
        print(f"  {name:<24} {sum(bool(fn(it['text'])) for it in obf)}")


def adversarial() -> None:
    print("\n== Adversarial inputs (single call, seconds)")
    for name, make in ADVERSARIAL.items():
        text = make()
        t0 = time.perf_counter()
        n = len(find_links(text))
        print(f"  {name:<28} {len(text):>9} chars {time.perf_counter() - t0:7.3f}s  links={n}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                    help=f"labelled JSONL corpus (default: {DEFAULT_CORPUS})")
    ap.add_argument("--repeat", type=int, default=5, help="throughput repetitions (best is kept)")
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus} -- nothing to benchmark "
              "(pass --corpus PATH to a JSONL file with id/text/label/category/lang/spans)")
        return 0
    with args.corpus.open(encoding="utf-8") as fh:
        items = [json.loads(line) for line in fh if line.strip()]
    t0 = time.perf_counter()
    find_links("warm up: loads the TLD list example.com")
    print(f"TLD list load + first call: {time.perf_counter() - t0:.3f}s")
    preds = {it["id"]: find_links(it["text"]) for it in items}
    print(f"corpus: {args.corpus} ({len(items)} comments)\n")
    quality(items, preds)
    speed(items, args.repeat)
    adversarial()
    return 0


if __name__ == "__main__":
    sys.exit(main())
