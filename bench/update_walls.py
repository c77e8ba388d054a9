#!/usr/bin/env python3
"""Whole-process wall time of an update digest beside the generic digest of
the same reports (DUC 2007 D0703A set C, 100 words), for one or more chorus
binaries, every case run in turn in each round so the host's drift (large on
a shared VM) falls on all of them alike. Prints the median of each case.

usage: bench/update_walls.py [--format md|summary] [--runs N] CHORUS [CHORUS...]
"""
import argparse
import glob
import os
import statistics
import subprocess
import time

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--format", default="md")
ap.add_argument("--runs", type=int, default=31)
ap.add_argument("binaries", nargs="+")
args = ap.parse_args()
shared = os.environ.get("SHARED", os.path.join(here, "..", "..", "shared"))
upd = os.path.join(shared, "data", "duc2007-update-dev", "docs", "D0703A")
if not os.path.isdir(upd):
    raise SystemExit(f"update_walls: {upd} not found")
seen = [a for s in "AB" for p in sorted(glob.glob(f"{upd}/{s}/*.txt")) for a in ("--seen", p)]
set_c = sorted(glob.glob(f"{upd}/C/*.txt"))
cases = {}
for b in args.binaries:
    base = [b, "digest", "--format", args.format, "--words", "100"]
    cases[f"{b} generic --compress"] = base + ["--compress"] + set_c  # trimmed, as updates are
    cases[f"{b} update (--seen A, B)"] = base + seen + set_c
times = {k: [] for k in cases}
for _ in range(args.runs):
    for k, argv in cases.items():
        t = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times[k].append(time.perf_counter() - t)
print(f"| case ({args.format}, {args.runs} rounds, interleaved) | wall ms (median) |")
print("|---|---:|")
for k, v in times.items():
    print(f"| {k} | {statistics.median(v) * 1000:.2f} |")
print(f"\nload average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; 2 cores")
