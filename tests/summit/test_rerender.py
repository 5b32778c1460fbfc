from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from events.models import Speaker, Talk
from tests.articles.conftest import ArticleFactory
from tests.factories import SpeakerFactory, TalkFactory

pytestmark = pytest.mark.django_db


def test_rerender_markdown_refreshes_stale_html_without_saving(summit):
    talk = TalkFactory(abstract="Hello **world**")
    speaker = SpeakerFactory(bio="A *bio*")
    article = ArticleFactory(body="# Title")
    # HTML stored by an older, laxer sanitiser:
    Talk.objects.filter(pk=talk.pk).update(abstract_html="<script>x()</script>")
    Article.objects.filter(pk=article.pk).update(body_html='<h1 id="main">Title</h1>')
    history_before = talk.history.count()
    updated_before = Talk.objects.get(pk=talk.pk).updated
    out = StringIO()
    call_command("rerender_markdown", stdout=out)
    assert Talk.objects.get(pk=talk.pk).abstract_html == "<p>Hello <strong>world</strong></p>"
    assert Article.objects.get(pk=article.pk).body_html == '<h1 id="h-title">Title</h1>'
    assert Speaker.objects.get(pk=speaker.pk).bio_html == "<p>A <em>bio</em></p>"
    assert "events.Talk: 1 rows re-rendered" in out.getvalue()
    assert "events.Speaker: 0 rows re-rendered" in out.getvalue()
    assert "articles.Article: 1 rows re-rendered" in out.getvalue()
    assert talk.history.count() == history_before
    assert Talk.objects.get(pk=talk.pk).updated == updated_before
