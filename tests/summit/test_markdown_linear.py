import random

import markdown
import pytest
from markdown import inlinepatterns

from summit.markdown import render_markdown
from summit.markdown_linear import LinearLinkMixin, bracket_index


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
    assert bracket_index("[[a]b](c)]").square == {1: 3, 0: 5}
