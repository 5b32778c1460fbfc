"""Python-Markdown's link, image, table, heading and rule readers, made linear in the length
of the text.

Python-Markdown reads ``[text]`` by scanning from each ``[`` to its closing ``]``, and
``(address "title")`` by scanning from each ``(`` to where its rules end it; a text full
of unclosed brackets makes every scan run to the end of the text (8,000 ``[`` took 15 s).
The table reader split the rest of a block into lines for each line another reader took
(32,000 characters of ``---`` lines: 5.5 s). Here the brackets, parentheses and quotes of
a text are indexed once, so each scan is given only the text it would read anyway and
fails at once where it would fail at the end: the results are Python-Markdown's own.
"""

import re
import threading
import xml.etree.ElementTree as etree
from bisect import bisect_left, bisect_right

from markdown import inlinepatterns
from markdown.blockprocessors import HashHeaderProcessor, HRProcessor, SetextHeaderProcessor
from markdown.extensions import Extension
from markdown.extensions.tables import TableExtension, TableProcessor
from markdown.extensions.toc import TocExtension, TocTreeprocessor

# A ")" whose last non-space character before it is a quote: where a title may end.
TITLE_END = re.compile(r"""['"] *\)""")


class BracketIndex:
    """Where each bracket of one text closes, and where its parentheses and quotes are."""

    def __init__(self, data):
        self.square, self.round, opened_square, opened_round = {}, {}, [], []
        self.parens, self.depth, depth = [], [0], 0  # depth[i]: "(" minus ")" in data[:i]
        self.quotes = {"'": [], '"': []}
        for index, char in enumerate(data):
            if char == "[":
                opened_square.append(index)
            elif char == "]" and opened_square:
                self.square[opened_square.pop()] = index
            elif char in "()":
                self.parens.append(index)
                if char == "(":
                    opened_round.append(index)
                    depth += 1
                else:
                    depth -= 1
                    if opened_round:
                        self.round[opened_round.pop()] = index
            elif char in "'\"":
                self.quotes[char].append(index)
            self.depth.append(depth)
        self.all_quotes = sorted(self.quotes["'"] + self.quotes['"'])
        self.title_ends = [(m.start(), m.end() - 1) for m in TITLE_END.finditer(data)]
        self.title_end_quotes = [quote for quote, _ in self.title_ends]

    def next_quote(self, start, chars="'\""):
        positions = self.all_quotes if len(chars) == 2 else self.quotes[chars]
        found = bisect_left(positions, start)
        return positions[found] if found < len(positions) else None

    def link_end(self, data, opening, start):
        """Where Python-Markdown's scan of ``(address "title")`` stops (exclusive), or None
        when it reaches the end of ``data`` without closing the link.

        ``opening`` is the "(", ``start`` the first character after it and its spaces.
        Before any quote, the scan counts parentheses: it stops at the one closing
        ``opening``. From the first quote on it is in a title, and stops at the first ")"
        right after a quote that closes it (the first quote of the other kind only opens
        an alternative title); failing that, at the parenthesis that balances the count it
        had when the title began.
        """
        close, quote = self.round.get(opening), self.next_quote(start)
        if close is not None and (quote is None or close < quote):
            return close + 1
        if quote is None:
            return None
        candidate = bisect_right(self.title_end_quotes, quote)
        for quote_at, paren in self.title_ends[candidate:candidate + 2]:
            char = data[quote_at]
            if char == data[quote] or self.next_quote(quote + 1, char) != quote_at:
                return paren + 1
        count = 1 + self.depth[quote] - self.depth[start]
        balancing = bisect_right(self.parens, quote) + count - 1
        if balancing >= len(self.parens):
            return None
        # A "(" there leaves Python-Markdown with a link to the end of the text.
        return self.parens[balancing] + 1 if data[self.parens[balancing]] == ")" else len(data)


