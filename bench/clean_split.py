#!/usr/bin/env python3
"""Split `chorus clean` output over several inputs ('==> ID <==' before each
article) into one file per input, named by the input's base name.

usage: clean_split.py OUTPUT_FILE DIR [SUFFIX]
SUFFIX (e.g. .txt) is added to an ID that does not end with it (chorus
names a text file by its base name without the extension)."""
import os
import sys


def main():
    src, out_dir = sys.argv[1], sys.argv[2]
    suffix = sys.argv[3] if len(sys.argv) > 3 else ""
    cur = None
    with open(src, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.startswith("==> ") and line.rstrip("\n").endswith(" <=="):
                if cur:
                    cur.close()
                name = os.path.basename(line.rstrip("\n")[4:-4])
                if suffix and not name.endswith(suffix):
                    name += suffix
                cur = open(os.path.join(out_dir, name), "w", encoding="utf-8")
                continue
            if cur:
                cur.write(line)
    if cur:
        cur.close()


if __name__ == "__main__":
    main()
