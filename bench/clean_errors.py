#!/usr/bin/env python3
"""Error analysis of the line model of `chorus clean --pages` on scraped-dev:
every `with` snippet the held-out verdicts lose (FN) and every `without`
snippet they keep (FP), with the lines it spans, their verdicts, scores and
neighbours, counted by kind.

usage: clean_errors.py DATA_DIR FEATURES_TSV [--scores CACHE.json] [--cost C] [--threshold T]
       [--list fn|fp|all] [--context N] [more clean_fit_trees.py options (--depth, --article-weight)]

The scores are the held-out ones of bench/clean_fit_trees.py (5 folds by
page, three stages): every page scored by a model fitted without it. With
--scores the scores are read from CACHE.json when it exists, else computed
and written there. The verdicts are those of the operating point (--cost,
--threshold; default the exported model's, from clean_line_trees.h).

A snippet is a substring of the whitespace-joined kept text, so a `with`
snippet over several lines (a link splits a paragraph into three) is lost
when any of them goes; the kinds say which line lost it and why."""
import collections
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clean_fit as cf  # noqa: E402
import clean_fit_trees as ft  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def exported_point():
    """(cost, threshold) of the exported model."""
    text = open(os.path.join(HERE, "..", "src", "analyze", "clean_line_trees.h")).read()
    t = float(re.search(r"LINE_THRESHOLD = ([-0-9.]+)", text).group(1))
    c = float(re.search(r"LINE_SWITCH_COST = ([-0-9.]+)", text).group(1))
    return c, t


def held_out_scores(pg, names, k, stages):
    folds = [[n for n in names if cf.fold_of(n, k) == i] for i in range(k)]
    sc = {}
    for i in range(k):
        train = [n for j in range(k) if j != i for n in folds[j]]
        sc.update(ft.predict(pg, ft.fit_stages(pg, train, stages, k), folds[i]))
        print(f"  fold {i} scored", file=sys.stderr, flush=True)
    return sc


def spans_of(lines):
    spans, parts, pos = [], [], 0
    for _, _, _, text in lines:
        t = cf.norm(text)
        spans.append((pos, pos + len(t)))
        parts.append(t)
        pos += len(t) + 1
    return " ".join(parts), spans


def lines_of(page, spans, snippet):
    """Indices of the lines the first occurrence of snippet spans (None when absent)."""
    at = page.find(snippet)
    if at < 0:
        return None
    end = at + len(snippet)
    return [i for i, (a, b) in enumerate(spans) if a < end and at < b]


def words(text):
    return len(text.split())


def fn_kind(lines, span, kept, judged, score):
    """Why a `with` snippet is lost."""
    lost = [i for i in span if i not in kept]
    if not lost:
        return "all its lines kept (order or joining)", lost
    fixed = [i for i in lost if i not in judged]
    if fixed:
        return "dropped by a rule the model leaves alone: " + lines[fixed[0]][1], lost
    multi = len(span) > 1
    if multi and len(lost) < len(span):
        short = all(words(lines[i][3]) <= 3 for i in lost)
        return ("several lines, a short piece dropped (link text or a split's rest)" if short
                else "several lines, a long piece dropped"), lost
    # the whole snippet went: was its neighbourhood kept?
    a, b = span[0], span[-1]
    prev_kept = any(i in kept for i in range(max(0, a - 2), a))
    next_kept = any(i in kept for i in range(b + 1, min(len(lines), b + 3)))
    where = ("between kept lines" if prev_kept and next_kept else
             "at an edge of kept text" if prev_kept or next_kept else "in a dropped stretch")
    size = "short" if sum(words(lines[i][3]) for i in span) < 10 else "long"
    return f"whole snippet dropped, {size}, {where}", lost


def fp_kind(lines, span, kept, judged, with_lines, rules_keep):
    """Why a `without` snippet is kept."""
    if any(lines[i][0] == "title" for i in span):
        return "the headline line (always kept)"
    if with_lines:
        lo, hi = min(with_lines), max(with_lines)
        where = "before the article" if span[-1] < lo else "after the article" if span[0] > hi else "inside the article"
    else:
        where = "page without a with-line"
    unjudged = [i for i in span if i not in judged]
    if unjudged:
        return f"{where}, kept by a rule the model leaves alone"
    flipped = any(not rules_keep[i] for i in span)
    return f"{where}, {'the model keeps what the rules drop' if flipped else 'the rules and the model keep it'}"


def show(lines, span, kept, score_of, ctx, out):
    lo, hi = max(0, span[0] - ctx), min(len(lines), span[-1] + ctx + 1)
    for i in range(lo, hi):
        verdict, reason, f, text = lines[i]
        mark = ">" if i in span else " "
        k = "K" if i in kept else "-"
        s = f"{score_of[i]:+6.2f}" if i in score_of else "   n/a"
        t = text if len(text) <= 110 else text[:107] + "..."
        r = reason if verdict != "keep" else "kept by rules"
        out.append(f"    {mark}{k} {s} w{words(text):<3d} [{r[:38]}] {t}")