class RecentIndex(threading.local):
    """The index of the last text read, reused while the text read ends the same way.

    Python-Markdown puts a placeholder in place of each link it reads and goes on with the
    new text, so indexing each new text made a text of links quadratic (8 KB of
    ``[a](b)``: 3 s). A bracket's partner, and every other answer of the index from a
    position on, depends only on the text from that position on, which has not changed.
    """

    def __init__(self):
        self.recent = []  # (text, its index), newest last: a link's own text comes between
        self.checked = (None, 0, None, None)  # a text, from where it ends like the next two

    def at(self, data, position):
        """(index, the text it indexed, how far that text's positions are ahead of
        ``data``'s), for questions about ``data`` from ``position`` on."""
        checked, start, text, index = self.checked
        if not (checked is data and start <= position):
            ending = data[position:]
            text, index = next(
                ((text, index) for text, index in self.recent if text.endswith(ending)),
                (data, None),
            )
            if index is None:
                index = BracketIndex(data)
                self.recent = [*self.recent[-3:], (data, index)]
            self.checked = (data, position, text, index)
        return index, text, len(text) - len(data)


recent_index = RecentIndex()


class LinearLinkMixin:
    def getText(self, data, index):
        # The patterns end just after the "[" (``\[`` or ``!\[``).
        brackets, _text, shift = recent_index.at(data, index - 1)
        close = brackets.square.get(index - 1 + shift)
        if close is None:
            return "", len(data), False
        return data[index : close - shift], close - shift + 1, True

    def getLink(self, data, index):
        match = self.RE_LINK.match(data, pos=index)
        if match and not match.group(1):  # "(<address>)" is read by the regex alone
            brackets, text, shift = recent_index.at(data, match.start())
            end = brackets.link_end(text, match.start() + shift, match.end() + shift)
            if end is None:
                return "", None, index, False
            data = data[: end - shift]
        return super().getLink(data, index)


# Python-Markdown's own names and priorities (markdown.inlinepatterns.build_inlinepatterns).
LINK_PATTERNS = {
    "reference": (inlinepatterns.ReferenceInlineProcessor, inlinepatterns.REFERENCE_RE, 170),
    "link": (inlinepatterns.LinkInlineProcessor, inlinepatterns.LINK_RE, 160),
    "image_link": (inlinepatterns.ImageInlineProcessor, inlinepatterns.IMAGE_LINK_RE, 150),
    "image_reference": (
        inlinepatterns.ImageReferenceInlineProcessor, inlinepatterns.IMAGE_REFERENCE_RE, 140
    ),
    "short_reference": (
        inlinepatterns.ShortReferenceInlineProcessor, inlinepatterns.REFERENCE_RE, 130
    ),
    "short_image_ref": (
        inlinepatterns.ShortImageReferenceInlineProcessor, inlinepatterns.IMAGE_REFERENCE_RE, 125
    ),
}


class LinearLinksExtension(Extension):
    def extendMarkdown(self, md):
        for name, (processor, pattern, priority) in LINK_PATTERNS.items():
            linear = type(f"Linear{processor.__name__}", (LinearLinkMixin, processor), {})
            md.inlinePatterns.register(linear(pattern, md), name, priority)


class LinearTableProcessor(TableProcessor):
    def test(self, parent, block):
        # A block whose first two lines are no table is no table: only a table's own
        # block is split whole (the separator and single-column checks read further).
        head = "\n".join(block.split("\n", 2)[:2])
        return super().test(parent, head) and super().test(parent, block)


class LinearTableExtension(TableExtension):
    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        md.parser.blockprocessors.register(
            LinearTableProcessor(md.parser, self.getConfigs()), "table", 75
        )


