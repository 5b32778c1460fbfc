import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from events.models import Forum, Stream, Talk
from tests.factories import (
    ForumFactory,
    SpeakerFactory,
    StreamFactory,
    SummitFactory,
    TalkFactory,
    TalkSpeakerFactory,
    build_programme,
    shanghai,
)

pytestmark = pytest.mark.django_db

DAY_ONE = date(2022, 8, 8)
ZONE = '<span class="tz">(Asia/Shanghai, UTC+8)</span>'


@pytest.fixture
def client(english_client):
    """The English pages, so assertions do not depend on a translation catalogue."""
    return english_client


@pytest.fixture(params=[1, 60], ids=["1-talk", "60-talks"])
def programme(request, summit):
    return build_programme(summit, request.param)


def when(label, start_iso):
    day, _, time_range = label.rpartition(" ")
    day = f"{day} " if day else ""
    return (f'<span class="when"><time datetime="{start_iso}">{day}'
            f'<span class="when__range">{time_range}</span></time> {ZONE}</span>')


def text(response):
    return response.content.decode()


# Home


def test_home_runs_fixed_queries(client, programme, django_assert_num_queries):
    # summit, forums with talk counts, streams, and the news hook's pinned + latest articles
    with django_assert_num_queries(5):
        response = client.get(reverse("events:home"))
    assert response.status_code == 200


def test_home_shows_summit_streams_and_main_forum_first(client, summit):
    forums, _ = build_programme(summit, 16)
    forums[1].kind = Forum.Kind.MAIN
    forums[1].save()
    forums[0].kind = Forum.Kind.SUB
    forums[0].save()
    StreamFactory(summit=summit, platform=Stream.Platform.WECHAT, channel_name="")
    html = text(client.get(reverse("events:home")))
    assert "<h1 class=\"hero__title\">AI for Science Summit 2022</h1>" in html
    assert '<p class="hero__theme">AI for Science：共创新未来</p>' in html
    assert "8–11 August 2022" in html
    assert '<span class="hero__fact-label">Format</span> Online' in html
    assert (
        '<span class="button__platform">Bilibili</span>'
        '<span class="button__channel">科学智能AISI</span>'
    ) in html
    assert '<span class="button__platform">WeChat Channels</span>' in html
    assert html.index(f">{forums[1].title}</a></h3>") < html.index(f">{forums[0].title}</a></h3>")
    assert "8 talks" in html
    assert "Live now" not in html


def test_home_title_description_canonical_and_lang(client, summit):
    html = text(client.get(reverse("events:home")))
    assert '<html lang="en">' in html
    assert "<title>AI for Science Summit 2022 · AI for Science：共创新未来</title>" in html
    assert (
        '<meta name="description" content="AI for Science Summit 2022: '
        'AI for Science：共创新未来. 8–11 August 2022, Online.">'
    ) in html
    assert '<link rel="canonical" href="http://testserver/en/">' in html
    assert html.count('<header class="site-header">') == 1
    assert html.count('<footer class="site-footer">') == 1
    footer = html[html.index('<footer class="site-footer">'):]
    assert footer.count('<a href="/en/news/">News</a>') == 1


def test_home_in_chinese_names_dates_the_chinese_way(summit):
    html = text(Client().get(reverse("events:home")))
    assert '<html lang="zh-hans">' in html
    assert "2022年8月8日至11日" in html


def strip_of(html):
    return html[html.index('<section class="live-strip"'):html.index("<template data-strip-item>")]


def test_home_strip_shows_talks_on_air_with_streams_and_the_next_hour(
        client, summit, django_assert_num_queries):
    forums, talks = build_programme(summit, 8)
    # 5 as off-season, plus the strip's talks and the streams
    with (
        time_machine.travel(shanghai(DAY_ONE, 9, 10), tick=False),
        django_assert_num_queries(7),
    ):
        strip = strip_of(text(client.get(reverse("events:home"))))
    on_air, up_next = strip.split('data-strip-group="next"')
    assert re.findall(r'<p class="live-item__title"><a href="[^"]+">([^<]+)</a>', on_air) == [
        talks[0].title]
    assert '<span class="button__platform">Bilibili</span>' in on_air
    assert re.findall(r'<p class="live-item__title"><a href="[^"]+">([^<]+)</a>', up_next) == [
        talks[1].title]  # 09:40; 10:20 is more than an hour ahead
    assert "button__platform" not in up_next


def test_home_strip_takes_a_talk_five_minutes_early(client, summit):
    _, talks = build_programme(summit, 8)
    with time_machine.travel(shanghai(DAY_ONE, 9, 35), tick=False):
        strip = strip_of(text(client.get(reverse("events:home"))))
    on_air, up_next = strip.split('data-strip-group="next"')
    assert (talks[1].title in on_air, talks[0].title in strip) == (True, False)
    assert talks[2].title in up_next


def test_home_strip_hidden_when_nothing_is_near(client, summit):
    build_programme(summit, 1)
    with time_machine.travel(shanghai(DAY_ONE, 7), tick=False):
        html = text(client.get(reverse("events:home")))
    assert 'aria-labelledby="live-strip-title" hidden>' in html


