import pytest

from summit.addresses import host, image_allowed, link_allowed

from .executable import browser_scheme

DROPPED_LINKS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript&colon;alert(1)",
    "\x01javascript:alert(1)",
    " \x1f\x00javascript:alert(1)",
    "javascript:alert(1)\x1f ",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "DaTa:text/html,x",
    "file:///etc/passwd",
    "ftp://example.org/",
    "blob:https://example.org/x",
    "http://[bad",
]
KEPT_LINKS = [
    "https://example.org/a?b=c#d",
    "HTTP://example.org/",
    "mailto:news@example.org",
    "/schedule/",
    "talks/x/",
    "./this:that",
    "#h-awards",
    "?page=2",
    "//example.org/x",
    "java\x00script:alert(1)",  # NUL is no tab or newline: a relative path, harmless
]


@pytest.mark.parametrize("address", DROPPED_LINKS)
def test_link_allowed_drops_every_other_scheme_whatever_its_spelling(address):
    assert link_allowed(address) is False


@pytest.mark.parametrize("address", KEPT_LINKS)
def test_link_allowed_keeps_web_mail_relative_and_fragment_addresses(address):
    assert link_allowed(address) is True


@pytest.mark.parametrize("address", [a for a in DROPPED_LINKS + KEPT_LINKS if "&" not in a])
def test_link_allowed_agrees_with_the_url_standard_scheme(address):
    if address != "http://[bad":
        safe = browser_scheme(address) in {"", "http", "https", "mailto"}
        assert link_allowed(address) is safe


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("https://img.example/a.png", True),
        ("/media/articles/a.png", True),
        ("/media/articles/a%20b.png", True),
        ("\x01/media/a.png", True),
        ("//img.example/a.png", False),
        ("//page-one.invalid/media/a.png", False),
        ("/static/a.png", False),
        ("https:media/a.png", False),
        ("/media/.%2E/admin/", False),
        ("/media/..%2fadmin/", False),
        ("/media/..\\admin/", False),
        ("data:image/png;base64,iVBORw0KGgo=", False),
        ("javascript:alert(1)", False),
        ("mailto:a@example.org", False),
    ],
)
def test_image_allowed_only_web_images_and_this_sites_media(address, allowed):
    assert image_allowed(address) is allowed


def test_host_of_a_relative_address_is_empty_and_of_an_absolute_one_its_host():
    assert (host("/news/"), host("https://Example.org:8080/x"), host("\\\\evil.example/")) == (
        "", "example.org", "evil.example"
    )
