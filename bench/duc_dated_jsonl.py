#!/usr/bin/env python3
"""DUC documents as dated article JSONL, for digests that read publication dates.

The DUC document sets are plain text files named by their document id, which
carries the day the agency sent the report (APW19990610.0080, XIE20060512.0001;
the original SGML's DATE_TIME gives the same day). Read as .txt files chorus
knows no date; this writes one JSONL line per file with that day as
"published", and the file's name as id and source, which is what chorus
takes for a text file's id and outlet, so the digest reads the same articles.

usage: duc_dated_jsonl.py OUT.jsonl FILE...
"""
import json
import os
import re
import sys


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[0], "w", encoding="utf-8") as out:
        for path in argv[1:]:
            name = os.path.basename(path)
            if name.endswith(".txt"):
                name = name[:-4]
            with open(path, encoding="utf-8", errors="replace") as f:
                article = {"id": name, "source": name, "text": f.read()}
            day = re.search(r"(19|20)(\d\d)(\d\d)(\d\d)", name)
            if day:
                article["published"] = "%s%s-%s-%s" % day.groups()
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
