import posixpath
from urllib.parse import unquote, urlsplit

import html5lib
import pytest
from django.utils import translation

from summit.markdown import clean_html, drop_invisible_elements, render_markdown

# Paths that start with /media/ but that a browser resolves outside it.
MEDIA_ESCAPES = [
    "/media/%2e%2e/admin/",
    "/media/%2E%2E/admin/",
    "/media/.%2e/admin/",
    "/media/..%2fadmin/",
    "/media/..\\admin/",
    "/media/..%5cadmin/",
    "/media\\..\\admin/",
    "/\\evil.example/media/x.png",
    "/media/&#46;&#46;/admin/",
    "/media/&period;&period;/admin/",
]
# Browsers drop tabs and newlines inside URLs (Markdown would expand the tab to spaces).
MEDIA_ESCAPES_HTML = [*MEDIA_ESCAPES, "/media/.\t./admin/", "/media/.&#10;./admin/"]

HOSTILE_HTML = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<p onclick="alert(1)" onmouseover=alert(2)>hi</p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JAVASCRIPT:alert(1)">x</a>',
    '<a href=" java\tscript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;avascript&colon;alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">',
    '<img src="javascript:alert(1)">',
    '<img src="//evil.example/x.png">',
    '<svg onload="alert(1)"><circle r="5"/></svg>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<svg><script>alert(1)</script></svg>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
    "<!-- <script>alert(1)</script> -->",
    "<!--[if IE]><script>alert(1)</script><![endif]-->",
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<style>body{background:red}</style>",
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="javascript:alert(1)"><input type=submit></form>',
    '<div><p>unclosed <b>bold <a href="javascript:alert(1)">',
    '<img src="x" / onerror=alert(1)>',
    "<<img src=x onerror=alert(1)//>>",
    '<a href="https://ok.example/" onclick=alert(1)>ok</a>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    *(f'<img src="{path}">' for path in MEDIA_ESCAPES_HTML),
]

HOSTILE_MARKDOWN = [
    "[click](javascript:alert(1))",
    "[click](JavaScript:alert(1))",
    "[click](data:text/html,<script>alert(1)</script>)",
    "![img](javascript:alert(1))",
    "![img](data:image/png;base64,iVBORw0KGgo=)",
    "[ref][1]\n\n[1]: javascript:alert(1)",
    "![ref][1]\n\n[1]: data:image/svg+xml,<svg/onload=alert(1)>",
    "<javascript:alert(1)>",
    "[x](&#106;avascript:alert(1))",
    '[x](https://ok.example/ "title" onmouseover=alert(1))',
    "```html\n<script>alert(1)</script>\n```",
    "Text <script>alert(1)</script> inline",
    "*emphasis* <img src=x onerror=alert(1)>",
    "<svg><g onload=alert(1)></g></svg>",
    *(f"![x]({path})" for path in MEDIA_ESCAPES),
]

EXECUTABLE_TAGS = {"script", "style", "svg", "math", "iframe", "object", "embed", "form",
                   "input", "meta", "base", "link", "noscript", "template"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "background", "xlink:href", "data"}


def parsed_elements(html):
    tree = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    return list(tree.iter())


