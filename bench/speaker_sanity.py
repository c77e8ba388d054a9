#!/usr/bin/env python3
"""Speaker sanity over `chorus quotes` output: how many quotes name as their
speaker something that cannot speak (a time word, month, weekday, platform,
pronoun, honorific) or a name found nowhere in the articles that carry the
quote, and how many are unattributed.

usage: chorus quotes [--format json] INPUT | bench/speaker_sanity.py INPUT
With --format json the quoted spans chorus skipped (not utterances, hostile
input) are counted too, by reason: they are reported, not hidden.
INPUT is what chorus read: a JSONL file of articles (id, text) or a
directory of .txt files (article id = file name without extension).
The word lists below are the checker's, not chorus's: they define what the
benchmark counts as nonsense, independently of the code under test."""
import json
import re
import os
import sys

TIME = {"today", "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening", "night", "week",
        "weekend", "month", "year", "day", "now", "earlier", "later", "last", "next"}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.",
          "oct.", "nov.", "dec."}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
PLATFORMS = {"twitter", "facebook", "instagram", "youtube", "tiktok", "snapchat", "reddit", "linkedin",
             "whatsapp", "telegram", "weibo", "wechat", "truth social", "x.com"}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "me", "who", "this",
            "that"}
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "madam", "mx.", "messrs."}


def load_texts(path):
    texts = {}
    if os.path.isdir(path):
        for root, _, files in os.walk(path):
            for f in files:
                if f.endswith(".txt"):
                    with open(os.path.join(root, f), encoding="utf-8", errors="replace") as fh:
                        texts[f[:-4]] = fh.read()
    else:
        with open(path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                try:
                    a = json.loads(line)
                except ValueError:
                    continue
                texts[str(a.get("id"))] = a.get("text") or ""
    return texts


def kind(speaker):
    s = speaker.strip().lower()
    words = s.split()
    if s in TIME or s in MONTHS or all(w in TIME | MONTHS | WEEKDAYS for w in words):
        return "month" if s in MONTHS else "weekday" if s in WEEKDAYS else "time word"
    if s in WEEKDAYS:
        return "weekday"
    if s in PLATFORMS:
        return "platform"
    if s in PRONOUNS:
        return "pronoun"
    if s in HONORIFICS or (len(words) == 1 and words[0].rstrip(".") in {h.rstrip(".") for h in HONORIFICS}):
        return "honorific"
    return None


def main():
    texts = load_texts(sys.argv[1])
    counts = {k: 0 for k in ("time word", "month", "weekday", "platform", "pronoun", "honorific",
                             "not in the article", "unattributed", "honorific as role")}
    total = 0
    examples = {}
    data = sys.stdin.read()
    skipped = None
    try:
        doc = json.loads(data)  # chorus quotes --format json
    except ValueError:
        doc = None  # JSON lines
    if isinstance(doc, dict) and "quotes" in doc:
        quotes, skipped = doc["quotes"], doc.get("skipped_quotes", [])
    else:
        quotes = [json.loads(line) for line in data.splitlines() if line.strip()]
    for q in quotes:
        total += 1
        spk, role = q.get("speaker"), q.get("role")
        if role and kind(role) == "honorific":
            counts["honorific as role"] += 1
        if not spk:
            counts["unattributed"] += 1
            continue
        k = kind(spk)
        if k is None:
            ids = [s.get("article") for s in q.get("sources", [])]
            # every word of the name in one carrying article (spelling
            # repairs such as mis-decoded accents aside: ASCII words only)
            words = [w for w in re.findall(r"[A-Za-z][A-Za-z'.-]+", spk)]
            if not any(all(w in texts.get(str(i), "") for w in words) for i in ids):
                k = "not in the article"
        if k:
            counts[k] += 1
            examples.setdefault(k, []).append(spk)
    print("| quotes | " + " | ".join(counts) + " |")
    print("|---:|" + "---:|" * len(counts))
    print("| %d | " % total + " | ".join(
        "%d (%.1f%%)" % (v, 100.0 * v / total) if k == "unattributed" and total else str(v)
        for k, v in counts.items()) + " |")
    if skipped is not None:
        by = {}
        for x in skipped:
            by[x["reason"]] = by.get(x["reason"], 0) + 1
        print()
        print("Quoted spans skipped as no quote: %d (beside the %d quotes)" % (len(skipped), total))
        print()
        print("| reason | spans |")
        print("|---|---:|")
        for r, v in sorted(by.items(), key=lambda kv: -kv[1]):
            print("| %s | %d |" % (r, v))
    if os.environ.get("SHOW"):
        for k, v in examples.items():
            print(k, ":", ", ".join(sorted(set(v))[:30]), file=sys.stderr)


if __name__ == "__main__":
    main()
