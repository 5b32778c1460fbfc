import functools
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from articles import demo
from articles.models import Article
from articles.recaps import (
    RecapRefused,
    append_new_talks,
    create_recap_draft,
    recap_fields,
    stored_languages,
    talks_to_cover,
)
from events.models import Forum, Talk, TalkSpeaker
from tests.factories import ForumFactory, SpeakerFactory, TalkFactory, TalkSpeakerFactory, shanghai

from .conftest import NOW, ArticleFactory

pytestmark = pytest.mark.django_db
CACHED_COVER = functools.cache(demo.cover_jpeg)
MATERIALS_RECAPPED = ["机器学习势函数在合金设计中的应用", "电池材料的高通量筛选与智能优化",
                      "晶体结构生成模型研究进展", "第一性原理计算的深度学习加速"]


@pytest.fixture(autouse=True)
def _chinese():
    """Refusals speak the active language; an earlier test's request may have left English."""
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def demo_summit(monkeypatch):
    """The demo programme and news: the materials forum's recap covers four of its talks."""
    monkeypatch.setattr(demo, "cover_jpeg", CACHED_COVER)
    with time_machine.travel(NOW, tick=False):
        call_command("load_demo", stdout=StringIO())
        call_command("load_demo_news", stdout=StringIO())
    return Forum.objects.get(slug="materials")


@pytest.fixture
def forum(summit):
    forum = ForumFactory(summit=summit, title="Materials forum", slug="materials-test",
                         topic="Materials computing")
    for index, title in enumerate(["Alloys", "Batteries", "Crystals"]):
        start = shanghai(forum.date, 9) + timedelta(minutes=40 * index)
        TalkFactory(forum=forum, title=title, slug=f"t-{index}", start=start,
                    end=start + timedelta(minutes=30))
    talk = Talk.objects.get(title="Alloys")
    TalkSpeakerFactory(talk=talk, speaker=SpeakerFactory(
        name="林知远", name_latin="Lin Zhiyuan", honorific="教授", affiliation="青岚大学"))
    return forum


def coverage_of(client, titles):
    talks = client.get(reverse("admin:articles_article_coverage")).context["talks"]
    return {t.title_zh_hans: (t.article_count, t.draft_count)
            for t in talks if t.title_zh_hans in titles}


def test_recap_draft_of_demo_materials_forum_covers_its_talks_without_article(demo_summit):
    article = create_recap_draft(forum=demo_summit)
    talks = list(Talk.objects.filter(forum=demo_summit).exclude(title__in=MATERIALS_RECAPPED)
                 .exclude(kind=Talk.Kind.BREAK).order_by("start"))
    assert [t.title for t in talks] == [
        "开场致辞", "催化材料的多尺度模拟", "材料数据库与数据标准建设",
        "圆桌讨论：材料研发范式的变革"]
    assert article.status == Article.Status.DRAFT
    assert list(article.talks.order_by("start")) == talks
    assert list(article.forums.all()) == [demo_summit]
    assert list(article.summits.all()) == [demo_summit.summit]
    assert [c.slug for c in article.categories.all()] == ["recap"]
    assert article.title == "材料计算分论坛回顾"
    assert article.slug == "materials-recap"
    opening = article.body.split("\n\n")[0]
    assert opening == ("科学智能峰会 AI for Science Summit 2022的材料计算分论坛于2022年8月9日举行，"
                       "峰会主题为“AI for Science：共创新未来”。本场主题：材料计算 · Materials "
                       "computing。")
    headings = [line[3:] for line in article.body.splitlines() if line.startswith("## ")]
    assert headings == [t.title for t in talks]


def test_recap_section_lists_speakers_time_page_and_replay(forum):
    talk = Talk.objects.get(title="Alloys")
    talk.replay_url = "https://www.bilibili.com/video/BV1example"
    talk.save()
    article = create_recap_draft(forum=forum)
    section = article.body.split("## Alloys\n\n")[1].split("## Batteries")[0]
    assert section == (
        "- 讲者：林知远，教授（青岚大学）\n"
        "- 时间：2022-08-08 09:00–09:30 (Asia/Shanghai, UTC+8)\n"
        "- 报告页面：[Alloys](/talks/t-0/)\n"
        "- 回放：<https://www.bilibili.com/video/BV1example>\n\n"
        "<!-- 在此撰写这场报告的内容。 -->\n\n"
    )
    assert "回放" not in article.body.split("## Batteries")[1]
    # The place for the write-up stays invisible on the page if left empty.
    assert "在此撰写" not in article.body_html
    assert ('<a href="https://www.bilibili.com/video/BV1example" rel="nofollow noopener">'
            in article.body_html)


def test_recap_fields_in_english_use_latin_names_and_english_labels(forum):
    talks = list(talks_to_cover(forum))
    with translation.override("en"):
        fields = recap_fields(forum, talks)
    assert fields["title"] == "Materials forum recap"
    assert fields["body"].startswith(
        "Materials forum of AI for Science Summit 2022 took place on Aug. 8, 2022, under the "
        "summit's theme “AI for Science：共创新未来”. Its topic: Materials computing.")
    assert "- Speakers: Lin Zhiyuan, 教授 (青岚大学)\n" in fields["body"]


