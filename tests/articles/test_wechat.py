import functools
from io import StringIO
from pathlib import Path

import html5lib
import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from articles import demo
from articles.models import Article
from articles.post_import import import_posts
from articles.wechat import article_markdown, wechat_html, wechat_page

from .conftest import NOW, ArticleFactory

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).with_name("fixtures")
SITE = "https://summit.example.org"
CACHED_COVER = functools.cache(demo.cover_jpeg)
TABLE_IMAGE_LINK = (
    "## 报告速览\n\n"
    "| 报告 | 讲者 |\n|---|---|\n| 机器学习势函数 | 林知远 |\n\n"
    "![晶格](/media/articles/lattice.png)\n\n"
    "详见[大会官网](https://ai4ssummit.example.org/agenda)，或看[报告页面](/talks/alloys/)。\n\n"
    "> 引言\n\n```\ncode <b>\n```\n"
)


def absolute(path):
    return SITE + path


def tree(html):
    return html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)


def assert_ready_for_wechat(html):
    """No script, no class names, every element of the look styled, every image absolute."""
    elements = list(tree(html).iter())
    assert [e.tag for e in elements if e.tag in {"script", "style"}] == []
    assert [e.tag for e in elements if "class" in e.attrib or "onclick" in e.attrib] == []
    images = [e.get("src") for e in elements if e.tag == "img"]
    assert all(src.startswith(("https://", "http://")) for src in images), images
    styled = {"p", "h2", "h3", "table", "td", "th", "li", "blockquote", "img", "pre"}
    assert [e.tag for e in elements if e.tag in styled and not e.get("style")] == []
    return elements


def test_wechat_copy_of_article_with_table_image_and_external_link():
    article = ArticleFactory(slug="materials", body=TABLE_IMAGE_LINK)
    html = wechat_html(article, absolute=absolute)
    elements = assert_ready_for_wechat(html)
    assert [e.get("src") for e in elements if e.tag == "img"] == [
        f"{SITE}/media/articles/lattice.png"]
    assert elements[0].tag == "DOCUMENT_FRAGMENT" and elements[1].tag == "section"
    assert "font-family" in elements[1].get("style")
    [td] = [e for e in elements if e.tag == "td" and e.text == "林知远"]
    assert "border: 1px solid #dfe3ee" in td.get("style")
    text = "".join(elements[1].itertext())
    # Links written out after their label, the portal's own made absolute.
    assert "详见大会官网 (https://ai4ssummit.example.org/agenda)，或看报告页面 " \
           f"({SITE}/talks/alloys/)。" in text
    assert text.endswith(f"在门户网站阅读本文：{SITE}/news/materials/")
    assert 'code &lt;b&gt;' in html


def test_wechat_copy_passes_through_the_sanitiser_first():
    article = ArticleFactory(body="x")
    # A stored body_html that bypassed save(): the copy must not trust it.
    Article.objects.filter(pk=article.pk).update(
        body_html='<p class="c" onclick="x()">Hi<script>alert(1)</script></p>'
                  '<img src="javascript:alert(1)"><a href="javascript:x">l</a>')
    article.refresh_from_db()
    html = wechat_html(article, absolute=absolute)
    assert "javascript" not in html and "alert" not in html
    assert "<img" not in html
    assert_ready_for_wechat(html)


def test_wechat_copy_of_imported_wechat_post_keeps_no_class_or_script(settings):
    settings.ALLOWED_HOSTS = ["summit.example.org"]
    [(_, outcome, article)] = import_posts([FIXTURES / "wechat-table-post.html"])
    assert outcome == "created"
    html = wechat_html(article, absolute=absolute)
    elements = assert_ready_for_wechat(html)
    assert [e.get("src") for e in elements if e.tag == "img"] == [
        "https://mmbiz.example-img.com/body/def456"]
    assert [e.tag for e in elements if e.tag in {"table", "blockquote", "ul"}] == [
        "table", "blockquote", "ul"]
    assert "大会官网 (https://summit.example.org/agenda)" in "".join(elements[1].itertext())


def test_wechat_copy_of_every_demo_article(monkeypatch, settings):
    monkeypatch.setattr(demo, "cover_jpeg", CACHED_COVER)
    with time_machine.travel(NOW, tick=False):
        call_command("load_demo", stdout=StringIO())
        call_command("load_demo_news", stdout=StringIO())
    articles = list(Article.objects.all())
    assert len(articles) == 8
    for article in articles:
        elements = assert_ready_for_wechat(wechat_html(article, absolute=absolute))
        assert [e.tag for e in elements if e.tag == "section"] == ["section"]


def test_markdown_copy_keeps_table_image_and_links_absolute():
    article = ArticleFactory(title="材料计算", slug="materials", body=TABLE_IMAGE_LINK)
    text = article_markdown(article, absolute=absolute)
    assert text.startswith("# 材料计算\n\n## 报告速览\n\n| 报告 | 讲者 |\n| --- | --- |\n"
                           "| 机器学习势函数 | 林知远 |\n")
    assert f"![晶格]({SITE}/media/articles/lattice.png)" in text
    assert "[大会官网](https://ai4ssummit.example.org/agenda)" in text
    assert f"[报告页面]({SITE}/talks/alloys/)" in text
    assert text.endswith(f"<{SITE}/news/materials/>\n")


def test_wechat_page_is_a_whole_document_with_the_title_escaped():
    article = ArticleFactory(title="A <b>bold</b> title", body="Hi")
    page = wechat_page(article, absolute=absolute)
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>A &lt;b&gt;bold&lt;/b&gt; title</title>" in page
    assert "<b>" not in page


def wechat_url(article, **params):
    url = reverse("admin:articles_article_wechat", args=[article.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_wechat_admin_page_offers_copy_download_and_markdown(editor_client):
    article = ArticleFactory(slug="materials", body=TABLE_IMAGE_LINK)
    change = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert wechat_url(article) in change.content.decode()
    response = editor_client.get(wechat_url(article))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'src="/static/articles/copy.js"' in content
    assert 'data-copy="wechat-copy"' in content and 'data-copy="markdown-copy"' in content
    assert f"{'http://testserver'}/media/articles/lattice.png" in content
    assert "| 机器学习势函数 | 林知远 |" in content


@pytest.mark.parametrize("kind, content_type, filename", [
    ("html", "text/html; charset=utf-8", "materials-wechat.html"),
    ("md", "text/markdown; charset=utf-8", "materials.md"),
])
def test_wechat_downloads(editor_client, kind, content_type, filename):
    article = ArticleFactory(slug="materials", body=TABLE_IMAGE_LINK)
    response = editor_client.get(wechat_url(article, download=kind))
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert "http://testserver/media/articles/lattice.png" in response.content.decode()
