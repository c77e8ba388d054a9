#!/usr/bin/env python3
"""Synthetic news feed for ingest benchmarks and tests: N articles (JSONL on
stdout, in publication order) built at run time by recombining and perturbing
the sentences of a set of real articles (default: the DUC 2007 stream in
../shared/data, which is never copied into the repository).

Structure, so that deduplication and clustering have real work to do:
- stories: each draws its sentences from articles of one source topic (from
  gold.tsv beside the source), with most of the topic's capitalized names and
  a third of its longer words replaced by words invented for the story, so two
  stories of one topic share much vocabulary but not their names or all their
  terms (as two events of one kind do); story sizes are heavy-tailed, a
  story's articles are spread over a few days and written by several outlets;
- about 10% duplicates: 4% identical wire copies under another outlet, 3%
  lightly edited copies (a few words changed, a sentence dropped), 3% records
  re-sent as they were (same id, outlet and text: stored once).

usage: gen_articles.py N [--seed S] [--source articles.jsonl] [--gold out.tsv]
"""
import argparse
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCE = os.path.join(HERE, "..", "..", "shared", "data", "duc2007-stream", "articles.jsonl")

OUTLETS = ["Wire One", "Daily Ledger", "Morning Post", "Evening Standard", "Metro Times",
           "Capital News", "Harbor Herald", "Valley Tribune", "Northern Star", "Gazette",
           "Chronicle", "Observer", "Courier", "Sentinel", "Examiner", "Dispatch",
           "Bulletin", "Register", "Journal", "Telegraph", "Globe", "Monitor",
           "Record", "Express", "Inquirer", "Review", "Beacon", "Herald Sun",
           "Pioneer Press", "Free Press"]

SENT_SPLIT = re.compile(r'(?:(?<=[.!?])|(?<=[.!?]["\']))\s+(?=["\'(]?[A-Z])')
NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")
TERM = re.compile(r"\b[a-z]{6,}\b")
SYLLABLES = ["ka", "lo", "mer", "vin", "ta", "sor", "bel", "dru", "ne", "qui", "ras", "to",
             "len", "mi", "gar", "pha", "zu", "ol", "din", "ser", "ba", "rek", "hal", "vo"]