def test_home_without_any_summit_is_404(client, db):
    response = client.get(reverse("events:home"))
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in text(response)


# Schedule


def test_schedule_runs_fixed_queries(client, programme, django_assert_num_queries):
    with django_assert_num_queries(6):
        response = client.get(reverse("events:schedule"))
    assert response.status_code == 200


def test_schedule_filtered_runs_fixed_queries(client, programme, django_assert_num_queries):
    forum = programme[0][0]
    with django_assert_num_queries(6):
        response = client.get(
            reverse("events:schedule"), {"day": "2022-08-08", "forum": forum.slug}
        )
    assert response.status_code == 200


def test_schedule_shows_talk_with_zone_speakers_and_kind(client, summit):
    forum = ForumFactory(summit=summit, title="生物计算分论坛")
    talk = TalkFactory(forum=forum, title="蛋白质设计", kind=Talk.Kind.KEYNOTE,
                       start=shanghai(DAY_ONE, 9), end=shanghai(DAY_ONE, 9, 30))
    speaker = SpeakerFactory(name="王小明", honorific="Academician", affiliation="北京大学")
    TalkSpeakerFactory(talk=talk, speaker=speaker)
    html = text(client.get(reverse("events:schedule")))
    assert when("09:00–09:30", "2022-08-08T09:00:00+08:00") in html
    assert f'<a href="/en/talks/{talk.slug}/">蛋白质设计</a>' in html
    assert (
        f'<a href="/en/speakers/{speaker.slug}/">王小明</a> <span class="muted">Academician</span>'
    ) in html
    assert '<span class="talk__affiliation">北京大学</span>' in html
    assert '<span class="label label--keynote">Keynote</span>' in html
    assert f'<a href="/en/forums/{forum.slug}/">生物计算分论坛</a>' in html


def test_schedule_groups_by_day_then_parallel_forums(client, summit):
    forums, _ = build_programme(summit, 40)  # forums 0 and 4 share day one
    html = text(client.get(reverse("events:schedule")))
    day_one = html[html.index('id="day-2022-08-08"'):html.index('id="day-2022-08-09"')]
    assert 'class="day__forums day__forums--parallel"' in day_one
    assert f'id="forum-{forums[0].slug}"' in day_one
    assert f'id="forum-{forums[4].slug}"' in day_one
    assert f'id="forum-{forums[1].slug}"' not in day_one


def test_schedule_day_filter_shows_only_that_day(client, summit):
    forums, talks = build_programme(summit, 16)
    html = text(client.get(reverse("events:schedule"), {"day": "2022-08-09"}))
    assert f">{talks[8].title}</a>" in html
    assert f">{talks[0].title}</a>" not in html
    assert '<a class="pill" href="?day=2022-08-09" aria-current="page">' in html


def test_schedule_forum_filter_shows_only_that_forum(client, summit):
    forums, talks = build_programme(summit, 16)
    html = text(client.get(reverse("events:schedule"), {"forum": forums[1].slug}))
    assert f">{talks[8].title}</a>" in html
    assert f">{talks[0].title}</a>" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"day": "2022-13-45"}, "“2022-13-45” is not a date (use YYYY-MM-DD)."),
        ({"day": "2023-01-01"}, "There is no programme on 2023-01-01."),
        ({"forum": "no-such-forum"}, "There is no forum “no-such-forum”."),
        ({"day": "<b>x</b>"}, "“&lt;b&gt;x&lt;/b&gt;” is not a date (use YYYY-MM-DD)."),
    ],
)
def test_schedule_unknown_filter_is_404_with_empty_state(client, summit, query, message):
    build_programme(summit, 8)
    response = client.get(reverse("events:schedule"), query)
    assert response.status_code == 404
    html = text(response)
    assert message in html
    assert '<a class="button" href="/en/schedule/">Show the whole schedule</a>' in html
    assert '<a class="pill" href="?day=2022-08-08">' in html


def test_schedule_filters_with_kind_and_words_run_fixed_queries(
    client, programme, django_assert_num_queries
):
    with django_assert_num_queries(6):
        response = client.get(reverse("events:schedule"),
                              {"day": "", "forum": "", "kind": "talk", "q": "talk number"})
    assert response.status_code == 200


def test_schedule_kind_filter_shows_only_that_kind(client, summit):
    forums, talks = build_programme(summit, 8)
    talks[3].kind = Talk.Kind.PANEL
    talks[3].save()
    response = client.get(reverse("events:schedule"), {"kind": "panel"})
    assert [talk.slug for talk in response.context["schedule"].talks] == [talks[3].slug]
    assert '<option value="panel" selected>Panel</option>' in text(response)


def test_schedule_word_filter_finds_talks_in_either_language(client, summit):
    forum = ForumFactory(summit=summit, title="材料计算分论坛", slug="materials")
    other = ForumFactory(summit=summit, title="生物计算分论坛", slug="bio")
    battery = TalkFactory(forum=forum, title="电池材料", title_en="Battery materials")
    TalkFactory(forum=other, title="蛋白质设计", title_en="Protein design")
    for q in ["电池", "battery", "BATTERY materials"]:
        response = client.get(reverse("events:schedule"), {"q": q})
        assert [talk.slug for talk in response.context["schedule"].talks] == [battery.slug]
        assert [f.slug for f in response.context["schedule"].forums] == ["materials"]


