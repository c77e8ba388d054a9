#!/usr/bin/env python3
"""The source layout rules, checked on the tree and on the built objects.

1. Stages: a file in src/<stage>/ includes headers of its own stage or of
   earlier stages only (order below, as in docs/design.md).
2. No cycle between modules (a module is NAME.c with NAME.h and
   NAME_internal.h): neither by includes nor by the functions one object file
   calls in another (read with nm from the built library's objects).
3. The CLI (cli/) includes no src/ header: only chorus.h and its own.
4. The library prints nothing and reads no environment: no getenv, printf,
   puts, perror, or writes to stdout/stderr in src/. (Renderers write to the
   stream their caller passes.)

Known debts are listed in scripts/layout-known.txt, one problem a line as this
script prints it: they are reported but do not fail, so no new one can come in
while they are paid off. A listed problem that is gone must be removed there.

Usage: scripts/check-layout.py [BUILD_DIR]   (objects are checked when built)
"""
import os
import re
import subprocess
import sys

STAGES = ["base", "text", "read", "analyze", "feed", "digest", "render", "eval"]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "src")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
problems = []


def module_of(name):
    base = os.path.splitext(os.path.basename(name))[0]
    return base[: -len("_internal")] if base.endswith("_internal") else base


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    return re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)


files = {}  # file name -> stage
for stage in os.listdir(SRC):
    path = os.path.join(SRC, stage)
    if not os.path.isdir(path):
        problems.append(f"src/{stage}: not in a stage folder")
        continue
    if stage not in STAGES:
        problems.append(f"src/{stage}/: unknown stage (add it to STAGES and docs/design.md)")
        continue
    for f in os.listdir(path):
        if f.endswith((".c", ".h")):
            if f in files:
                problems.append(f"src/{stage}/{f}: name also used in src/{files[f]}/")
            files[f] = stage

# 1 and the include graph
graph = {}
for f, stage in sorted(files.items()):
    text = open(os.path.join(SRC, stage, f), encoding="utf-8").read()
    for inc in INCLUDE.findall(text):
        if inc == "chorus.h":
            continue
        if inc not in files:
            problems.append(f"src/{stage}/{f}: includes \"{inc}\", which is not in src/")
            continue
        if STAGES.index(files[inc]) > STAGES.index(stage):
            problems.append(f"src/{stage}/{f}: includes {files[inc]}/{inc}, a later stage")
        a, b = module_of(f), module_of(inc)
        if a != b:
            graph.setdefault(a, set()).add(b)
    code = strip_comments(text)
    for pat, what in [(r"\bgetenv\s*\(", "getenv"), (r"(?<![\w.])printf\s*\(", "printf"),
                      (r"\bputs\s*\(", "puts"), (r"\bperror\s*\(", "perror"),
                      (r"\b(stdout|stderr)\b", "stdout/stderr")]:
        if re.search(pat, code):
            problems.append(f"src/{stage}/{f}: uses {what} (the library returns messages; the CLI prints)")


def cycles(g, what):
    state, stack = {}, []

    def visit(n):
        state[n] = 1
        stack.append(n)
        for m in sorted(g.get(n, ())):
            if state.get(m) == 1:
                problems.append(f"{what} cycle: " + " -> ".join(stack[stack.index(m):] + [m]))
            elif m not in state:
                visit(m)
        stack.pop()
        state[n] = 2

    for n in sorted(g):
        if n not in state:
            visit(n)


cycles(graph, "include")

# 2 by calls, from the objects when the library is built
build = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build")
objdir = os.path.join(build, "CMakeFiles", "chorus.dir", "src")
if os.path.isdir(objdir):
    defined, used = {}, {}
    for stage in STAGES:
        d = os.path.join(objdir, stage)
        if not os.path.isdir(d):
            continue
        for o in os.listdir(d):
            if not o.endswith(".c.o") or o[:-2] not in files:
                continue
            mod = module_of(o[:-4])
            out = subprocess.run(["nm", os.path.join(d, o)], capture_output=True, text=True).stdout
            for line in out.splitlines():
                parts = line.split()
                if len(parts) == 3 and parts[1] in "TDBR":
                    defined[parts[2]] = mod
                elif len(parts) == 2 and parts[0] == "U":
                    used.setdefault(mod, set()).add(parts[1])
    calls = {}
    for mod, syms in used.items():
        for s in syms:
            if s in defined and defined[s] != mod:
                calls.setdefault(mod, set()).add(defined[s])
    cycles(calls, "call")
else:
    print(f"check-layout: {objdir} not built; call cycles not checked")

# 3
for f in sorted(os.listdir(os.path.join(ROOT, "cli"))):
    if f.endswith((".c", ".h")):
        text = open(os.path.join(ROOT, "cli", f), encoding="utf-8").read()
        for inc in INCLUDE.findall(text):
            if inc in files:
                problems.append(f"cli/{f}: includes src/{files[inc]}/{inc} (the CLI uses chorus.h only)")

known_path = os.path.join(ROOT, "scripts", "layout-known.txt")
known = set()
if os.path.exists(known_path):
    known = {l.strip() for l in open(known_path, encoding="utf-8") if l.strip() and not l.startswith("#")}
new = [p for p in problems if p not in known]
for p in problems:
    print("check-layout: " + ("known: " if p in known else "") + p)
paid = sorted(known - set(problems))
for p in paid:
    print("check-layout: no longer a problem, remove from scripts/layout-known.txt: " + p)
print(f"check-layout: {len(new)} new problem(s), {len(problems) - len(new)} known, in {len(files)} source files")
sys.exit(1 if new else 0)