def test_recap_is_filled_in_both_languages(demo_summit):
    article = create_recap_draft(forum=demo_summit)
    assert stored_languages() == ["zh-hans", "en"]
    assert (article.title_zh_hans, article.title_en) == (
        "材料计算分论坛回顾", "Materials computing sub-forum recap")
    assert article.body_en.startswith("Materials computing sub-forum of AI for Science Summit")
    assert "- Speakers: Ye Zhining, Professor" in article.body_en


def test_recap_markdown_punctuation_in_titles_is_escaped(forum):
    Talk.objects.filter(title="Alloys").update(title="*Bold* [link](javascript:x)")
    article = create_recap_draft(forum=forum)
    assert "## \\*Bold\\* \\[link\\](javascript:x)" in article.body
    assert "<em>" not in article.body_html
    assert 'href="javascript' not in article.body_html


def test_recap_panel_names_the_moderator(forum):
    link = TalkSpeaker.objects.get()
    link.role = TalkSpeaker.Role.MODERATOR
    link.save()
    article = create_recap_draft(forum=forum)
    assert "- 讲者：林知远，教授（青岚大学） · 主持人\n" in article.body


def test_recap_twice_is_refused_naming_the_first(forum):
    first = create_recap_draft(forum=forum)
    with pytest.raises(RecapRefused) as refused:
        create_recap_draft(forum=forum)
    assert refused.value.article == first
    assert Article.objects.count() == 1


def test_recap_refused_when_every_talk_is_covered(forum):
    ArticleFactory().talks.add(*forum.talks.all())
    with pytest.raises(RecapRefused, match="的每场报告都已有文章"):
        create_recap_draft(forum=forum)
    assert Article.objects.count() == 1


def test_recap_leaves_out_breaks_cancelled_and_covered_talks(forum):
    Talk.objects.filter(title="Alloys").update(kind=Talk.Kind.BREAK)
    Talk.objects.filter(title="Batteries").update(status=Talk.Status.CANCELLED)
    ArticleFactory(status=Article.Status.DRAFT).talks.add(Talk.objects.get(title="Crystals"))
    start = shanghai(forum.date, 12)
    late = TalkFactory(forum=forum, title="Late", start=start, end=start + timedelta(hours=1))
    assert list(create_recap_draft(forum=forum).talks.all()) == [late]


def test_append_adds_talks_added_to_the_forum_later(forum):
    article = create_recap_draft(forum=forum)
    start = shanghai(forum.date, 12)
    late = TalkFactory(forum=forum, title="Late addition", slug="late", start=start,
                       end=start + timedelta(minutes=30))
    assert append_new_talks(article=article) == [late]
    article.refresh_from_db()
    assert article.body.rstrip().endswith(
        "## Late addition\n\n- 时间：2022-08-08 12:00–12:30 (Asia/Shanghai, UTC+8)\n"
        "- 报告页面：[Late addition](/talks/late/)\n\n<!-- 在此撰写这场报告的内容。 -->")
    assert article.body.count("## Alloys") == 1
    assert article.talks.count() == 4
    assert append_new_talks(article=article) == []


def test_append_to_published_recap_is_refused(forum):
    article = create_recap_draft(forum=forum)
    article.status = Article.Status.PUBLISHED
    article.save()
    TalkFactory(forum=forum, start=shanghai(forum.date, 12), end=shanghai(forum.date, 13))
    with pytest.raises(RecapRefused, match="已发布"):
        append_new_talks(article=article)
    assert article.talks.count() == 3


def test_append_to_an_ordinary_article_is_refused():
    with pytest.raises(RecapRefused, match="不是回顾草稿"):
        append_new_talks(article=ArticleFactory())


def test_coverage_counts_recap_talks_in_progress_then_covered(editor_client, demo_summit):
    coverage = reverse("admin:articles_article_coverage")
    # The demo's chemistry recap draft is in progress already.
    assert "2 talks have a draft in progress." in editor_client.get(coverage).content.decode()
    response = editor_client.post(reverse("admin:articles_article_recap",
                                          args=[demo_summit.pk]))
    article = Article.objects.get(source_key__startswith="recap:")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])
    titles = ["催化材料的多尺度模拟", "材料数据库与数据标准建设", "圆桌讨论：材料研发范式的变革",
              MATERIALS_RECAPPED[0]]
    assert coverage_of(editor_client, titles) == {
        titles[0]: (0, 1), titles[1]: (0, 1), titles[2]: (0, 1), titles[3]: (1, 0),
    }
    page = editor_client.get(coverage).content.decode()
    # The new draft's four talks: opening remarks, two talks, the panel.
    assert page.count("Draft in progress") == 2 + 4
    assert "6 talks have a draft in progress." in page
    editor_client.post(reverse("admin:articles_article_changelist"), {
        "action": "publish", "_selected_action": [article.pk],
    })
    assert coverage_of(editor_client, titles) == {
        titles[0]: (1, 0), titles[1]: (1, 0), titles[2]: (1, 0), titles[3]: (1, 0),
    }
