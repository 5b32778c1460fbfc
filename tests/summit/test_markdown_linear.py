import random
from pathlib import Path

import markdown
import pytest
from django.conf import settings
from markdown import inlinepatterns

from summit.markdown import CLEANER, MARKDOWN_EXTENSIONS, drop_invisible_elements, render_markdown
from summit.markdown_linear import (
    BracketIndex,
    LinearBlocksExtension,
    LinearLinkMixin,
    LineIndex,
)
from summit.raw_html import LinearRawHtmlExtension

# What this module adds to Python-Markdown's own readers (the link and table readers are
# compared with Python-Markdown's above).
LINEAR_ONLY = (LinearBlocksExtension, LinearRawHtmlExtension)


@pytest.fixture
def processors():
    md = markdown.Markdown()
    md.treeprocessors["inline"].stashed_nodes = {}
    linear = type("Linear", (LinearLinkMixin, inlinepatterns.LinkInlineProcessor), {})
    return (
        inlinepatterns.LinkInlineProcessor(inlinepatterns.LINK_RE, md),
        linear(inlinepatterns.LINK_RE, md),
    )


def test_linear_links_read_what_python_markdown_reads(processors):
    original, linear = processors
    generator, compared = random.Random(10), 0
    for _ in range(4000):
        data = "".join(generator.choice("[]()'\" a<>\n") for _ in range(generator.randint(1, 20)))
        for index in range(1, len(data) + 1):
            if data[index - 1] == "[":
                text = original.getText(data, index)
                assert linear.getText(data, index)[2] == text[2]
                if text[2]:
                    assert linear.getText(data, index) == text, data
            if original.RE_LINK.match(data, pos=index):
                link, linear_link = original.getLink(data, index), linear.getLink(data, index)
                assert linear_link[3] == link[3], data
                if link[3]:
                    assert linear_link == link, data
                compared += 1
    assert compared > 3000


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ('[a](/x "t")', '<p><a href="/x" title="t" rel="noopener">a</a></p>'),
        ("[a [b]](/x (y))", '<p><a href="/x (y)" rel="noopener">a [b]</a></p>'),
        ("![a](/media/a.png)", '<p><img alt="a" src="/media/a.png"></p>'),
        ("[a][r]\n\n[r]: /x", '<p><a href="/x" rel="noopener">a</a></p>'),
        ("| a | b |\n|---|---|\n| 1 | 2 |", "<table>"),
    ],
)
def test_render_markdown_links_and_tables_still_read(text, html):
    assert render_markdown(text).startswith(html)


def test_bracket_index_pairs_brackets_like_a_stack():
    assert BracketIndex("[[a]b](c)]").square == {1: 3, 0: 5}


LINES = ["#", "# a", "## b #", "###### c ##", "#\\", "# a\\\\", "---", "***", "- - -", "___",
         "  ---", "-", "a", "b c", "===", "= =", "", " ", "> q", "* x", "1. y", "    code"]


def test_linear_block_processors_read_what_python_markdowns_read():
    generator = random.Random(10)
    for _ in range(5000):
        text = "\n".join(generator.choice(LINES) for _ in range(generator.randint(1, 14)))
        assert markdown.markdown(text, extensions=["sane_lists", LinearBlocksExtension()]) == (
            markdown.markdown(text, extensions=["sane_lists"])
        ), text


@pytest.mark.parametrize("line", ["---", "# a", "***", "a\n==="])
def test_block_lines_are_indexed_once(monkeypatch, line):
    read, candidate_lines = [], LineIndex.candidate_lines

    def counting(index, block):
        read.append(len(block))
        return candidate_lines(index, block)

    text = "\n".join([line] * 4000)
    monkeypatch.setattr(LineIndex, "candidate_lines", counting)
    html = markdown.markdown(text, extensions=[LinearBlocksExtension()])
    assert html == markdown.markdown(text)
    # Python-Markdown searched the rest of the block for each line: 4000 searches.
    assert sum(read) <= 2 * len(text)


def test_demo_posts_render_as_with_python_markdowns_own_readers():
    stock = [ext for ext in MARKDOWN_EXTENSIONS if not isinstance(ext, LINEAR_ONLY)]
    posts = sorted(Path(settings.BASE_DIR, "articles", "demo_posts").rglob("*.md"))
    assert len(posts) >= 10
    for post in posts:
        text = post.read_text()
        expected = CLEANER.clean(
            drop_invisible_elements(markdown.markdown(text, extensions=stock, output_format="html"))
        ).strip()
        assert render_markdown(text) == expected, post


def test_text_of_links_is_indexed_once(monkeypatch):
    import summit.markdown_linear as linear

    built = []

    class CountingIndex(BracketIndex):
        def __init__(self, data):
            built.append(len(data))
            super().__init__(data)

    monkeypatch.setattr(linear, "BracketIndex", CountingIndex)
    monkeypatch.setattr(linear, "recent_index", linear.RecentIndex())
    text = '[a](/b "t") ![c](/d) [e [f]](/g (h)) ' * 300
    html = markdown.markdown(text, extensions=[linear.LinearLinksExtension()])
    assert html == markdown.markdown(text)
    # Each link read leaves a new text (a placeholder in its place): 900 texts, indexed
    # once per link pattern's pass (and once for the text inside [e [f]]).
    assert len(built) <= len(linear.LINK_PATTERNS)