def test_schedule_form_keeps_every_filter_and_old_addresses(client, summit):
    forums, talks = build_programme(summit, 16)
    html = text(client.get(reverse("events:schedule"),
                           {"day": "2022-08-09", "forum": forums[1].slug, "q": "<b>"}))
    assert ('<form class="filters schedule-filters" action="/en/schedule/" method="get" '
            'aria-label="Filter the schedule">') in html
    assert '<option value="2022-08-09" selected>Tuesday 9 August</option>' in html
    assert f'<option value="{forums[1].slug}" selected>{forums[1].title}</option>' in html
    assert 'name="q" value="&lt;b&gt;" autocomplete' in html
    # The form's empty fields mean "all": the whole schedule.
    response = client.get(reverse("events:schedule"), {"day": "", "forum": "", "kind": "", "q": ""})
    assert len(response.context["schedule"].talks) == 16


def test_schedule_filters_matching_nothing_say_so(client, summit):
    build_programme(summit, 8)
    response = client.get(reverse("events:schedule"), {"q": "no such words"})
    assert response.status_code == 200
    assert "No talks match these filters" in text(response)
    assert "The programme has not been published yet." not in text(response)


def test_schedule_unknown_kind_is_404_with_day_navigation(client, summit):
    build_programme(summit, 8)
    response = client.get(reverse("events:schedule"), {"kind": "<i>nap</i>"})
    assert response.status_code == 404
    assert "There is no kind of session “&lt;i&gt;nap&lt;/i&gt;”." in text(response)
    assert '<a class="pill" href="?day=2022-08-08">' in text(response)


def test_schedule_marks_cancelled_talks_but_keeps_them(client, summit):
    _, talks = build_programme(summit, 8)
    talks[2].status = Talk.Status.CANCELLED
    talks[2].save()
    html = text(client.get(reverse("events:schedule")))
    assert html.count('<article class="talk talk--cancelled talk--talk">') == 1
    assert html.count('<span class="label label--cancelled">Cancelled</span>') == 1
    assert f">{talks[2].title}</a>" in html


def test_schedule_empty_programme_says_so(client, summit):
    response = client.get(reverse("events:schedule"))
    assert response.status_code == 200
    assert "The programme has not been published yet." in text(response)


# Forum


def test_forum_runs_fixed_queries(client, programme, django_assert_num_queries):
    forum = programme[0][0]
    with django_assert_num_queries(6):
        response = client.get(forum.get_absolute_url())
    assert response.status_code == 200


def test_forum_shows_description_chairs_streams_and_talks(client, summit):
    forums, talks = build_programme(summit, 8)
    forum = forums[0]
    forum.description = "About **biocomputing**."
    forum.topic = "Protein design"
    forum.save()
    chair = forum.chairs.get()
    StreamFactory(summit=summit, platform=Stream.Platform.WECHAT, url="https://example.org/wx")
    html = text(client.get(forum.get_absolute_url()))
    assert f"<title>{forum.title} · AI for Science Summit 2022</title>" in html
    assert "<p>About <strong>biocomputing</strong>.</p>" in html
    assert '<p class="lead">Protein design</p>' in html
    assert when("Monday 8 August 09:00–18:00", "2022-08-08T09:00:00+08:00") in html
    assert f'<a href="/en/speakers/{chair.slug}/">{chair.name}</a>' in html
    # The summit-wide Bilibili channel is the forum's own one: listed once.
    assert html.count('<span class="button__platform">Bilibili</span>') == 1
    assert html.count('<span class="button__platform">WeChat Channels</span>') == 1
    assert all(f">{talk.title}</a></h3>" in html for talk in talks)


def test_forum_of_another_summit_is_404(client, summit):
    other = ForumFactory(summit__slug="older", summit__is_current=False)
    assert client.get(other.get_absolute_url()).status_code == 404


# Talk


def test_talk_runs_fixed_queries(client, programme, django_assert_num_queries):
    talk = programme[1][-1]
    # summit, talk with forum and summit, its speakers, the news hook's articles
    with django_assert_num_queries(4):
        response = client.get(talk.get_absolute_url())
    assert response.status_code == 200


def test_talk_shows_time_forum_speakers_and_abstract(client, summit):
    forum = ForumFactory(summit=summit, title="主论坛")
    talk = TalkFactory(forum=forum, title="Opening", abstract="Hello *world*.",
                       start=shanghai(DAY_ONE, 10), end=shanghai(DAY_ONE, 10, 45))
    speaker = SpeakerFactory(name="李华", name_latin="Li Hua", honorific="Professor",
                             affiliation="清华大学", position="Dean")
    TalkSpeakerFactory(talk=talk, speaker=speaker)
    html = text(client.get(talk.get_absolute_url()))
    assert "<h1>Opening</h1>" in html
    assert when("Monday 8 August 10:00–10:45", "2022-08-08T10:00:00+08:00") in html
    assert f'Forum: <a href="/en/forums/{forum.slug}/">主论坛</a>' in html
    assert f'<a class="person__name" href="/en/speakers/{speaker.slug}/">李华</a>' in html
    assert '<span class="person__affiliation">清华大学 · Dean</span>' in html
    assert (
        '<span class="portrait portrait--sm portrait--initials" aria-hidden="true">LH</span>'
    ) in html
    assert "<p>Hello <em>world</em>.</p>" in html
    assert (
        '<meta name="description" content="Opening, 李华. 主论坛, AI for Science Summit 2022.">'
    ) in html


