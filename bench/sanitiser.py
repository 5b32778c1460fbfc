"""Time ``render_markdown`` on the inputs that used to make the sanitiser quadratic.

Each input is a short piece repeated to 8, 32 and 100 KB (the Markdown cap is 100,000
characters); a linear sanitiser takes about four times as long at 32 KB as at 8 KB.

    python bench/sanitiser.py [--sizes 8,32,100] [--only unclosed-a,hr-lines]
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "summit.settings")
os.environ.setdefault("DJANGO_DEBUG", "true")  # development settings: no secret key needed

import django  # noqa: E402

django.setup()

from summit.markdown import render_markdown  # noqa: E402

PIECES = {
    "unclosed-a": "<a ",
    "unclosed-a-quoted": '<a x="',
    "hr-lines": "---\n",
    "star-hr-lines": "***\n",
    "hash-headings": "# a\n",
    "setext-headings": "a\n===\n",
    "references": "[a]: /b\n",
    "quote-lines": "> a\n",
    "nested-ul": "<ul>",
    "nested-b": "<b>",
    "nested-div": "<div>",
    "script": "<script>",
    "brackets": "[",
    "emphasis": "*a* ",
    "links": "[a](b) ",
    "code-spans": "`a` ",
    "strong-em": "***a",
    "em-in-html": "<em>*a*</em>",
    "ampersands": "&",
    "tables": "| a | b |\n|---|---|\n",
    "fenced-code": "```\na\n```\n",
    "toc-markers": "[TOC]\n\n# a\n\n",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="8,32,100", help="kilobytes, comma-separated")
    parser.add_argument("--only", default=",".join(PIECES), help="inputs, comma-separated")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"{'input':<20}" + "".join(f"{f'{size} KB':>10}" for size in sizes))
    for name in args.only.split(","):
        print(f"{name:<20}", end="", flush=True)
        for size in sizes:
            text = (PIECES[name] * (size * 1000 // len(PIECES[name]) + 1))[: size * 1000]
            start = time.perf_counter()
            render_markdown(text)
            print(f"{time.perf_counter() - start:>9.2f}s", end="", flush=True)
        print()


if __name__ == "__main__":
    main()
