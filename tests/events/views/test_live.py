import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from events.models import Talk
from tests.factories import StreamFactory, build_programme, shanghai

pytestmark = pytest.mark.django_db

DAY_ONE = date(2022, 8, 8)


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.mark.parametrize("count", [1, 40])
def test_feed_lists_every_strip_talk_in_three_queries(client, summit, count,
                                                      django_assert_num_queries):
    forums, talks = build_programme(summit, count)
    with django_assert_num_queries(3):  # summit, talks with forums, streams
        response = client.get(reverse("events:live_feed"))
    data = response.json()
    assert [entry["slug"] for entry in data["talks"]] == [
        talk.slug for talk in sorted(talks, key=lambda talk: (talk.start, talk.pk))]
    assert response["Cache-Control"] == "public, max-age=300"


def test_feed_entry_has_times_forum_and_streams_but_not_breaks(client, summit):
    forums, talks = build_programme(summit, 2)
    talks[1].kind = Talk.Kind.BREAK
    talks[1].save()
    StreamFactory(summit=summit, platform="site", channel_name="", url="https://aisi.ac.cn/live")
    data = client.get(reverse("events:live_feed")).json()
    assert data == {"zone": "Asia/Shanghai", "talks": [{
        "slug": talks[0].slug, "title": talks[0].title, "url": talks[0].get_absolute_url(),
        "start": "2022-08-08T01:00:00+00:00", "end": "2022-08-08T01:30:00+00:00",
        "forum": {"slug": forums[0].slug, "title": forums[0].title,
                  "url": forums[0].get_absolute_url()},
        "streams": [
            {"platform": "bilibili", "channel": "科学智能AISI",
             "url": "https://live.bilibili.com/example"},
            {"platform": "site", "channel": "", "url": "https://aisi.ac.cn/live"},
        ],
    }]}


def test_feed_does_not_depend_on_the_clock(client, summit):
    build_programme(summit, 3)
    with time_machine.travel(shanghai(DAY_ONE, 7), tick=False):
        early = client.get(reverse("events:live_feed")).content
    with time_machine.travel(shanghai(DAY_ONE, 9, 10), tick=False):
        during = client.get(reverse("events:live_feed")).content
    assert early == during


def test_schedule_and_forum_show_the_strip_and_marks(english_client, summit):
    client = english_client
    forums, talks = build_programme(summit, 9)
    with time_machine.travel(shanghai(DAY_ONE, 9, 10), tick=False):
        schedule = client.get(reverse("events:schedule")).content.decode()
        forum = client.get(forums[1].get_absolute_url()).content.decode()
    assert ('data-live-strip data-feed="/en/live.json" data-lead="300" data-window="3600"'
            in schedule)
    assert schedule.count('data-live-mark>Live</span>') == 1  # talks[0], not hidden
    assert schedule.count('data-live-mark hidden>Live</span>') == 8
    assert re.search(r'class="talk talk--keynote talk--live" data-live-card', schedule) is None
    assert 'class="talk talk--talk talk--live" data-live-card' in schedule
    # The second forum is on day two: its own strip stays empty and hidden.
    assert f'data-forum="{forums[1].slug}" aria-labelledby="live-strip-title" hidden>' in forum


def test_strip_queries_do_not_grow_with_the_programme(client, summit, django_assert_num_queries):
    build_programme(summit, 60)
    with (
        time_machine.travel(shanghai(DAY_ONE, 9, 10), tick=False),
        django_assert_num_queries(8),  # the 6 of the schedule, the strip's talks and streams
    ):
        client.get(reverse("events:schedule"))


def test_forum_lists_its_replays_and_cards_show_them(english_client, summit):
    client = english_client
    forums, talks = build_programme(summit, 3)
    talks[0].replay_url = "https://www.bilibili.com/video/BV1GJ411x7h7"
    talks[0].save()
    talks[2].replay_url = "https://example.org/replays/three"
    talks[2].save()
    forum = client.get(forums[0].get_absolute_url()).content.decode()
    assert re.findall(r'<li><a href="([^"]+)#replay">[^<]+</a> <span class="muted">\(([^)]+)\)',
                      forum) == [(talks[0].get_absolute_url(), "Bilibili"),
                                 (talks[2].get_absolute_url(), "link")]
    schedule = client.get(reverse("events:schedule")).content.decode()
    assert schedule.count('class="label label--replay"') == 2