def test_talk_shows_streams_only_while_live(client, summit, django_assert_num_queries):
    forums, talks = build_programme(summit, 1)
    talk = talks[0]
    with (
        time_machine.travel(shanghai(DAY_ONE, 9, 10), tick=False),
        django_assert_num_queries(5),  # the 4 above and the streams
    ):
        html = text(client.get(talk.get_absolute_url()))
    assert '<span class="badge badge--live" data-phase="live">Live now</span>' in html
    assert 'aria-labelledby="watch-heading" data-phase="live">' in html
    assert html.count('<span class="button__platform">Bilibili</span>') == 1
    # Before: loaded for the page's script, but hidden until the talk is on air.
    with time_machine.travel(shanghai(DAY_ONE, 8), tick=False):
        html = text(client.get(talk.get_absolute_url()))
    assert 'aria-labelledby="watch-heading" data-phase="live" hidden>' in html
    # The countdown is the script's: a cached page cannot know the minute it is read.
    assert re.search(r'<p class="talk-countdown" data-countdown [^>]* hidden></p>', html)
    with time_machine.travel(shanghai(DAY_ONE, 9, 30), tick=False):
        html = text(client.get(talk.get_absolute_url()))
    assert "button__platform" not in html.split("<main")[1]


def test_talk_shows_replay_after_it_ended(client, summit):
    _, talks = build_programme(summit, 1)
    talk = talks[0]
    talk.replay_url = "https://www.bilibili.com/video/BV1GJ411x7h7"
    talk.save()
    with time_machine.travel(shanghai(DAY_ONE, 9, 10), tick=False):
        during = text(client.get(talk.get_absolute_url()))
    assert '<section class="replay" id="replay" aria-labelledby="replay-heading" '\
        'data-phase="after" hidden>' in during
    html = text(client.get(talk.get_absolute_url()))
    assert '<section class="replay" id="replay" aria-labelledby="replay-heading" '\
        'data-phase="after">' in html
    assert ('data-kind="bilibili" data-src="https://player.bilibili.com/player.html?'
            'bvid=BV1GJ411x7h7&amp;autoplay=0"') in html
    assert "Play the replay (Bilibili)" in html
    assert ('<a href="https://www.bilibili.com/video/BV1GJ411x7h7" rel="noopener">'
            "Watch the replay on Bilibili</a>") in html
    assert "<iframe" not in html  # the player comes only with the click


def test_talk_cancelled_is_marked(client, summit):
    talk = TalkFactory(forum=ForumFactory(summit=summit), status=Talk.Status.CANCELLED)
    html = text(client.get(talk.get_absolute_url()))
    assert '<p class="notice notice--cancelled">This talk has been cancelled.</p>' in html


def test_talk_shows_slides_link(client, summit):
    talk = TalkFactory(forum=ForumFactory(summit=summit), slides_url="https://example.org/s.pdf")
    html = text(client.get(talk.get_absolute_url()))
    assert (
        '<a class="button button--ghost" href="https://example.org/s.pdf" rel="noopener">'
        "Slides</a>"
    ) in html


# Speakers


def test_speaker_list_runs_fixed_queries(client, programme, django_assert_num_queries):
    with django_assert_num_queries(2):
        response = client.get(reverse("events:speaker_list"))
    assert response.status_code == 200


def test_speaker_list_shows_speakers_and_chairs_once(client, summit):
    forums, talks = build_programme(summit, 2)
    chair = forums[0].chairs.get()
    TalkSpeakerFactory(talk=talks[1], speaker=chair)
    SpeakerFactory(name="Not in this summit")
    html = text(client.get(reverse("events:speaker_list")))
    assert "5 speakers and chairs" in html
    assert html.count(f'href="/en/speakers/{chair.slug}/"') == 1
    assert "Not in this summit" not in html


def test_speaker_detail_runs_fixed_queries(client, programme, django_assert_num_queries):
    forums, talks = programme
    speaker = talks[0].speakers.first()
    for talk in talks[1:]:
        TalkSpeakerFactory(talk=talk, speaker=speaker)
    forums[-1].chairs.add(speaker)
    with django_assert_num_queries(5):
        response = client.get(speaker.get_absolute_url())
    assert response.status_code == 200
    assert text(response).count('<article class="talk') == len(talks)


