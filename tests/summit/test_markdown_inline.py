import random
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest
from django.conf import settings
from markdown import util

from summit.markdown import CLEANER, MARKDOWN_EXTENSIONS, drop_invisible_elements, render_markdown
from summit.markdown_inline import LIKE_PLACEHOLDER_END, LinearInlineExtension

from .counting import CountingElement

STOCK = [ext for ext in MARKDOWN_EXTENSIONS if not isinstance(ext, LinearInlineExtension)]
# Emphasis, code, escapes, links, inline HTML and entities, with the block characters that
# nest them in lists, quotes, headings and tables.
ALPHABETS = ["*_ab \n", "*_`\\a \n", "[]()!\"'*a \n", "<>/=&;#b\"*` \n", "*_`[]()<>!\\ab -1.>#|\n"]


def stock_html(text):
    return markdown.markdown(text, extensions=STOCK, output_format="html")


def linear_html(text):
    return markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")


@pytest.mark.parametrize("alphabet", ALPHABETS)
def test_linear_inline_reads_what_python_markdowns_reads(alphabet):
    generator = random.Random(10)
    for _ in range(2000):
        text = "".join(generator.choice(alphabet) for _ in range(generator.randint(1, 40)))
        assert linear_html(text) == stock_html(text), text


@pytest.mark.parametrize(
    ("text", "html"),
    [
        # The second run of "_" starts where a placeholder ends in Python-Markdown's text.
        ("_a__*bb_", "<p><em>a</em><em>*bb</em></p>"),
        # The code span's backtick follows the placeholder of the escaped backslashes.
        ("\\\\`a`", "<p>\\<code>a</code></p>"),
        # The emphasis processor's cache is read across a run of "**" it left unpaired.
        ("**x *a* **y *c*", "<p>**x <em>a</em> **y <em>c</em></p>"),
        (
            "[a](/b) `c` <i>d</i> &amp; *e*",
            '<p><a href="/b">a</a> <code>c</code> <i>d</i> &amp; <em>e</em></p>',
        ),
    ],
)
def test_linear_inline_reads_at_placeholders_as_python_markdown(text, html):
    assert linear_html(text) == stock_html(text) == html


@pytest.mark.parametrize("piece", ["*a* ", "**a*b", "[a](/b) ", "`a` ", "<b>", "\\*", "&amp; "])
def test_long_paragraphs_read_as_python_markdown(piece):
    text = piece * 3000
    assert linear_html(text) == stock_html(text)


def test_demo_posts_render_as_with_python_markdowns_inline_reader():
    posts = sorted(Path(settings.BASE_DIR, "articles", "demo_posts").rglob("*.md"))
    assert len(posts) >= 10
    for post in posts:
        text = post.read_text()
        expected = CLEANER.clean(drop_invisible_elements(stock_html(text))).strip()
        assert render_markdown(text) == expected, post


def test_placeholder_like_characters_read_as_a_placeholders_end():
    # Where the character before a match could be told from a placeholder's last, the
    # text is rebuilt first: every lookbehind of the patterns must agree on the others.
    md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    sources = [pattern.getCompiledRegExp().pattern for pattern in md.inlinePatterns]
    sources += [delimiter.boundary.pattern for delimiter in md.delimiters.delimiters.values()]
    lookbehinds = {
        re.compile(found)
        for source in sources
        for found in re.findall(r"\(\?<[=!](?:\\.|\[(?:\\.|[^\]\\])*\]|[^()\\\[])*\)", source)
    }
    assert len(lookbehinds) >= 5
    alike = [chr(code) for code in range(0x3000) if LIKE_PLACEHOLDER_END.match(chr(code))]
    for lookbehind in lookbehinds:
        after_placeholder = bool(lookbehind.match(util.ETX + "x", 1))
        for char in alike:
            assert bool(lookbehind.match(char + "x", 1)) == after_placeholder, (lookbehind, char)


def texts_handed_to_patterns(monkeypatch, text):
    """The distinct texts the inline patterns were handed while ``text`` was read."""
    md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    handed = {}
    for pattern in md.inlinePatterns:

        def handle_match(match, data, handle=pattern.handleMatch):
            handed[id(data)] = data
            return handle(match, data)

        monkeypatch.setattr(pattern, "handleMatch", handle_match)
    html = md.convert(text)
    assert html == stock_html(text)
    return handed.values()


@pytest.mark.parametrize("piece", ["*a* ", "**a*b", "[a](/b) ", "`a` ", "<b>", "\\* "])
def test_each_pattern_reads_a_paragraph_without_copying_it(monkeypatch, piece):
    text = piece * 2000
    handed = texts_handed_to_patterns(monkeypatch, text)
    # Python-Markdown handed the patterns a new copy of the paragraph after each match:
    # 2000 texts, 40 million characters.
    assert sum(len(data) for data in handed) <= 2 * len(text)


def stashing_processor():
    md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    processor = md.treeprocessors["inline"]
    processor.stashed_nodes = {}
    processor.ancestors = []
    return processor


def test_text_between_placeholders_is_joined_once():
    processor = stashing_processor()
    data = "".join(
        f"a{processor._InlineProcessor__stashNode(f'<{number}>', 'html')}" for number in range(2000)
    )
    parent = CountingElement("p")
    assert processor.build_elements(data, parent) == []
    assert parent.text == "".join(f"a<{number}>" for number in range(2000))
    # Python-Markdown added each of the 4000 pieces to the text, copying it each time.
    assert parent.text_set == 1


def test_tails_are_placed_without_looking_their_children_up():
    processor = stashing_processor()
    node = CountingElement("em")
    for _ in range(2000):
        child = etree.SubElement(node, "strong")
        child.tail = "a" + processor._InlineProcessor__stashNode(etree.Element("code"), "code")
    processor.fill_element(node)
    # Python-Markdown listed the children to find each one: 4 million.
    assert node.listed <= 2 * len(node)
    assert [child.tag for child in node] == ["strong", "code"] * 2000


def test_tails_in_the_tree_are_placed_without_looking_their_children_up():
    root = CountingElement("div")
    for _ in range(2000):
        etree.SubElement(root, "hr").tail = "`a`"
    markdown.Markdown(extensions=MARKDOWN_EXTENSIONS).treeprocessors["inline"].run(root)
    assert root.listed <= 2 * len(root)
    assert [child.tag for child in root] == ["hr", "code"] * 2000
