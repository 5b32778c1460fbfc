import json
import random
import xml.etree.ElementTree as etree
from pathlib import Path

import bleach
import pytest

from summit.html_tree import EtreeWalker, LinearTreeWalker
from summit.markdown import CLEANER, render_markdown

from .counting import CountingElement

VECTORS = Path(__file__).parent / "vectors"
# bleach's own tree builder and walker, with our allow-lists and filters.
STOCK = bleach.Cleaner(
    tags=CLEANER.tags,
    attributes=CLEANER.attributes,
    protocols=CLEANER.protocols,
    strip=CLEANER.strip,
    strip_comments=CLEANER.strip_comments,
    filters=CLEANER.filters,
)
# Text, entities, nesting, misnesting (the adoption agency), tables (foster parenting),
# comments, raw text elements and elements dropped by the allow-list.
PIECES = ["a", " ", "\n", "&amp;", "&", "&lt;", "<", ">", "<p>", "</p>", "<em>", "</em>", "<b>",
          "</b>", "<i>", "</i>", "<div>", "</div>", "<ul><li>", "<li>", "</ul>", "<table>",
          "<tr>", "<td>", "</td>", "</table>", "<pre><code>", "</code></pre>", "<br>", "<!-- c -->",
          "<script>", "</script>", "<select><option>", "<template>", '<a href="/x">', "</a>"]


@pytest.mark.parametrize("source", ["bleach", "html5lib", "dompurify", "ammonia", "owasp"])
def test_cleaner_cleans_vectors_as_bleach(source):
    for vector in json.loads((VECTORS / f"{source}.json").read_text())["vectors"]:
        assert CLEANER.clean(vector) == STOCK.clean(vector), vector


def test_cleaner_cleans_random_fragments_as_bleach():
    generator = random.Random(10)
    for _ in range(3000):
        html = "".join(generator.choice(PIECES) for _ in range(generator.randint(1, 30)))
        assert CLEANER.clean(html) == STOCK.clean(html), html


@pytest.mark.parametrize(
    "markdown", ["| a | b |\n|---|---|\n| 1 |\n\n", "```\na\n```\n", "***a*** <i>b</i> ", "& < >"]
)
def test_cleaner_cleans_long_documents_as_bleach(markdown):
    html = render_markdown(markdown * 1000)
    assert CLEANER.clean(html) == STOCK.clean(html)


def test_walker_walks_as_html5libs():
    root = CLEANER.parser.parseFragment("a<p>b<em>c</em>d<br></p>e<table><td><b>f</b></table>g")
    assert list(LinearTreeWalker(root)) == list(EtreeWalker(root))


def test_walker_leaves_elements_without_listing_their_siblings():
    root = CountingElement("div")
    for _ in range(2000):
        etree.SubElement(etree.SubElement(root, "pre"), "code").text = "a"
    tokens = list(LinearTreeWalker(root))
    # html5lib's walker listed the siblings twice for each: 8 million.
    assert root.listed == 0
    assert len(tokens) == 2 + 2000 * 5