def test_speaker_detail_shows_bio_talks_and_chaired_forums(client, summit):
    forum = ForumFactory(summit=summit, title="材料计算分论坛")
    talk = TalkFactory(forum=forum, title="Crystal search",
                       start=shanghai(DAY_ONE, 14), end=shanghai(DAY_ONE, 14, 30))
    speaker = SpeakerFactory(name="张伟", name_latin="Zhang Wei", honorific="Academician",
                             affiliation="中国科学院", position="Researcher",
                             bio="A *sample* speaker.")
    TalkSpeakerFactory(talk=talk, speaker=speaker)
    forum.chairs.add(speaker)
    html = text(client.get(speaker.get_absolute_url()))
    assert "<title>张伟 (Zhang Wei) · AI for Science Summit 2022</title>" in html
    assert '<h1>张伟 <span class="speaker-head__latin">Zhang Wei</span></h1>' in html
    assert '<p class="speaker-head__honorific">Academician</p>' in html
    assert '<p class="speaker-head__affiliation">中国科学院 · Researcher</p>' in html
    assert "<p>A <em>sample</em> speaker.</p>" in html
    assert when("Monday 8 August 14:00–14:30", "2022-08-08T14:00:00+08:00") in html
    assert f'<a href="/en/forums/{forum.slug}/">材料计算分论坛</a> · ' in html
    ics = f"/en/speakers/{speaker.slug}.ics"
    assert f'<a class="button button--ghost" href="{ics}" download>' in html


# Summits not public yet (a future edition in preparation)


def upcoming_talk(speaker):
    upcoming = SummitFactory(slug="ai4s-2023", is_current=False, start_date=date(2023, 8, 8),
                             end_date=date(2023, 8, 9))
    forum = ForumFactory(summit=upcoming, date=date(2023, 8, 8), title="Next year's forum")
    talk = TalkFactory(forum=forum, title="Not announced yet", start=shanghai(date(2023, 8, 8), 9),
                       end=shanghai(date(2023, 8, 8), 10))
    TalkSpeakerFactory(talk=talk, speaker=speaker)
    forum.chairs.add(speaker)
    return talk


def test_talk_of_summit_in_preparation_is_404(client, summit):
    talk = upcoming_talk(SpeakerFactory())
    assert client.get(talk.get_absolute_url()).status_code == 404


def test_talk_of_past_summit_is_shown(client, summit):
    past = SummitFactory(slug="ai4s-2021", is_current=False, start_date=date(2021, 8, 8),
                         end_date=date(2021, 8, 9))
    talk = TalkFactory(forum=ForumFactory(summit=past, date=date(2021, 8, 8)), title="Old one",
                       start=shanghai(date(2021, 8, 8), 9), end=shanghai(date(2021, 8, 8), 10))
    response = client.get(talk.get_absolute_url())
    assert response.status_code == 200
    assert "<h1>Old one</h1>" in text(response)


def test_speaker_detail_leaves_out_summit_in_preparation(client, summit):
    speaker = SpeakerFactory()
    TalkSpeakerFactory(talk=TalkFactory(forum=ForumFactory(summit=summit), title="This year"),
                       speaker=speaker)
    upcoming_talk(speaker)
    html = text(client.get(speaker.get_absolute_url()))
    assert html.count('<article class="talk') == 1
    assert "This year" in html
    assert "Not announced yet" not in html
    assert "Next year&#x27;s forum" not in html


# Not found


@pytest.mark.parametrize("name", ["forum_detail", "talk_detail", "speaker_detail"])
def test_unknown_slug_is_styled_404(client, summit, name):
    response = client.get(reverse(f"events:{name}", kwargs={"slug": "does-not-exist"}))
    assert response.status_code == 404
    html = text(response)
    assert "<h1>Page not found</h1>" in html
    assert '<a class="button" href="/en/">Back to the home page</a>' in html
    assert "<title>Page not found · AI for Science Summit 2022</title>" in html


def test_unknown_path_is_styled_404(client, summit):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert '<p class="error-page__code">404</p>' in text(response)


def test_pages_use_no_external_assets_or_inline_script(client, summit):
    forums, talks = build_programme(summit, 8)
    urls = [
        reverse("events:home"), reverse("events:schedule"), forums[0].get_absolute_url(),
        talks[0].get_absolute_url(), reverse("events:speaker_list"),
        talks[0].speakers.first().get_absolute_url(),
    ]
    for url in urls:
        html = text(client.get(url))
        scripts = re.findall(r"<script[^>]*>", html)
        data, files = ([tag for tag in scripts if 'type="application/ld+json"' in tag],
                       [tag for tag in scripts if " src=" in tag])
        assert set(data) <= {'<script type="application/ld+json">'}, url
        assert sorted(data + files) == sorted(scripts), url  # no inline script
        assert all(re.search(r' src="/static/js/[\w.]+\.js"', tag) for tag in files), url
        assert ' onclick=' not in html and ' style=' not in html, url
        assert 'href="/en//' not in html and 'src="http' not in html, url
        assert html.count('<link rel="canonical" href="http://testserver') == 1, url


def test_stream_buttons_name_the_platform_for_every_platform(client, summit):
    for platform in Stream.Platform:
        StreamFactory(summit=summit, platform=platform, channel_name="", url="https://example.org/")
    html = text(client.get(reverse("events:home")))
    for platform in Stream.Platform:
        assert f'<span class="button__platform">{platform.label}</span>' in html


