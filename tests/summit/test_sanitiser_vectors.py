"""The published test inputs of other sanitizers and the OWASP XSS cheat sheet, through
ours: nothing in the output may run script in a browser (see ``executable.py``).

The vectors and each source's licence are in ``vectors/``; ``vectors/extract.py``
rebuilds them from the sources' repositories.
"""

import json
from pathlib import Path

import pytest

from summit.markdown import clean_html, render_markdown

from .executable import browser_scheme, problems

VECTORS = Path(__file__).parent / "vectors"
SOURCES = ("bleach", "html5lib", "dompurify", "ammonia", "owasp")


def load(source):
    return json.loads((VECTORS / f"{source}.json").read_text())["vectors"]


ALL_VECTORS = [
    pytest.param(vector, id=f"{source}-{index}")
    for source in SOURCES
    for index, vector in enumerate(load(source))
]


@pytest.mark.parametrize("source", SOURCES)
def test_vectors_each_source_is_present_with_its_licence(source):
    assert len(load(source)) >= 50
    assert (VECTORS / f"{source}.LICENSE").stat().st_size > 500


@pytest.mark.parametrize("vector", ALL_VECTORS)
def test_clean_html_published_vector_leaves_nothing_executable(vector):
    html = clean_html(vector)
    assert problems(html) == [], html


@pytest.mark.parametrize("vector", ALL_VECTORS)
def test_render_markdown_published_vector_leaves_nothing_executable(vector):
    html = render_markdown(vector)
    assert problems(html) == [], html


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ('<a href=" java&#9;script:x">a</a>', "javascript: address in href of <a>"),
        ('<a href="&#1;vbscript:x">a</a>', "vbscript: address in href of <a>"),
        ('<img src="DATA:image/png,x">', "data: address in src of <img>"),
        ('<p onclick="x()">a</p>', "onclick attribute on <p>"),
        ('<p style="background:u\\72l(x)">a</p>', "scripted CSS 'background:u\\\\72l(x)'"),
        ("<svg></svg>", "<svg> element"),
        ('<img src="/static/x.png">', "image outside the media path: '/static/x.png'"),
    ],
)
def test_problems_finds_what_a_browser_would_run(html, problem):
    assert problems(html) == [problem]


@pytest.mark.parametrize(
    ("address", "scheme"),
    [
        ("javascript:x", "javascript"),
        ("JaVaScRiPt:x", "javascript"),
        ("java\tscript:x", "javascript"),
        ("\x01 javascript:x", "javascript"),
        ("java\x00script:x", ""),
        ("ja va:x", ""),
        ("/a:b", ""),
        ("1http:x", ""),
        ("h.t+t-p:x", "h.t+t-p"),
    ],
)
def test_browser_scheme_follows_the_url_standard(address, scheme):
    assert browser_scheme(address) == scheme