def load(source, gold_path):
    topics = {}
    if os.path.exists(gold_path):
        with open(gold_path, encoding="utf-8") as f:
            next(f, None)
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 2:
                    topics[parts[0]] = parts[1]
    by_topic = {}
    with open(source, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            paras = [p.strip() for p in a["text"].split("\n\n") if p.strip()]
            sents = []
            for p in paras:
                sents.extend(s for s in SENT_SPLIT.split(" ".join(p.split())) if len(s) > 20)
            if len(sents) < 4:
                continue
            topic = topics.get(a.get("id"), a.get("id"))
            by_topic.setdefault(topic, []).append((a.get("title") or sents[0][:60], sents))
    return [v for _, v in sorted(by_topic.items())]


def invent_name(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def make_story(rng, topic_articles):
    """The sentence pool and title of one story: two articles of the topic,
    names replaced consistently by invented ones."""
    picks = rng.sample(topic_articles, min(2, len(topic_articles)))
    names = {}

    def rename(m):
        w = m.group(0)
        if w not in names:
            names[w] = invent_name(rng) if rng.random() < 0.7 else w
        return names[w]

    terms = {}

    def reterm(m):
        w = m.group(0)
        if w not in terms:
            terms[w] = invent_name(rng).lower() if rng.random() < 0.35 else w
        return terms[w]

    pool = []
    for _, sents in picks:
        pool.extend(TERM.sub(reterm, NAME.sub(rename, s)) for s in sents)
    title = NAME.sub(rename, picks[0][0])
    return title, pool


def perturb(rng, sentence):
    words = sentence.split(" ")
    if len(words) > 6:
        i = rng.randrange(1, len(words) - 1)
        if rng.random() < 0.5:
            del words[i]
        else:
            words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def article_text(rng, pool):
    k = min(len(pool), rng.randint(5, 12))
    idx = sorted(rng.sample(range(len(pool)), k))
    sents = [perturb(rng, pool[i]) if rng.random() < 0.3 else pool[i] for i in idx]
    paras, i = [], 0
    while i < len(sents):
        n = rng.randint(1, 3)
        paras.append(" ".join(sents[i:i + n]))
        i += n
    return "\n\n".join(paras)


def edited_copy(rng, text):
    paras = text.split("\n\n")
    if len(paras) > 3:
        del paras[rng.randrange(1, len(paras))]
    words = "\n\n".join(paras).split(" ")
    for _ in range(3):
        i = rng.randrange(len(words))
        words[i] = words[i].upper() if rng.random() < 0.5 else words[i] + ","
    return " ".join(words)


def iso(t):
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--source", default=DEFAULT_SOURCE)
    ap.add_argument("--gold", help="also write id<TAB>story for every article")
    args = ap.parse_args()
    if not os.path.exists(args.source):
        sys.exit(f"gen_articles: source articles not found: {args.source}")
    rng = random.Random(args.seed)
    topics = load(args.source, os.path.join(os.path.dirname(args.source), "gold.tsv"))
    if not topics:
        sys.exit("gen_articles: no usable source article")

    # Plan: (time, story, slot) for the originals; sizes heavy-tailed (mean ~12).
    n_orig = max(1, int(args.n / 1.1) + args.n // 100 + 20)  # copies bring the total past n
    start = 1735689600  # 2025-01-01
    span = max(86400, n_orig * 30)  # about 2,900 new articles a day
    plan, stories = [], []
    while len(plan) < n_orig:
        size = min(int(rng.paretovariate(1.3) * 3), 400, n_orig - len(plan))
        s = len(stories)
        t0 = start + rng.randrange(span)
        stories.append(rng.randrange(len(topics)))
        days = rng.uniform(0.5, 5)
        plan.extend((t0 + int(rng.random() ** 2 * days * 86400), s) for _ in range(size))
    plan.sort()

    pools = {}
    remaining = {}
    for _, s in plan:
        remaining[s] = remaining.get(s, 0) + 1
    out = sys.stdout
    gold = open(args.gold, "w", encoding="utf-8") if args.gold else None
    if gold:
        gold.write("id\tstory\n")
    pending = []  # copies to emit later: (time, record, story)
    written = 0
    dumps = json.dumps

    def emit(rec, story, resent=False):
        nonlocal written
        out.write(dumps(rec, ensure_ascii=False))
        out.write("\n")
        if gold and not resent:  # a record sent again is the same article
            gold.write(f"{rec['id']}\tS{story}\n")
        written += 1

    import heapq
    for i, (t, s) in enumerate(plan):
        while pending and pending[0][0] <= t and written < args.n:
            _, _, rec, story, resent = heapq.heappop(pending)
            emit(rec, story, resent)
        if written >= args.n:
            break
        if s not in pools:
            pools[s] = make_story(rng, topics[stories[s]])
        title, pool = pools[s]
        rec = {"id": f"g{i}", "source": rng.choice(OUTLETS), "published": iso(t),
               "title": title, "text": article_text(rng, pool)}
        emit(rec, s)
        r = rng.random()
        other = OUTLETS[(OUTLETS.index(rec["source"]) + rng.randrange(1, len(OUTLETS))) % len(OUTLETS)]
        if r < 0.04:  # wire copy under another outlet
            c = dict(rec, id=f"g{i}w", source=other, published=iso(t + rng.randrange(60, 7200)))
            heapq.heappush(pending, (t + 60, i, c, s, False))
        elif r < 0.07:  # lightly edited copy
            c = dict(rec, id=f"g{i}e", source=other, published=iso(t + rng.randrange(600, 14400)),
                     text=edited_copy(rng, rec["text"]))
            heapq.heappush(pending, (t + 600, i, c, s, False))
        elif r < 0.10:  # the same record sent again
            heapq.heappush(pending, (t + 1, i, dict(rec), s, True))
        remaining[s] -= 1
        if not remaining[s]:
            del pools[s]  # keep memory to the stories still running
    while pending and written < args.n:
        _, _, rec, story, resent = heapq.heappop(pending)
        emit(rec, story, resent)
    if gold:
        gold.close()


if __name__ == "__main__":
    main()