def test_time_range_names_a_half_hour_zone(client, summit):
    summit.time_zone = "Asia/Kolkata"
    summit.save()
    forum = ForumFactory(summit=summit)
    talk = TalkFactory(forum=forum, start=shanghai(DAY_ONE, 12), end=shanghai(DAY_ONE, 12) +
                       timedelta(minutes=20))
    html = text(client.get(talk.get_absolute_url()))
    assert (
        '<span class="when__range">09:30–09:50</span></time> <span class="tz">(Asia/Kolkata, '
        "UTC+5:30)</span>"
    ) in html


# After the event, and the visual QA pass


def test_talk_over_without_replay_says_so(client, summit):
    talk = TalkFactory(forum=ForumFactory(summit=summit), start=shanghai(DAY_ONE, 9),
                       end=shanghai(DAY_ONE, 9, 30))
    note = "This talk has ended; the replay is not available yet.</p>"
    shown = f'<p class="notice notice--ended" data-phase="after">{note}'
    hidden = f'<p class="notice notice--ended" data-phase="after" hidden>{note}'
    with time_machine.travel(shanghai(DAY_ONE, 8), tick=False):
        before = text(client.get(talk.get_absolute_url()))
    with time_machine.travel(shanghai(DAY_ONE, 9, 10), tick=False):
        during = text(client.get(talk.get_absolute_url()))
    with time_machine.travel(shanghai(DAY_ONE, 9, 30), tick=False):
        after = text(client.get(talk.get_absolute_url()))
    talk.replay_url = "https://www.bilibili.com/video/BV1example"
    talk.save()
    with time_machine.travel(shanghai(DAY_ONE, 9, 30), tick=False):
        replayed = text(client.get(talk.get_absolute_url()))
    # Hidden until the end, so the page's script can show it without a reload.
    assert [(shown in html, hidden in html) for html in (before, during, after, replayed)] == [
        (False, True), (False, True), (True, False), (False, False)]


def test_talk_calendar_link_under_its_time_and_forum_box_labelled(client, summit):
    forum = ForumFactory(summit=summit, title="主论坛", topic="Protein design")
    talk = TalkFactory(forum=forum, slug="opening")
    html = text(client.get(talk.get_absolute_url()))
    head = html[html.index('<header class="page-head">'):html.index("</header>", html.index(
        '<header class="page-head">'))]
    assert 'href="/en/talks/opening.ics" download>Add to calendar' in head
    assert head.index("page-head__when") < head.index("add-to-calendar")
    assert '<h2 id="forum-heading" class="side-box__title">About this forum</h2>' in html
    assert f'<a href="/en/forums/{forum.slug}/">All talks of this forum →</a>' in html
    assert html.count("/talks/opening.ics") == 1


def test_forum_over_replaces_where_to_watch(client, summit):
    forum = ForumFactory(summit=summit)  # 09:00–18:00 on day one
    StreamFactory(summit=summit)
    ended = "This forum has ended; talk pages link to replays when available."
    with time_machine.travel(shanghai(DAY_ONE, 17), tick=False):
        during = text(client.get(forum.get_absolute_url()))
    with time_machine.travel(shanghai(DAY_ONE, 18), tick=False):
        after = text(client.get(forum.get_absolute_url()))
    assert ("Where to watch" in during, ended in during) == (True, False)
    assert ("Where to watch" in after, ended in after) == (False, True)
    # The channels stay reachable, folded away.
    assert '<details class="past-streams"><summary>Stream channels</summary>' in after


def test_forum_lists_talks_before_the_side_column(client, summit):
    forums, talks = build_programme(summit, 2)
    html = text(client.get(forums[0].get_absolute_url()))
    assert "layout-split--side-first" not in html
    assert html.index(f">{talks[0].title}</a>") < html.index('class="layout-split__side"')


def test_home_after_the_summit_points_to_the_news(client, summit):
    StreamFactory(summit=summit)
    with time_machine.travel(shanghai(date(2022, 8, 11), 23, 59), tick=False):
        during = text(client.get(reverse("events:home")))
    with time_machine.travel(shanghai(date(2022, 8, 12), 0), tick=False):
        after = text(client.get(reverse("events:home")))
    ended = 'The summit has ended. Replays and recaps: <a href="/en/news/">news</a>.'
    assert ("Where to watch" in during, ended in during) == (True, False)
    assert ("Where to watch" in after, ended in after) == (False, True)


def test_stream_buttons_do_not_repeat_the_platform(client, summit):
    StreamFactory(summit=summit, platform=Stream.Platform.SITE, channel_name="Conference site",
                  url="https://example.org/live")
    StreamFactory(summit=summit, platform=Stream.Platform.OTHER, channel_name="中关村论坛官网",
                  url="https://example.org/zgc")
    with time_machine.travel(shanghai(DAY_ONE, 9), tick=False):
        html = text(client.get(reverse("events:home")))
    assert re.findall(r'<span class="button__(?:platform|channel)">[^<]*</span>', html) == [
        '<span class="button__platform">Conference site</span>',
        '<span class="button__platform">中关村论坛官网</span>',
    ]