def main():
    args = sys.argv[1:]
    data_dir, dump = args[0], args[1]
    cache = args[args.index("--scores") + 1] if "--scores" in args else None
    cost, thr = exported_point()
    if "--cost" in args:
        cost = float(args[args.index("--cost") + 1])
    if "--threshold" in args:
        thr = float(args[args.index("--threshold") + 1])
    listing = args[args.index("--list") + 1] if "--list" in args else None
    ctx = int(args[args.index("--context") + 1]) if "--context" in args else 2
    if "--depth" in args or "--article-weight" in args:
        ft.use((int(args[args.index("--depth") + 1]) if "--depth" in args else ft.PARAMS["max_depth"],
                float(args[args.index("--article-weight") + 1]) if "--article-weight" in args else ft.WITH_WEIGHT))
    data = json.load(open(os.path.join(data_dir, "evaldata.json"), encoding="utf-8"))
    pages = cf.read_dump(dump)
    names = sorted(data)
    pg = ft.Pages(data, pages, names)
    if cache and os.path.exists(cache):
        scores = json.load(open(cache))
    else:
        scores = held_out_scores(pg, names, 5, 3)
        if cache:
            json.dump(scores, open(cache, "w"))
    fn_count, fp_count = collections.Counter(), collections.Counter()
    fn_list, fp_list = collections.defaultdict(list), collections.defaultdict(list)
    tot = [0, 0, 0, 0]
    for n in names:
        lines, labs, idx, _ = pg.P[n]
        sc = scores.get(n, [])
        labels = cf.smooth([s - thr for s in sc], cost)
        judged = set(idx)
        keep_model = {i for i, y in zip(idx, labels) if y}
        kept = {i for i, line in enumerate(lines)
                if line[0] == "title" or i in keep_model or (line[0] == "keep" and not cf.judgeable(line))}
        score_of = dict(zip(idx, sc))
        # the rules' verdict before the model (the dump's verdict is the final one)
        rules_keep = [line[0] == "title" or (line[2][0] > 0 if line[2] is not None else line[0] == "keep")
                      for line in lines]
        text = cf.norm("\n".join(lines[i][3] for i in sorted(kept)))
        page, spans = spans_of(lines)
        ev = data[n]
        with_lines = set()
        for s in ev["with"]:
            sp = lines_of(page, spans, cf.norm(s))
            if sp:
                with_lines.update(sp)
        for s in ev["with"]:
            s = cf.norm(s)
            if text and s in text:
                tot[0] += 1
                continue
            tot[1] += 1
            sp = lines_of(page, spans, s)
            if sp is None:
                fn_count["not in the dump"] += 1
                continue
            kind, lost = fn_kind(lines, sp, kept, judged, score_of)
            fn_count[kind] += 1
            item = [f"  {n}: \"{s[:90]}\""]
            show(lines, sp, kept, score_of, ctx, item)
            fn_list[kind].append("\n".join(item))
        for s in ev["without"]:
            s = cf.norm(s)
            if not (text and s in text):
                tot[3] += 1
                continue
            tot[2] += 1
            # the occurrence in the kept text: its lines are the kept ones it spans
            sp = lines_of(page, spans, s) or []
            kind = fp_kind(lines, sp, kept, judged, with_lines, rules_keep) if sp else "joined across a dropped line"
            fp_count[kind] += 1
            item = [f"  {n}: \"{s[:90]}\""]
            if sp:
                show(lines, sp, kept, score_of, ctx, item)
            fp_list[kind].append("\n".join(item))
    f, p, r = cf.prf(tot)
    print(f"held-out verdicts at switch cost {cost:.2f}, threshold {thr:+.2f}: F1 {f:.3f} P {p:.3f} R {r:.3f} "
          f"(TP {tot[0]} FN {tot[1]} FP {tot[2]} TN {tot[3]})")
    print(f"\nlost `with` snippets (FN {tot[1]}) by kind:")
    for kind, c in fn_count.most_common():
        print(f"  {c:4d}  {kind}")
    print(f"\nkept `without` snippets (FP {tot[2]}) by kind:")
    for kind, c in fp_count.most_common():
        print(f"  {c:4d}  {kind}")
    if listing in ("fn", "all"):
        for kind, _ in fn_count.most_common():
            print(f"\n== FN: {kind} ==")
            print("\n".join(fn_list[kind]))
    if listing in ("fp", "all"):
        for kind, _ in fp_count.most_common():
            print(f"\n== FP: {kind} ==")
            print("\n".join(fp_list[kind]))


if __name__ == "__main__":
    main()