class LineIndex:
    """The lines of a block that a line-wise pattern matches, found once per text.

    Python-Markdown hands a block processor the rest of a block after each line another
    processor took, and the heading and rule processors searched that whole rest again
    (32,000 characters of ``---`` lines: 10 s). The rest is a suffix of a text indexed
    before, so the index of that text answers for it.
    """

    def __init__(self, candidates, matches):
        # candidates: a pattern finding the lines worth trying; matches(block, line start):
        # the processor's own match there, or None.
        self.candidates, self.matches = candidates, matches
        self.recent = []  # (text, sorted line starts of matching lines), newest last

    def first(self, block):
        """Where the first matching line of ``block`` starts, or None."""
        for text, starts in reversed(self.recent):
            offset = len(text) - len(block)
            if offset >= 0 and (offset == 0 or text[offset - 1] == "\n") and text.endswith(block):
                found = bisect_left(starts, offset)
                return starts[found] - offset if found < len(starts) else None
        starts = [m.start() for m in self.candidate_lines(block) if self.matches(block, m.start())]
        self.recent = [*self.recent[-3:], (block, starts)]
        return starts[0] if starts else None

    def candidate_lines(self, block):
        return self.candidates.finditer(block)


class LinearHashHeaderProcessor(HashHeaderProcessor):
    def __init__(self, parser):
        super().__init__(parser)
        self.index = LineIndex(re.compile(r"^#", re.MULTILINE), self.match_line)

    def match_line(self, block, start):
        # The pattern begins with (?:^|\n): a line's match starts at the newline before it.
        return self.RE.match(block, max(start - 1, 0))

    def test(self, parent, block):
        return self.index.first(block) is not None

    def run(self, parent, blocks):
        # Python-Markdown's own run, with the first heading found by the index.
        block = blocks.pop(0)
        m = self.match_line(block, self.index.first(block))
        before, after = block[: m.start()], block[m.end() :]
        if before:
            self.parser.parseBlocks(parent, [before])
        heading = etree.SubElement(parent, f"h{len(m.group('level'))}")
        heading.text = m.group("header").strip()
        if after:
            if self.parser.state.isstate("looselist"):
                after = self.looseDetab(after)
            blocks.insert(0, after)


class LinearSetextHeaderProcessor(SetextHeaderProcessor):
    def run(self, parent, blocks):
        # Python-Markdown split the whole rest of the block into lines for each heading.
        first, underline, *rest = blocks.pop(0).split("\n", 2)
        heading = etree.SubElement(parent, "h1" if underline.startswith("=") else "h2")
        heading.text = first.strip()
        if rest:
            blocks.insert(0, rest[0])


class LinearHRProcessor(HRProcessor):
    def __init__(self, parser):
        super().__init__(parser)
        self.index = LineIndex(re.compile(r"^ {0,3}[-_*]", re.MULTILINE), self.SEARCH_RE.match)

    def test(self, parent, block):
        start = self.index.first(block)
        if start is None:
            return False
        self.match = self.SEARCH_RE.match(block, start)  # what run reads
        return True


# Python-Markdown's own names and priorities (markdown.blockprocessors.build_block_parser).
BLOCK_PROCESSORS = {
    "hashheader": (LinearHashHeaderProcessor, 70),
    "setextheader": (LinearSetextHeaderProcessor, 60),
    "hr": (LinearHRProcessor, 50),
}


class LinearBlocksExtension(Extension):
    def extendMarkdown(self, md):
        for name, (processor, priority) in BLOCK_PROCESSORS.items():
            md.parser.blockprocessors.register(processor(md.parser), name, priority)


class OneTocTreeprocessor(TocTreeprocessor):
    def replace_marker(self, root, elem):
        """Python-Markdown's, stopping at the first ``[TOC]`` marker: each marker became
        the whole table of contents, so the output grew with the square of the input (8 KB
        of markers and headings: 82 s and 25 MB). Later markers stay text."""
        for parent, child in self.iterparent(root):
            if child.text and child.text.strip() == self.marker and len(child) == 0:
                parent[list(parent).index(child)] = elem
                return


class OneTocExtension(TocExtension):
    """Python-Markdown's "toc" (headings' ids, one table of contents at ``[TOC]``)."""

    TreeProcessorClass = OneTocTreeprocessor
