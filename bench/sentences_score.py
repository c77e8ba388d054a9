#!/usr/bin/env python3
"""Score `chorus sentences --jsonl` output against sentences-dev gold.

Boundary precision/recall/F1 (micro, per file) and exact-document rate, as the
data's README defines them, and language detection accuracy (whole document and
first sentence). chorus returns sentence strings after its normalization
(entities such as &#39; decoded, NFC, typewriter quotes made typographic), so
each string is aligned to the original text on non-space characters.

usage: sentences_score.py GOLD.jsonl DOCS_OUT.jsonl FIRST_OUT.jsonl
prints one JSON line with the file's figures.
"""
import json
import sys



def gold_bounds(text, sents):
    pos, ends = 0, []
    for s in sents:
        pos = text.find(s, pos) + len(s)
        ends.append(pos)
    return set(ends[:-1])


def system_bounds(text, sents):
    """Cut offsets in the original text, each just after a sentence's last
    character (so already moved left over whitespace). The sentences' non-space
    characters are walked along the text's; where normalization changed
    something (an entity decoded, `` made a curly quote) the walk resyncs on
    the next four characters that agree."""
    orig = [i for i, c in enumerate(text) if not c.isspace()]
    p, cuts, drift = 0, [], 0
    for s in sents:
        chars = [c for c in s if not c.isspace()]
        q = 0
        last_miss = -10
        while q < len(chars) and p < len(orig):
            if text[orig[p]] == chars[q]:
                p += 1
                q += 1
                continue
            drift += 1
            last_miss = q
            best = None
            for dq in range(0, 4):
                for dp in range(0, 12):
                    if dp == dq == 0:
                        continue
                    k = 0
                    while (k < 4 and q + dq + k < len(chars) and p + dp + k < len(orig)
                           and text[orig[p + dp + k]] == chars[q + dq + k]):
                        k += 1
                    if k == 4 or (k > 0 and q + dq + k == len(chars)):
                        best = (dp, dq)
                        break
                if best:
                    break
            dp, dq = best if best else (1, 1)
            p += dp
            q += dq
        # a changed character at the very end ('' that became one curly
        # quote): take the rest of the punctuation glued to it
        while (last_miss >= len(chars) - 2 and 0 < p < len(orig) and orig[p] == orig[p - 1] + 1
               and (not text[orig[p]].isalnum() or text[orig[p] - 1] in "&#0123456789")):
            p += 1
        if p > 0:
            cuts.append(orig[min(p, len(orig)) - 1] + 1)
    last = len(text.rstrip())
    return {c for c in cuts[:-1] if 0 < c < last}, drift


def main():
    gold_path, out_path, first_path = sys.argv[1:4]
    gold = [json.loads(l) for l in open(gold_path, encoding="utf-8") if l.strip()]
    out = [json.loads(l) for l in open(out_path, encoding="utf-8") if l.strip()]
    first = [json.loads(l) for l in open(first_path, encoding="utf-8") if l.strip()]
    lang = gold_path.rsplit("/", 1)[-1].split("-")[0]
    tp = fp = fn = exact = 0
    drift = 0
    for g, o in zip(gold, out):
        gb = gold_bounds(g["text"], g["sentences"])
        sb, d = system_bounds(g["text"], o["sentences"])
        drift += d
        tp += len(gb & sb)
        fp += len(sb - gb)
        fn += len(gb - sb)
        exact += gb == sb
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    doc_ok = sum(o["language"] == lang for o in out)
    first_ok = sum(o["language"] == lang for o in first)
    print(json.dumps({
        "file": gold_path.rsplit("/", 1)[-1], "lang": lang, "docs": len(gold), "gold": tp + fn,
        "p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "exact": round(exact / len(gold), 3),
        "lang_doc": round(doc_ok / len(out), 4), "lang_first": round(first_ok / len(first), 4),
        "misaligned_chars": drift,
    }))


if __name__ == "__main__":
    main()
