"""Raw HTML in Markdown, read and nested in time linear in its length.

Python-Markdown reads raw HTML with its own copy of CPython's ``html.parser``. For each
``<`` that opens a tag never closed (``<a <a <a ...``) it scanned the rest of the text
for the tag's end, then went on one character later and scanned again: 32 KB took a
minute (CVE-2025-6069; CPython 3.11.13 fixed its own module, not this copy, and Python-
Markdown reads such a ``<`` as text on its own path). Here a tag that found no end marks
the text it scanned as read: a ``<`` inside it is text too, as a browser would take it
(it is inside the unclosed tag's attributes); every other ``<`` is read as before.

html5lib, behind bleach, takes time growing with the depth of nested elements, so
:func:`bound_nesting` escapes the opening tags beyond :data:`MAX_DEPTH` first.
"""

import re

from markdown.extensions import Extension
from markdown.htmlparser import HTMLExtractor, htmlparser
from markdown.preprocessors import HtmlBlockPreprocessor


class LinearHTMLExtractor(HTMLExtractor):
    def reset(self):
        super().reset()
        # The text and the end of the last scan for a start tag's end that failed.
        self._unclosed = (None, 0)

    def check_for_whole_start_tag(self, i):
        rawdata = self.rawdata
        scanned, end = self._unclosed
        if scanned is rawdata and i < end:
            return -1
        endpos = super().check_for_whole_start_tag(i)
        if endpos < 0:
            scan = htmlparser.locatestarttagend_tolerant.match(rawdata, i)
            self._unclosed = (rawdata, scan.end() if scan else i + 1)
        return endpos


class LinearHtmlBlockPreprocessor(HtmlBlockPreprocessor):
    def run(self, lines):
        # Python-Markdown's run, with the linear reader.
        parser = LinearHTMLExtractor(self.md)
        parser.feed("\n".join(lines))
        parser.close()
        return "".join(parser.cleandoc).split("\n")


class LinearRawHtmlExtension(Extension):
    def extendMarkdown(self, md):
        # Python-Markdown's own name and priority (markdown.preprocessors.build_preprocessors).
        md.preprocessors.register(LinearHtmlBlockPreprocessor(md), "html_block", 20)


# Deeper than any article (a list in a list in a quote is about ten elements deep).
MAX_DEPTH = 100
# A tag as this count reads it: no "<" or ">" inside, so each scan stops at the next one.
TAG = re.compile(r"<(/?)([a-zA-Z][^\s/<>]*)[^<>]*>")
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)
# Elements a second opening closes (<li>a<li>b): html5lib closes them too.
SELF_ENDING = frozenset({"p", "li", "dt", "dd", "option"})


def bound_nesting(html, max_depth=MAX_DEPTH):
    """``html`` without the opening tags that would nest deeper than ``max_depth``.

    The count never says less than html5lib's own depth: a closing tag counts only when it
    closes the innermost open element (html5lib closes at least that), so misnested input
    (``<span><p></span>``, whose ``</span>`` html5lib ignores) only adds up. The dropped
    tags' text stays; what is left goes through the allow-list like everything else.
    """
    opened, kept, position = [], [], 0
    for tag in TAG.finditer(html):
        name = tag.group(2).lower()
        if tag.group(1):
            if opened and opened[-1] == name:
                opened.pop()
            continue
        if name in VOID_ELEMENTS:
            continue
        if name in SELF_ENDING and opened and opened[-1] == name:
            opened.pop()
        if len(opened) < max_depth:
            opened.append(name)
            continue
        kept.append(html[position : tag.start()])
        position = tag.end()
    kept.append(html[position:])
    return "".join(kept)