def local_name(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def assert_nothing_executable(html):
    for element in parsed_elements(html):
        assert local_name(element.tag) not in EXECUTABLE_TAGS, html
        for name, value in element.attrib.items():
            name = local_name(name).lower()
            assert not name.startswith("on"), html
            assert name != "style", html
            if name in URL_ATTRIBUTES:
                scheme = value.strip().split(":", 1)[0].lower() if ":" in value else ""
                assert scheme in {"", "http", "https", "mailto"}, html
                if name == "src" and not value.startswith(("http://", "https://")):
                    path = posixpath.normpath(unquote(urlsplit(value).path))
                    assert path.startswith("/media/") and "\\" not in value, html


@pytest.mark.parametrize("source", HOSTILE_HTML)
def test_clean_html_hostile_input_leaves_nothing_executable(source):
    assert_nothing_executable(clean_html(source))


@pytest.mark.parametrize("source", HOSTILE_MARKDOWN + HOSTILE_HTML)
def test_render_markdown_hostile_input_leaves_nothing_executable(source):
    assert_nothing_executable(render_markdown(source))


def test_clean_html_script_content_is_dropped_not_shown():
    assert clean_html("<p>a</p><script>alert(1)</script><style>p{}</style>") == "<p>a</p>"


def test_render_markdown_javascript_link_keeps_text_without_href():
    assert render_markdown("[click](javascript:alert(1))") == '<p><a rel="noopener">click</a></p>'


def test_render_markdown_external_link_gets_nofollow_noopener():
    html = render_markdown("[site](https://example.org/page)")
    assert html == '<p><a href="https://example.org/page" rel="nofollow noopener">site</a></p>'


def test_render_markdown_internal_link_gets_noopener_only():
    assert render_markdown("[schedule](/schedule/)") == (
        '<p><a href="/schedule/" rel="noopener">schedule</a></p>'
    )


def test_render_markdown_mailto_link_is_kept():
    assert render_markdown("[mail](mailto:news@example.org)") == (
        '<p><a href="mailto:news@example.org" rel="noopener">mail</a></p>'
    )


def test_render_markdown_plain_url_is_linkified():
    assert render_markdown("see https://example.org now") == (
        '<p>see <a href="https://example.org" rel="nofollow noopener">https://example.org</a>'
        " now</p>"
    )


def test_render_markdown_data_text_is_not_linkified_as_data_url():
    assert 'href="data:' not in render_markdown("data:text/html,example.org")


def test_render_markdown_images_only_http_or_media():
    html = render_markdown(
        "![a](https://img.example/a.png) ![b](/media/articles/2022/08/b.png) "
        "![c](/static/c.png) ![d](ftp://x.example/d.png)"
    )
    sources = [e.get("src") for e in parsed_elements(html) if local_name(e.tag) == "img"]
    assert sources == ["https://img.example/a.png", "/media/articles/2022/08/b.png", None, None]


def test_render_markdown_tables_fenced_code_and_heading_ids():
    html = render_markdown(
        "## Programme\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\n<b>x</b>\n```"
    )
    assert html == (
        '<h2 id="h-programme">Programme</h2>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n'
        "</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n"
        "<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>"
    )


def test_clean_html_wechat_markup_keeps_text_and_emphasis_only():
    source = (
        '<div><p style="caret-color: rgb(0,0,0);"><span style="letter-spacing: 1.5px;">'
        '<strong><span style="color: rgb(2,30,170); --tt-darkmode-color: #244AFF;">8月8日'
        "</span></strong>开幕</span></p><p><span><br></span></p>"
        '<img src="https://p3.example.com/a" referrerpolicy="no-referrer">'
        '<a href="http://www.example.com/undefined"></a></div>'
    )
    assert clean_html(source) == (
        '<p><strong>8月8日</strong>开幕</p><img src="https://p3.example.com/a"'
        ' referrerpolicy="no-referrer">'
    )


def test_clean_html_referrerpolicy_other_values_replaced_by_no_referrer():
    assert clean_html('<img src="https://a.example/x" referrerpolicy="unsafe-url">') == (
        '<img src="https://a.example/x" referrerpolicy="no-referrer">'
    )


def img_sources(html):
    return [e.get("src") for e in parsed_elements(html) if local_name(e.tag) == "img"]


@pytest.mark.parametrize("path", MEDIA_ESCAPES)
def test_render_markdown_image_escaping_media_loses_src(path):
    assert img_sources(render_markdown(f"![x]({path})")) == [None]


@pytest.mark.parametrize("path", MEDIA_ESCAPES_HTML)
def test_clean_html_image_escaping_media_loses_src(path):
    assert img_sources(clean_html(f'<img src="{path}">')) == [None]


def test_render_markdown_media_image_with_encoded_name_is_kept():
    assert img_sources(render_markdown("![x](/media/articles/a%20b.png)")) == [
        "/media/articles/a%20b.png"
    ]


def test_render_markdown_heading_id_cannot_take_a_page_id():
    assert render_markdown("# main") == '<h1 id="h-main">main</h1>'


def test_clean_html_raw_heading_id_is_prefixed():
    assert clean_html('<h2 id="csrfmiddlewaretoken">x</h2>') == (
        '<h2 id="h-csrfmiddlewaretoken">x</h2>'
    )


def test_clean_html_heading_id_prefixed_once_when_cleaned_again():
    once = render_markdown("## Awards")
    assert clean_html(once) == once == '<h2 id="h-awards">Awards</h2>'


def test_render_markdown_toc_and_in_page_links_follow_heading_ids():
    html = render_markdown("[TOC]\n\n# Awards\n\nSee [the awards](#awards).")
    assert html == (
        '<ul>\n<li><a href="#h-awards" rel="noopener">Awards</a></li>\n</ul>\n\n'
        '<h1 id="h-awards">Awards</h1>\n'
        '<p>See <a href="#h-awards" rel="noopener">the awards</a>.</p>'
    )


def test_render_markdown_external_image_sent_without_referrer():
    assert render_markdown("![a](https://img.example/a.png) ![b](/media/b.png)") == (
        '<p><img alt="a" src="https://img.example/a.png" referrerpolicy="no-referrer"> '
        '<img alt="b" src="/media/b.png"></p>'
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("factory", "field"),
    [
        ("SummitFactory", "description"),
        ("ForumFactory", "description"),
        ("SpeakerFactory", "bio"),
        ("TalkFactory", "abstract"),
    ],
)
def test_markdown_field_longer_than_the_cap_fails_validation(factory, field):
    from django.core.exceptions import ValidationError

    from tests import factories

    instance = getattr(factories, factory)()
    setattr(instance, field, "a" * 100_000)
    instance.full_clean()
    setattr(instance, field, "a" * 100_001)
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    message = "This text is too long: at most 100,000 characters, it has 100,001."
    with translation.override("en"):
        # The field and its Chinese column (django-modeltranslation) both hold the text.
        assert error.value.message_dict == {field: [message], f"{field}_zh_hans": [message]}


def test_drop_invisible_elements_keeps_unclosed_and_text_between():
    assert drop_invisible_elements(
        "a<script>x</script >b<STYLE media=x>y</style>c<script>never closed<title>t</title>"
    ) == "abc<script>never closed"


def test_render_markdown_deeply_nested_list_is_escaped_text_not_an_error():
    assert render_markdown("1. " * 3000 + "<b>") == f"<p>{'1. ' * 3000}&lt;b&gt;</p>"


@pytest.mark.django_db
def test_strip_control_characters_from_rows_cleans_and_renders_again():
    from events.models import Talk
    from summit.markdown import strip_control_characters_from_rows
    from tests.factories import TalkFactory

    clean, dirty = TalkFactory(title="Clean"), TalkFactory(title="Dirty")
    Talk.objects.filter(pk=dirty.pk).update(
        title="Di\x0brty", abstract="[x](java\x0bscript:alert(1))",
        abstract_html='<p><a href="java\x0bscript:alert(1)">x</a></p>',
    )
    assert strip_control_characters_from_rows(Talk, {"abstract": "abstract_html"}) == 1
    dirty.refresh_from_db()
    assert (dirty.title, dirty.abstract, dirty.abstract_html) == (
        "Dirty", "[x](javascript:alert(1))", '<p><a rel="noopener">x</a></p>'
    )
    assert Talk.objects.get(pk=clean.pk).title == "Clean"


def test_render_markdown_one_table_of_contents_later_markers_stay_text():
    # Each of 300 markers used to become the table of all 300 headings.
    text = "[TOC]\n\n# A heading\n\n" * 300
    html = render_markdown(text)
    assert html.count('<a href="#h-a-heading_299"') == 1  # one table, listing every heading
    assert html.count("<p>[TOC]</p>") == 299
    assert len(html) < 10 * len(text)  # one marker per heading made 300 tables: 180x
