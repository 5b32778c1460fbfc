import json
import random
from pathlib import Path

import markdown
import pytest
from markdown.htmlparser import HTMLExtractor, htmlparser

from summit.markdown import clean_html, render_markdown
from summit.raw_html import MAX_DEPTH, LinearHTMLExtractor, LinearRawHtmlExtension, bound_nesting

from .executable import problems

VECTORS = Path(__file__).parent / "vectors"
PIECES = ["<a", "<b", " ", "x", "=", "/", ">", "\n", "`", "'", '"', "&amp;", "</b>", "<!--",
          "-->", "<div>", "</div>", "\n\n", "<a href=/x>", "<p title='<b>'>"]


def extract(extractor, text):
    parser = extractor(markdown.Markdown())
    parser.feed(text)
    parser.close()
    # Python-Markdown joins the pieces: where the text is cut between them does not matter.
    return "".join(parser.cleandoc), parser.md.htmlStash.rawHtmlBlocks


def test_linear_extractor_reads_what_python_markdowns_reads():
    generator = random.Random(10)
    for _ in range(5000):
        text = "".join(generator.choice(PIECES) for _ in range(generator.randint(1, 16)))
        assert extract(LinearHTMLExtractor, text) == extract(HTMLExtractor, text), text
        assert markdown.markdown(text, extensions=[LinearRawHtmlExtension()]) == (
            markdown.markdown(text)
        ), text


class CountingPattern:
    """Python-Markdown's start-tag pattern, counting the characters its matches read."""

    def __init__(self, pattern):
        self.pattern, self.read = pattern, 0

    def match(self, text, pos=0):
        found = self.pattern.match(text, pos)
        self.read += (found.end() if found else pos) - pos
        return found


@pytest.mark.parametrize("piece", ["<a ", '<a x="', "<a b=c "])
def test_unclosed_start_tags_are_scanned_once(monkeypatch, piece):
    counting = CountingPattern(htmlparser.locatestarttagend_tolerant)
    monkeypatch.setattr(htmlparser, "locatestarttagend_tolerant", counting)
    text = piece * 2000
    assert render_markdown(text).startswith("<p>&lt;a ")
    # Each failed tag is scanned twice (to learn where its scan ended); Python-Markdown's
    # own reader scans to the end from each "<": millions of characters.
    assert counting.read <= 3 * len(text)


def test_unclosed_start_tag_at_the_end_is_text():
    assert render_markdown('a <b title="x" <i>y</i>') == '<p>a &lt;b title="x" <i>y</i></p>'


def test_bound_nesting_drops_opening_tags_beyond_the_depth():
    html = "<ul>" * 150 + "x" + "</ul>" * 150
    assert bound_nesting(html) == "<ul>" * MAX_DEPTH + "x" + "</ul>" * 150
    assert clean_html(html) == "<ul>" * MAX_DEPTH + "x" + "</ul>" * MAX_DEPTH


def test_bound_nesting_keeps_closed_and_self_ending_elements():
    html = "<p>a<b>b</b></p>" * 300 + "<ul>" + "<li>a<br><img src=x>" * 300 + "</ul>"
    assert bound_nesting(html) == html


def test_bound_nesting_counts_closings_html5lib_ignores():
    # html5lib ignores </span> with a <p> open inside it: both stay open, and count.
    html = "<span><p></span>" * 60
    # Past the depth a <p> still closes the <p> before it, as in html5lib.
    assert bound_nesting(html) == "<span><p></span>" * 50 + "<p></span>" * 10


def test_bound_nesting_scans_each_character_once():
    assert bound_nesting("<a <b " * 10_000) == "<a <b " * 10_000
    assert bound_nesting("<b>" * 40_000) == "<b>" * MAX_DEPTH


@pytest.mark.parametrize("source", ["bleach", "html5lib", "dompurify", "ammonia", "owasp"])
def test_vectors_buried_beyond_the_depth_leave_nothing_executable(source):
    for vector in json.loads((VECTORS / f"{source}.json").read_text())["vectors"]:
        for opening in ("<b>", "<table><tr><td>"):
            html = clean_html(opening * 120 + vector)
            assert problems(html) == [], vector
