import hashlib
from datetime import UTC, date, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import models
from PIL import Image

from events.models import Forum, Speaker, Stream, Summit, Talk, TalkSpeaker

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())
    return Summit.objects.get(slug="ai4s-2022")


def snapshot():
    """Counts and a checksum of the demo's key fields, including save timestamps."""
    rows = [
        *Summit.objects.values_list("slug", "name", "theme", "start_date", "end_date",
                                    "is_current", "programme_published_at"),
        *Forum.objects.values_list("slug", "title", "date", "start_time", "end_time", "kind"),
        *Talk.objects.values_list("slug", "title", "kind", "start", "end", "forum__slug",
                                  "updated"),
        *Speaker.objects.values_list("slug", "name", "honorific", "photo", "photo_96",
                                     "photo_320"),
        *TalkSpeaker.objects.values_list("talk__slug", "speaker__slug", "role", "order"),
        *Stream.objects.values_list("platform", "channel_name", "url", "forum__slug"),
        *Forum.chairs.through.objects.values_list("forum__slug", "speaker__slug"),
    ]
    digest = hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()
    media = sorted(str(p.relative_to(settings.MEDIA_ROOT))
                   for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())
    return len(rows), digest, media


def test_load_demo_twice_changes_nothing(demo):
    before = snapshot()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert snapshot() == before
    assert "227 unchanged" in out.getvalue()
    assert "created" not in out.getvalue()


def test_load_demo_builds_the_announced_summit(demo):
    assert (demo.name, demo.short_name, demo.theme) == (
        "科学智能峰会 AI for Science Summit 2022", "AISS 2022", "AI for Science：共创新未来")
    assert (demo.start_date, demo.end_date, demo.format, demo.time_zone) == (
        date(2022, 8, 8), date(2022, 8, 11), Summit.Format.ONLINE, "Asia/Shanghai")
    assert demo.website == "http://ai4ssummit.bjaisi.com/"
    assert demo.series == "2022 中关村论坛系列活动（Zhongguancun Forum）"
    assert demo.is_current is True


def test_demo_has_one_main_forum_and_six_sub_forums_some_in_parallel(demo):
    forums = list(demo.forums.order_by("order"))
    assert [forum.kind for forum in forums] == ["main"] + ["sub"] * 6
    assert sorted({forum.date.day for forum in forums}) == [8, 9, 10, 11]
    parallel_days = sorted({a.date for a in forums for b in forums
                            if a.pk < b.pk and a.date == b.date
                            and a.start_time < b.end_time and b.start_time < a.end_time})
    assert parallel_days == [date(2022, 8, 9), date(2022, 8, 11)]
    assert all(forum.chairs.count() >= 1 for forum in forums)


def test_demo_streams_cover_site_bilibili_and_wechat(demo):
    summit_wide = sorted(demo.streams.filter(forum=None)
                         .values_list("platform", "channel_name"))
    assert summit_wide == [
        ("bilibili", "深度势能"), ("bilibili", "科学智能AISI"), ("other", "中关村论坛官网"),
        ("site", "大会官网"), ("wechat", "深势科技"),
    ]
    assert demo.streams.exclude(forum=None).count() == 7


def test_demo_talks_follow_the_model_rules(demo):
    talks = list(Talk.objects.of_summit(demo).select_related("forum__summit"))
    assert len(talks) == 70
    assert len([t for t in talks if t.kind != Talk.Kind.BREAK]) >= 56
    assert {t.kind for t in talks} == set(Talk.Kind.values)
    for talk in talks:
        talk.full_clean()
    for link in TalkSpeaker.objects.select_related("talk__forum__summit", "speaker"):
        link.full_clean()


def test_demo_speakers_are_marked_as_sample_data_with_portraits(demo):
    speakers = list(Speaker.objects.all())
    assert len(speakers) == 53
    assert all("示例讲者（演示数据）" in speaker.bio for speaker in speakers)
    assert {"院士", "教授", "研究员"} <= {speaker.honorific for speaker in speakers}
    sizes = set()
    for speaker in speakers:
        for field in (speaker.photo_96, speaker.photo_320):
            with Image.open(field.path) as image:
                sizes.add(image.size)
    assert sizes == {(96, 96), (320, 320)}


def test_load_demo_remakes_a_deleted_portrait(demo):
    speaker = Speaker.objects.order_by("slug").first()
    Path(speaker.photo.path).unlink()
    call_command("load_demo", stdout=StringIO())
    speaker.refresh_from_db()
    assert Path(speaker.photo.path).exists()
    assert Path(speaker.photo_96.path).exists()


def test_load_demo_drops_sample_speakers_it_no_longer_makes(demo):
    stale = Speaker.objects.create(name="旧示例", name_latin="Old Sample", slug="demo-old-sample")
    kept = Speaker.objects.create(name="真实讲者", slug="real-speaker")
    call_command("load_demo", stdout=StringIO())
    assert list(Speaker.objects.filter(pk__in=[stale.pk, kept.pk])) == [kept]


def test_demo_change_log_tells_the_announced_swap(demo, client):
    assert demo.programme_published_at == datetime(2022, 8, 5, 2, 0, tzinfo=UTC)
    changes = client.get("/en/schedule/changes/").context["changes"]
    assert sorted((c.when, c.title, c.action) for c in changes) == [
        (datetime(2022, 8, 9, 10, 30, tzinfo=UTC), "工业软件国产化与 AI 融合路径", "changed"),
        (datetime(2022, 8, 9, 10, 30, tzinfo=UTC), "燃烧与化学反应流的智能建模", "changed"),
    ]


TRANSLATED = {
    Summit: ["name", "theme", "description", "description_html"],
    Forum: ["title", "description", "description_html"],
    Talk: ["title"],
    Speaker: ["name", "honorific", "affiliation", "position", "bio", "bio_html"],
    Stream: ["channel_name"],
}


def test_demo_fills_every_english_field(demo):
    empty = {
        (model.__name__, field): model.objects.filter(**{f"{field}_en": ""}).count()
        for model, fields in TRANSLATED.items() for field in fields
    }
    same = Talk.objects.filter(title_en=models.F("title_zh_hans")).count()
    # A break has no abstract in either language; every other talk has one in both.
    no_abstract = set(Talk.objects.filter(abstract_en="").values_list("kind", flat=True))
    assert (empty, same, no_abstract) == (dict.fromkeys(empty, 0), 0, {Talk.Kind.BREAK})
    assert Talk.objects.exclude(kind=Talk.Kind.BREAK).filter(abstract_zh_hans="").count() == 0


def test_demo_in_english_reads_english(client, demo):
    html = client.get("/en/forums/materials/").content.decode()
    assert "<h1>Materials computing sub-forum</h1>" in html
    assert "Machine-learned potentials in alloy design" in html
    assert "机器学习势函数" not in html
