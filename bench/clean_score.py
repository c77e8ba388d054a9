#!/usr/bin/env python3
"""Score cleaned scraped pages with the snippet metric of scraped-dev/README.md.

usage: clean_score.py DATA_DIR CLEANED_DIR [--pages LIST]
CLEANED_DIR holds one <name>.txt per page (chorus clean's output); a page
with no output file counts as keeping nothing. Prints one table row per
system: chorus and the README's two baselines (recomputed here, so the
scorer is checked against the published figures).
Token figures weight each snippet by its words: token recall is the share of
`with` words kept; token precision the share of kept snippet words that
belong to `with` snippets (the dev set has no full gold text, so this is
measured on the snippets only)."""
import json
import os
import sys


def norm(s):
    return " ".join(s.split())


def score(data, texts):
    tp = fn = fp = tn = 0
    tw_keep = tw_all = fw_keep = 0
    with_tp = with_all = 0
    for name, ev in data.items():
        t = texts.get(name)
        t = norm(t) if t else None
        for s in ev["with"]:
            w = len(s.split())
            tw_all += w
            if t is not None and norm(s) in t:
                tp += 1
                tw_keep += w
            else:
                fn += 1
        for s in ev["without"]:
            w = len(s.split())
            if t is not None and norm(s) in t:
                fp += 1
                fw_keep += w
            else:
                tn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    acc = (tp + tn) / (tp + fn + fp + tn)
    tokr = tw_keep / tw_all if tw_all else 0.0
    tokp = tw_keep / (tw_keep + fw_keep) if tw_keep + fw_keep else 0.0
    return f, p, r, acc, tp, fn, fp, tn, tokp, tokr


def main():
    data_dir, out_dir = sys.argv[1], sys.argv[2]
    data = json.load(open(os.path.join(data_dir, "evaldata.json"), encoding="utf-8"))
    if len(sys.argv) > 4 and sys.argv[3] == "--pages":
        keep = set(open(sys.argv[4]).read().split())
        data = {k: v for k, v in data.items() if k in keep}
    raw, ten, ours = {}, {}, {}
    for name in data:
        with open(os.path.join(data_dir, name), encoding="utf-8", errors="replace") as fh:
            lines = fh.read().split("\n")
        raw[name] = "\n".join(lines)
        ten[name] = "\n".join(l for l in lines if len(l.split()) >= 10)
        p = os.path.join(out_dir, name)
        if os.path.exists(p):
            with open(p, encoding="utf-8", errors="replace") as fh:
                ours[name] = fh.read()
    print(f"pages {len(data)}")
    print("| system | F1 | precision | recall | accuracy | TP | FN | FP | TN | token P | token R |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, texts in (("keep everything (baseline)", raw), ("lines of >= 10 words (baseline)", ten),
                         ("chorus clean", ours)):
        f, p, r, acc, tp, fn, fp, tn, tokp, tokr = score(data, texts)
        print(f"| {label} | {f:.3f} | {p:.3f} | {r:.3f} | {acc:.3f} | {tp} | {fn} | {fp} | {tn} | {tokp:.3f} | {tokr:.3f} |")


if __name__ == "__main__":
    main()
