"""The programme in both languages: fields per language, fallback, sanitised Markdown."""

import pytest
from django.utils import translation

from events.models import Talk
from summit.markdown import rerender_stored_html
from tests.factories import ForumFactory, SpeakerFactory, TalkFactory, TalkSpeakerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def talk(summit):
    forum = ForumFactory(summit=summit, slug="materials", title="材料计算分论坛")
    forum.title_en = "Materials computing sub-forum"
    forum.save()
    talk = TalkFactory(forum=forum, slug="alloys", title="合金设计", abstract="关于**合金**。")
    TalkSpeakerFactory(talk=talk, speaker=SpeakerFactory(name="张伟", slug="zhang-wei"))
    return talk


def test_each_language_has_its_own_columns_and_chinese_is_the_default(talk):
    talk.title_en, talk.abstract_en = "Alloy design", "About *alloys*."
    talk.save()
    talk.refresh_from_db()
    assert (talk.title_zh_hans, talk.title_en) == ("合金设计", "Alloy design")
    assert (talk.abstract_html_zh_hans, talk.abstract_html_en) == (
        "<p>关于<strong>合金</strong>。</p>", "<p>About <em>alloys</em>.</p>"
    )
    with translation.override("en"):
        assert (talk.title, talk.abstract_html) == ("Alloy design", "<p>About <em>alloys</em>.</p>")
    with translation.override("zh-hans"):
        assert talk.title == "合金设计"


def test_english_markdown_goes_through_the_sanitiser(talk):
    talk.abstract_en = '<script>alert(1)</script>[x](javascript:alert(1)) <img src=x onerror=y>'
    talk.save()
    assert talk.abstract_html_en == '<p><a rel="noopener">x</a> <img></p>'


def test_an_empty_language_falls_back_to_the_other(talk):
    english_only = TalkFactory(forum=talk.forum, slug="english-only", title="x")
    Talk.objects.filter(pk=english_only.pk).update(title_zh_hans="", title_en="Only English")
    english_only.refresh_from_db()
    with translation.override("en"):
        assert talk.title == "合金设计"  # no English yet: the Chinese title
    with translation.override("zh-hans"):
        assert english_only.title == "Only English"


def test_english_page_shows_english_and_falls_back_per_field(client, talk):
    talk.title_en = "Alloy design"
    talk.save()
    html = client.get("/en/talks/alloys/").content.decode()
    assert "<h1>Alloy design</h1>" in html
    assert '<a href="/en/forums/materials/">Materials computing sub-forum</a>' in html
    assert "<p>关于<strong>合金</strong>。</p>" in html  # abstract not translated: Chinese
    assert "<h1>合金设计</h1>" in client.get("/talks/alloys/").content.decode()


def test_editing_english_leaves_the_change_log_history_in_chinese(talk):
    with translation.override("en"):
        talk.title = "Alloy design"
        talk.save()
    record = talk.history.latest()
    assert (record.title, talk.title_zh_hans, talk.title_en) == ("合金设计", "合金设计",
                                                                  "Alloy design")


def test_rerender_renders_every_language(talk):
    Talk.objects.filter(pk=talk.pk).update(abstract_en="*new*", abstract_html_en="stale")
    changed = rerender_stored_html()
    talk.refresh_from_db()
    assert changed["events.Talk"] == 1
    assert talk.abstract_html_en == "<p><em>new</em></p>"
    assert talk.abstract_html_zh_hans == "<p>关于<strong>合金</strong>。</p>"
