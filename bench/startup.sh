#!/usr/bin/env bash
# Whole-process time of small digests, beside their targets: the program
# alone (--version), a one-article digest, the seeds, a 10-article DUC 2004
# cluster, a focused 250-word digest of a 25-article DUC 2006 topic, and a
# DUC 2007 update digest (set C, --seen A and B) beside the generic digest of
# the same set (plain, and trimmed as updates are by default); the update
# also with the seen reports' cache emptied before each run (what a reader
# pays the first time), the others with the user's cache as it is (warm
# after the first run). Each command runs RUNS times, interleaved with the others so
# that a burst of load on the machine hits all alike; wall = spawn to exit,
# CPU = user + sys of the process (wait4), medians of the runs.
#   usage: bench/startup.sh [CHORUS] [RUNS]      (default build/chorus, 21)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
chorus=${1:-$here/../build/chorus}
runs=${2:-21}
shared=${SHARED:-$here/../../shared}
[ -x "$chorus" ] || { echo "startup: no chorus binary at $chorus" >&2; exit 2; }
[ -d "$shared/data/gva-stream" ] || { echo "startup: $shared/data not found" >&2; exit 2; }
exec python3 - "$chorus" "$runs" "$shared" <<'EOF'
import glob, json, os, shutil, statistics, sys, tempfile, time

chorus, runs, shared = sys.argv[1], int(sys.argv[2]), sys.argv[3]
data = f"{shared}/data"
tmp = tempfile.mkdtemp(prefix="chorus-startup.")
one = f"{tmp}/story-1.jsonl"
with open(f"{data}/gva-stream/articles.jsonl", encoding="utf-8") as f:
    first = f.readline()
with open(one, "w", encoding="utf-8") as f:
    f.write(first)
seeds = sorted(glob.glob(f"{shared}/seeds/*"))
duc = sorted(glob.glob(f"{data}/duc2004-dev/docs/d3*t"))[0]
topic = sorted(glob.glob(f"{data}/duc2006-focus-dev/docs/D06*"))[0]
for line in open(f"{data}/duc2006-focus-dev/topics.jsonl", encoding="utf-8"):
    t = json.loads(line)
    if t["topic"] == os.path.basename(topic):
        question = t["title"] + ". " + t["narrative"]  # as bench/duc2006.sh asks
        break
upd = sorted(glob.glob(f"{data}/duc2007-update-dev/docs/D07*"))[0]
seen = [a for s in "AB" for p in sorted(glob.glob(f"{upd}/{s}/*.txt")) for a in ("--seen", p)]
set_c = sorted(glob.glob(f"{upd}/C/*.txt"))

D = [chorus, "digest"]
U = os.path.basename(upd)
cold = f"{tmp}/cold-cache"
cases = [  # label, target ms, or ("<=", label of the reference case), or None; argv; env
    ("chorus --version (loading alone)", None, [chorus, "--version"]),
    ("1 article, md", 3, D + ["--format", "md", one]),
    ("1 article, text", 3, D + ["--format", "text", one]),
    ("1 article, summary", 3, D + ["--format", "summary", one]),
    ("1 article, md, --lang en (no detection)", None, D + ["--format", "md", "--lang", "en", one]),
    ("seeds (5 articles), md", 20, D + ["--format", "md"] + seeds),
    (f"DUC 2004 {os.path.basename(duc)} (10 articles), md", 40, D + ["--format", "md"] + sorted(glob.glob(f"{duc}/*"))),
    (f"DUC 2006 {os.path.basename(topic)} focused, 250 words (25 articles), md", 100,
     D + ["--format", "md", "--words", "250", "--focus", question] + sorted(glob.glob(f"{topic}/*"))),
    (f"DUC 2007 {U} set C generic, 100 words, md", None, D + ["--format", "md", "--words", "100"] + set_c),
    (f"DUC 2007 {U} set C generic, 100 words, md, --compress (trimmed, as updates are)", None,
     D + ["--format", "md", "--words", "100", "--compress"] + set_c),
    (f"DUC 2007 {U} set C update (--seen A, B), 100 words, md", ("<=", f"DUC 2007 {U} set C generic, 100 words, md"),
     D + ["--format", "md", "--words", "100"] + seen + set_c),
    (f"DUC 2007 {U} set C update, md, seen reports not cached (emptied before each run)", None,
     D + ["--format", "md", "--words", "100"] + seen + set_c, {"CHORUS_CACHE_DIR": cold}),
    (f"DUC 2007 {U} sets A, B and C together, generic, 100 words, md (reference)", None,
     D + ["--format", "md", "--words", "100"] + [p for s in "ABC" for p in sorted(glob.glob(f"{upd}/{s}/*.txt"))]),
    (f"DUC 2007 {U} set C generic, 100 words, summary", None,
     D + ["--format", "summary", "--words", "100"] + set_c),
    (f"DUC 2007 {U} set C update (--seen A, B), 100 words, summary", ("<=", f"DUC 2007 {U} set C generic, 100 words, summary"),
     D + ["--format", "summary", "--words", "100"] + seen + set_c),
]

devnull = os.open(os.devnull, os.O_WRONLY)
def once(case):
    argv, env = case[2], dict(os.environ, **(case[3] if len(case) > 3 else {}))
    if env.get("CHORUS_CACHE_DIR") == cold:  # seen reports forgotten outside the timing
        for kind in ("seen.v3", "seenset.v2"):
            shutil.rmtree(f"{cold}/{kind}", ignore_errors=True)
    t0 = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=[
        (os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
    _, status, ru = os.wait4(pid, 0)
    wall = (time.perf_counter() - t0) * 1000
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"startup: {' '.join(argv[:4])}... failed ({status})")
    return wall, (ru.ru_utime + ru.ru_stime) * 1000

walls = [[] for _ in cases]
cpus = [[] for _ in cases]
for c in cases:  # warm the page cache (and the user's chorus cache)
    once(c)
for _ in range(runs):
    for i, c in enumerate(cases):
        w, u = once(c)
        walls[i].append(w)
        cpus[i].append(u)

print("| input | wall ms (median) | CPU ms (median) | target ms | met (wall) |")
print("|---|---:|---:|---:|---|")
med = [statistics.median(w) for w in walls]
labels = [c[0] for c in cases]
for i, c in enumerate(cases):
    label, target = c[0], c[1]
    if target is None:
        tgt, met = "-", ""
    elif isinstance(target, tuple):
        g = labels.index(target[1])
        tgt = f"<= {med[g]:.1f}"
        met = "yes" if med[i] <= med[g] else "no"
    else:
        tgt, met = str(target), "yes" if med[i] <= target else "no"
    print(f"| {label} | {med[i]:.1f} | {statistics.median(cpus[i]):.1f} | {tgt} | {met} |")
load = open("/proc/loadavg").read().split()[:3]
print(f"\n{runs} runs each, interleaved; load average {' '.join(load)}; {os.cpu_count()} cores")
shutil.rmtree(tmp, ignore_errors=True)
EOF