def test_schedule_break_has_no_kind_label(client, summit):
    TalkFactory(forum=ForumFactory(summit=summit), kind=Talk.Kind.BREAK, title="Tea break")
    html = text(client.get(reverse("events:schedule")))
    assert ">Tea break</a>" in html
    assert "label--break" not in html


def test_schedule_only_overlapping_forums_are_parallel(client, summit):
    morning = ForumFactory(summit=summit, slug="morning", start_time=time(9), end_time=time(12, 30))
    parallel = ForumFactory(summit=summit, slug="parallel", start_time=time(10),
                            end_time=time(12))
    afternoon = ForumFactory(summit=summit, slug="afternoon", start_time=time(14),
                             end_time=time(17, 30))
    html = text(client.get(reverse("events:schedule")))
    groups = re.findall(r'<div class="day__forums([^"]*)">(.*?)</div></div>', html, re.S)
    assert [
        (modifier, re.findall(r'id="forum-([a-z]+)"', body)) for modifier, body in groups
    ] == [
        (" day__forums--parallel", [morning.slug, parallel.slug]),
        ("", [afternoon.slug]),
    ]


# Past editions: their forums have their own address, pages render in their own zone

BERLIN_DAY = date(2021, 6, 7)


def berlin(hour, minute=0):
    return datetime.combine(BERLIN_DAY, time(hour, minute), tzinfo=UTC) - timedelta(hours=2)


def past_forum(slug="materials"):
    """A forum of a past edition held in Berlin (UTC+2), sharing its slug with this year's."""
    past = SummitFactory(slug="ai4s-2021", name="AI for Science Summit 2021", is_current=False,
                         start_date=BERLIN_DAY, end_date=BERLIN_DAY, time_zone="Europe/Berlin")
    return ForumFactory(summit=past, slug=slug, title="Materials 2021", date=BERLIN_DAY,
                        start_time=time(9), end_time=time(12))


def test_forum_url_of_current_summit_stays_short(client, summit):
    forum = ForumFactory(summit=summit, slug="materials")
    assert forum.get_absolute_url() == "/forums/materials/"
    response = client.get("/summits/ai4s-2022/forums/materials/")
    assert (response.status_code, response["Location"]) == (301, "/en/forums/materials/")


def test_forum_url_of_past_summit_names_the_summit(summit):
    assert past_forum().get_absolute_url() == "/summits/ai4s-2021/forums/materials/"


def test_talk_of_past_summit_links_its_forum_in_its_zone(client, summit):
    ForumFactory(summit=summit, slug="materials", title="Materials 2022")
    talk = TalkFactory(forum=past_forum(), title="Old one", start=berlin(9), end=berlin(9, 30))
    html = text(client.get(talk.get_absolute_url()))
    assert ('› <a href="/en/summits/ai4s-2021/forums/materials/">Materials 2021</a></nav>'
            in html)
    assert 'href="/en/forums/materials/"' not in html
    assert ('data-start="2021-06-07T09:00:00+02:00" data-end="2021-06-07T09:30:00+02:00"'
            ' data-zone="Europe/Berlin"' in html)


def test_forum_of_past_summit_shows_its_own_talks_in_its_zone(client, summit):
    TalkFactory(forum=ForumFactory(summit=summit, slug="materials"), title="This year")
    talk = TalkFactory(forum=past_forum(), title="Old one", start=berlin(10), end=berlin(10, 30))
    response = client.get("/summits/ai4s-2021/forums/materials/")
    html = text(response)
    assert response.status_code == 200
    assert [t.title for t in response.context["talks"]] == ["Old one"]
    assert f'<a href="/en/talks/{talk.slug}/">Old one</a>' in html
    assert "This year" not in html
    assert "<title>Materials 2021 · AI for Science Summit 2021</title>" in html
    assert 'data-start="2021-06-07T10:00:00+02:00"' in html
    # No links into this year's schedule or calendars from last year's forum.
    assert "/schedule/?day=2021-06-07" not in html
    assert "/forums/materials.ics" not in html


@pytest.mark.parametrize("path", [
    "/summits/ai4s-2023/forums/next/",  # a summit in preparation
    "/summits/nope/forums/materials/",  # no such summit
    "/summits/ai4s-2021/forums/nope/",  # no such forum in that summit
])
def test_forum_of_hidden_or_unknown_summit_url_is_404(client, summit, path):
    past_forum()
    upcoming = SummitFactory(slug="ai4s-2023", is_current=False, start_date=date(2023, 8, 8),
                             end_date=date(2023, 8, 9))
    ForumFactory(summit=upcoming, slug="next", date=date(2023, 8, 8))
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("count", [1, 24])
def test_forum_of_past_summit_runs_fixed_queries(client, summit, django_assert_num_queries,
                                                 count):
    past = SummitFactory(slug="ai4s-2021", is_current=False, start_date=date(2021, 8, 8),
                         end_date=date(2021, 8, 11))
    forums, _ = build_programme(past, count)
    # the current summit, the past one by slug, then the forum page's usual 5
    with django_assert_num_queries(7):
        response = client.get(forums[0].get_absolute_url())
    assert response.status_code == 200


