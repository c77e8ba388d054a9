#!/usr/bin/env python3
"""Check a page as Chromium built it (its --dump-dom output) against the JSON
digest of the same story: every summary sentence, quote and disagreement is
on the page, every outlet credit is a link that goes somewhere, and the
browser logged no console message (script errors, blocked fetches).

usage: check_page.py DOM.html DIGEST.json CHROMIUM.log [--text STRING]... [--scripts N]
Exit 0 when all holds; prints one line per failure otherwise."""
import html.parser
import json
import sys


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # open elements: (tag, classes)
        self.ids = set()
        self.tags = {}
        self.text = []
        self.sents = []          # summary sentences with their credit links
        self.quotes = []
        self.sides = []          # disagreement values
        self.events = []         # timeline sentences
        self.links = []          # (class, href)
        self.cur = None          # what text is collected into

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a":
            self.links.append((cls, a.get("href") or ""))
            if self.sents and self.in_class("summary"):
                self.sents[-1]["credits"].append(a.get("href") or "")
        if tag not in ("br", "meta", "img", "input", "link", "hr"):
            self.stack.append((tag, cls))
        if "sent" in cls:
            self.sents.append({"text": "", "credits": []})
            self.cur = ("sent", len(self.stack))
        elif "quote" in cls:
            self.quotes.append("")
            self.cur = ("quote", len(self.stack))
        elif "event" in cls:
            self.events.append("")
            self.cur = ("event", len(self.stack))
        elif tag == "b" and self.in_class("side"):
            self.sides.append("")
            self.cur = ("side", len(self.stack))

    def in_class(self, c):
        return any(c in cls for _, cls in self.stack)

    def handle_endtag(self, tag):
        if self.cur and len(self.stack) == self.cur[1]:
            self.cur = None
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        self.text.append(data)
        if self.cur:
            kind = self.cur[0]
            if kind == "sent":
                self.sents[-1]["text"] += data
            elif kind == "quote":
                self.quotes[-1] += data
            elif kind == "event":
                self.events[-1] += data
            else:
                self.sides[-1] += data


def main():
    dom_path, json_path, log_path = sys.argv[1:4]
    extra, scripts = [], 1
    rest = sys.argv[4:]
    while rest:
        opt, val = rest[0], rest[1]
        rest = rest[2:]
        if opt == "--text":
            extra.append(val)
        elif opt == "--scripts":
            scripts = int(val)
    page = Page()
    page.feed(open(dom_path, encoding="utf-8").read())
    d = json.load(open(json_path, encoding="utf-8"))
    fails = []
    if len(page.sents) != len(d["summary"]):
        fails.append(f"{len(page.sents)} summary sentences on the page, {len(d['summary'])} in the digest")
    for i, s in enumerate(d["summary"]):
        got = page.sents[i] if i < len(page.sents) else {"text": "", "credits": []}
        if got["text"] != s["text"]:
            fails.append(f"summary sentence {i + 1} differs: {got['text'][:60]!r} vs {s['text'][:60]!r}")
        if len(got["credits"]) != len(s["outlets"]):
            fails.append(f"summary sentence {i + 1}: {len(got['credits'])} credit links for {len(s['outlets'])} outlets")
    for cls, href in page.links:
        if href.startswith("#"):
            if href[1:] not in page.ids:
                fails.append(f"link to a missing anchor {href}")
        elif not (href.startswith("http://") or href.startswith("https://") or href.startswith("/")):
            fails.append(f"link to {href!r}")
    quotes = {q.strip("\u201c\u201d") for q in page.quotes}
    for q in d.get("quotes", []):
        if q["text"] not in quotes:
            fails.append(f"quote missing: {q['text'][:60]!r}")
    sides = set(page.sides)
    for x in d.get("disagreements", []):
        for v in x.get("sides", x.get("values", [])):
            if v["text"] not in sides:
                fails.append(f"disagreement value missing: {x.get('subject', x.get('what'))!r} {v['text']!r}")
    events = set(page.events)
    for e in d.get("timeline", []):
        if e["text"] not in events:
            fails.append(f"timeline event missing: {e['date']} {e['text'][:60]!r}")
    text = "".join(page.text)
    for t in extra:
        if t not in text:
            fails.append(f"text not shown as text: {t!r}")
    if page.tags.get("script", 0) != scripts:
        fails.append(f"{page.tags.get('script', 0)} script elements (expected {scripts})")
    for tag in ("img", "iframe", "object", "embed", "link"):
        if page.tags.get(tag):
            fails.append(f"{page.tags[tag]} {tag} element(s) on the page")
    for line in open(log_path, encoding="utf-8", errors="replace"):
        if ":CONSOLE" in line:
            fails.append("console: " + line.strip()[:200])
    for f in fails:
        print("FAIL:", f)
    print(f"page: {len(page.sents)} summary sentences, {len(page.quotes)} quotes, {len(page.sides)} "
          f"disagreement values, {len(page.events)} timeline events, {len(page.links)} links checked, {len(fails)} problems")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
