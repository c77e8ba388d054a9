#!/usr/bin/env python3
"""Outlet naming on real pages: for every HTML page of a folder that declares
its outlet (an og:site_name meta tag, or a JSON-LD publisher name), does the
outlet chorus gives (`chorus extract`, field "source") equal it?

usage: bench/outlets.py CHORUS_BINARY HTML_DIR
The declared name is read here with Python's own HTML parser and json, apart
from chorus's extractor. Prints the table, then the pages that differ."""
import html.parser
import json
import os
import subprocess
import sys


class Meta(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.site = None
        self.ld = []
        self._in_ld = False
        self._buf = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name") or "").lower() == "og:site_name":
            if self.site is None and (a.get("content") or "").strip():
                self.site = a["content"].strip()
        if tag == "script" and (a.get("type") or "").lower() == "application/ld+json":
            self._in_ld, self._buf = True, []

    def handle_endtag(self, tag):
        if tag == "script" and self._in_ld:
            self._in_ld = False
            self.ld.append("".join(self._buf))

    def handle_data(self, data):
        if self._in_ld:
            self._buf.append(data)


def publisher(ld_texts):
    def walk(x):
        if isinstance(x, list):
            for y in x:
                r = walk(y)
                if r:
                    return r
        elif isinstance(x, dict):
            p = x.get("publisher")
            if isinstance(p, list) and p:
                p = p[0]
            if isinstance(p, dict) and isinstance(p.get("name"), str) and p["name"].strip():
                return p["name"].strip()
            if isinstance(p, str) and p.strip():
                return p.strip()
            if "@graph" in x:
                return walk(x["@graph"])
        return None

    for t in ld_texts:
        try:
            r = walk(json.loads(t))
        except ValueError:
            continue
        if r:
            return r
    return None


def declared(path):
    with open(path, "rb") as fh:
        raw = fh.read()
    text = raw.decode("utf-8", errors="replace")
    m = Meta()
    try:
        m.feed(text)
    except Exception:
        pass
    return m.site, publisher(m.ld)


def norm(s):
    return " ".join(s.split()).casefold() if s else s


def main():
    binary, folder = sys.argv[1], sys.argv[2]
    files = sorted(f for f in os.listdir(folder) if f.endswith((".html", ".htm")))
    pages = []
    for f in files:
        site, pub = declared(os.path.join(folder, f))
        if site or pub:
            pages.append((f, site, pub))
    ours = {}
    paths = [os.path.join(folder, f) for f, _, _ in pages]
    for i in range(0, len(paths), 200):
        out = subprocess.run([binary, "extract"] + paths[i:i + 200], capture_output=True, text=True).stdout
        for line in out.split("\n"):
            if not line.strip():
                continue
            a = json.loads(line)
            ours[a["id"]] = a.get("source")
    rows = {"og:site_name": [0, 0], "JSON-LD publisher (no og:site_name)": [0, 0]}
    wrong = []
    for f, site, pub in pages:
        want = site or pub
        key = "og:site_name" if site else "JSON-LD publisher (no og:site_name)"
        got = ours.get(os.path.splitext(f)[0])
        if got is None:  # no article extracted from the page: not an outlet question
            continue
        ok = bool(norm(got) == norm(want) or (site and pub and norm(got) == norm(pub)))
        rows[key][0] += ok
        rows[key][1] += 1
        if not ok:
            wrong.append((f, want, got))
    print("| pages declaring their outlet by | pages | outlet equal | share |")
    print("|---|---:|---:|---:|")
    tot = [0, 0]
    for k, (ok, n) in rows.items():
        tot[0] += ok
        tot[1] += n
        print("| %s | %d | %d | %.3f |" % (k, n, ok, ok / n if n else 0))
    print("| all | %d | %d | %.3f |" % (tot[1], tot[0], tot[0] / tot[1] if tot[1] else 0))
    if os.environ.get("SHOW"):
        for f, want, got in wrong:
            print("%s\twant=%s\tgot=%s" % (f, want, got), file=sys.stderr)


if __name__ == "__main__":
    main()