def test_speaker_of_past_summit_links_chaired_forum_to_its_summit(client, summit):
    speaker = SpeakerFactory()
    past_forum().chairs.add(speaker)
    html = text(client.get(speaker.get_absolute_url()))
    assert '<a href="/en/summits/ai4s-2021/forums/materials/">Materials 2021</a> · ' in html


@pytest.mark.parametrize("role", ["talk", "chair"])
def test_speaker_only_in_summit_in_preparation_is_404(client, summit, role):
    speaker = SpeakerFactory()
    talk = upcoming_talk(SpeakerFactory())
    if role == "talk":
        TalkSpeakerFactory(talk=talk, speaker=speaker)
    else:
        talk.forum.chairs.add(speaker)
    assert client.get(speaker.get_absolute_url()).status_code == 404


def test_speaker_without_any_summit_is_404(client, summit):
    assert client.get(SpeakerFactory().get_absolute_url()).status_code == 404


@pytest.mark.parametrize("query", ["?forum=%00", "?day=%00", "?day=2022-08-08&forum=main%0B"])
def test_schedule_control_characters_are_404_not_500(client, programme, query):
    response = client.get(reverse("events:schedule") + query)
    assert response.status_code == 404
    assert response.context["filter_error"] is True


# Both languages: the English pages (translated content, fallbacks, alternates) run the
# same fixed number of queries as the Chinese ones.


@pytest.fixture
def translated_programme(programme):
    forums, talks = programme
    for talk in talks[::2]:  # half translated, half falling back to Chinese
        talk.title_en, talk.abstract_en = f"English {talk.slug}", "An *abstract*."
        talk.save()
        speaker = talk.speakers.first()
        speaker.name_en, speaker.bio_en = f"Speaker {speaker.slug}", "A bio."
        speaker.save()
    forums[0].title_en = "English forum"
    forums[0].save()
    return forums, talks


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["chinese", "english"])
@pytest.mark.parametrize("page, queries", [
    ("home", 5), ("schedule", 6), ("forum", 6), ("talk", 4), ("speakers", 2), ("speaker", 5),
])
def test_pages_in_both_languages_run_fixed_queries(
    translated_programme, django_assert_num_queries, prefix, page, queries
):
    forums, talks = translated_programme
    path = {
        "home": "/", "schedule": "/schedule/", "forum": forums[0].get_absolute_url(),
        "talk": talks[0].get_absolute_url(), "speakers": "/speakers/",
        "speaker": talks[0].speakers.first().get_absolute_url(),
    }[page]
    with django_assert_num_queries(queries):
        response = Client().get(prefix + path)
    assert response.status_code == 200
    assert response["Content-Language"] == ("en" if prefix else "zh-hans")
    if page == "talk":
        title = talks[0].title_en if prefix else talks[0].title_zh_hans
        assert f"<h1>{title}</h1>" in text(response)


def test_talk_cards_escape_as_django_templates_do(client, summit):
    talk = TalkFactory(forum__summit=summit, title="O'Brien & \"Lee\" <b>on</b> folding")
    TalkSpeakerFactory(talk=talk, speaker=SpeakerFactory(name="<i>Ann</i>", affiliation="A&B"))
    page = client.get("/en/schedule/").content.decode()
    assert ("O&#x27;Brien &amp; &quot;Lee&quot; &lt;b&gt;on&lt;/b&gt; folding</a></h4>"
            in page)
    assert ">&lt;i&gt;Ann&lt;/i&gt;</a>" in page
    assert '<span class="talk__affiliation">A&amp;B</span>' in page
    assert "<b>on</b>" not in page and "<i>Ann</i>" not in page


def test_the_card_environment_escapes_every_value_it_writes():
    from django.template import engines
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy

    environment = engines["jinja2"].env
    template = environment.from_string("{{ a }}|{{ b }}|{{ c }}|{{ d }}")
    assert template.render(a="<b>'&\"", b=mark_safe("<i>ok</i>"), c=gettext_lazy("Live"),
                           d=3) == "&lt;b&gt;&#x27;&amp;&quot;|<i>ok</i>|直播中|3"


def test_schedule_forum_columns_escape_titles_and_stream_names(client, summit):
    forum = ForumFactory(summit=summit, title="<b>R&D</b> \"forum\"")
    TalkFactory(forum=forum)
    StreamFactory(summit=summit, forum=forum, channel_name="<i>chan</i>",
                  url="https://live.bilibili.com/1?a=1&b=2")
    page = client.get("/en/schedule/").content.decode()
    assert ">&lt;b&gt;R&amp;D&lt;/b&gt; &quot;forum&quot;</a></h3>" in page
    assert ("Bilibili · &lt;i&gt;chan&lt;/i&gt;: https://live.bilibili.com/1?a=1&amp;b=2</li>"
            in page)
    assert "<b>R&D</b>" not in page and "<i>chan</i>" not in page
