#!/usr/bin/env python3
"""The crawl's article bodies as "url<TAB>body" lines on standard output, for bench/latency.sh.

    bench/crawl_bodies.py [SHARED]      (default $FAHRAS_SHARED or ../shared)

The articles are read as bench/search_quality.py reads them (its Data.crawl: every daily ZIP
of corpora/saudinewsnet, a later copy of an article replacing an earlier one), each named by
its URL as fahras names an article without an id. Runs of white space (tabs and newlines
included) become one space; articles whose body is then empty are left out, as fahras-index
skips them.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from search_quality import Data  # noqa: E402


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    shared = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
        "FAHRAS_SHARED", os.path.join(repo, "..", "shared"))
    data = Data(os.path.abspath(shared))
    if not data.zips:
        sys.exit(f"crawl_bodies.py: no ZIPs in {data.corpus_dir} (set FAHRAS_SHARED)")
    out = sys.stdout
    written = skipped = 0
    for url, _title, body in data.crawl():
        text = " ".join(body.split())
        ident = " ".join(url.split())
        if not text or not ident:
            skipped += 1
            continue
        out.write(f"{ident}\t{text}\n")
        written += 1
    print(f"crawl_bodies.py: {written} bodies, {skipped} empty left out", file=sys.stderr)


if __name__ == "__main__":
    main()
