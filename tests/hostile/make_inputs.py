#!/usr/bin/env python3
"""Write the hostile inputs of tests/cli/hostile_inputs.sh into a directory.

They are generated at test time (some are large once written out) from the
descriptions below; each one is a case that once made a reader hang, crash,
run out of memory or lose data silently. Usage: make_inputs.py DIR
"""
import gzip
import os
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


PROSE = "Officials in the valley said the river rose by two metres overnight and crews moved residents. "
BODY = "<p>" + PROSE * 8 + "</p>"

# One element with thousands of distinct attributes (quadratic in a parser
# that checks each new attribute against the others).
write("attributes.html", "<html><body><p " + " ".join('a%d="%d"' % (i, i) for i in range(30000)) + ">x</p>"
      + BODY + "</body></html>")
# Stray end tags that close nothing, so a naive depth count never grows.
write("stray_end_tags.html", "<html><body>" + "<div></x>" * 60000 + BODY + "</body></html>")
# Plain deep nesting.
write("deep.html", "<html><body>" + "<span><div>" * 20000 + BODY + "</body></html>")
# A large page (for a small parser memory limit).
write("large.html", "<html><body>" + ("<div><p>" + PROSE + "</p></div>\n") * 6000 + "</body></html>")


def record(uri, payload, encoding=None):
    head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
    if encoding:
        head += "Content-Encoding: gzip\r\n"
    http = head.encode() + b"\r\n" + payload
    return ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nContent-Length: %d\r\n\r\n"
            % (uri, len(http))).encode() + http + b"\r\n\r\n"


def page(i):
    return ("<html><head><title>Report %d</title></head><body><article><p>" % i
            + ("Town %d: " % i + PROSE) * 4 + "</p></article></body></html>").encode()


# A gzip bomb in a record's content coding: 64 MB of spaces in 64 KB.
bomb = gzip.compress(b"<html><body><p>" + b" " * (64 << 20) + b"</p></body></html>", 9)
write("bomb.warc", record("http://one.example/1", page(1)) + record("http://bomb.example/x", bomb, "gzip")
      + record("http://three.example/3", page(3)))
# A record whose Content-Length runs past its end (into the next records).
r2 = record("http://two.example/2", page(2)).replace(b"Content-Length: ", b"Content-Length: 9", 1)
write("long_length.warc", record("http://one.example/1", page(1)) + r2 + record("http://three.example/3", page(3))
      + record("http://four.example/4", page(4)))

# JSONL with a UTF-8 byte-order mark; a name field that is not UTF-8; control
# characters (a terminal escape, a newline) in an outlet and a title.
write("bom.jsonl", b'\xef\xbb\xbf{"id":"b1","source":"Wire","text":"' + PROSE.encode() + b'"}\n'
      b'{"id":"b2","source":"Wire","text":"' + PROSE.encode() + b' Second."}\n')
write("bad_utf8.jsonl", b'{"id":"u1","source":"Caf\xe9 Times","text":"' + PROSE.encode() + b'"}\n')
write("controls.jsonl", '{"id":"c1","source":"Evil\\u001b[31m\\nOutlet","title":"Title\\u001b]0;owned\\u0007",'
      '"text":"The mayor said the bridge will reopen on Monday after repairs."}\n'
      '{"id":"c2","source":"Other","text":"The mayor said the bridge will reopen on Monday after the repairs."}\n')
# Text in UTF-16 and UTF-32 with a byte-order mark.
text = "\ufeffThe mayor said the bridge will reopen on Monday, officials said.\n"
write("utf16le.txt", text.encode("utf-16-le"))
write("utf16be.txt", text.encode("utf-16-be"))
write("utf32.txt", text.encode("utf-32-le"))
# Ten thousand tiny lines (one article, cut by a small text-bytes limit).
write("many_lines.txt", "a b.\n" * 100000)

# A directory tree whose symbolic links lead back up (cycles).
tree = os.path.join(out, "tree")
os.makedirs(os.path.join(tree, "a", "b"), exist_ok=True)
write(os.path.join("tree", "a", "story.txt"), PROSE * 3)
for link, target in (("tree/a/b/up", "../.."), ("tree/a/self", "."), ("tree/a/b/top", "../../../tree")):
    p = os.path.join(out, link)
    if not os.path.lexists(p):
        os.symlink(target, p)
