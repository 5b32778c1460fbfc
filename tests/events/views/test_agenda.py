from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from events.models import Talk
from events.views.agenda import MAX_TALKS, requested_slugs
from tests.factories import (
    ForumFactory,
    SummitFactory,
    TalkFactory,
    TalkSpeakerFactory,
    build_programme,
    shanghai,
)

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def get(client, url):
    return client.get("/en" + url)  # the English page


def card_slugs(response):
    return [talk.slug for talk in response.context["talks"]]


@pytest.fixture
def programme(summit):
    day_one = ForumFactory(summit=summit, slug="main", title="Main forum")
    day_two = ForumFactory(summit=summit, slug="life", title="Life forum",
                           date=date(2022, 8, 9))
    talks = {
        "late": TalkFactory(forum=day_one, slug="late", title="Late talk",
                            start=shanghai(day_one.date, 11), end=shanghai(day_one.date, 11, 30)),
        "early": TalkFactory(forum=day_one, slug="early", title="Early talk",
                             start=shanghai(day_one.date, 10, 30),
                             end=shanghai(day_one.date, 11)),
        "break": TalkFactory(forum=day_one, slug="tea", title="Tea break", kind=Talk.Kind.BREAK,
                             start=shanghai(day_one.date, 12), end=shanghai(day_one.date, 12, 30)),
        "next": TalkFactory(forum=day_two, slug="next-day", title="Next day talk",
                            start=shanghai(day_two.date, 9), end=shanghai(day_two.date, 9, 30)),
    }
    TalkSpeakerFactory(talk=talks["early"])
    return talks


def test_agenda_lists_requested_talks_by_day_in_time_order(client, programme):
    response = get(client, "/agenda/?talks=next-day,late,early")

    assert response.status_code == 200
    assert [(day, [t.slug for t in talks]) for day, talks in response.context["days"]] == [
        (date(2022, 8, 8), ["early", "late"]),
        (date(2022, 8, 9), ["next-day"]),
    ]
    html = response.content.decode()
    assert html.count('class="talk ') == 3
    assert 'href="/en/agenda.ics?talks=early%2Clate%2Cnext-day"' in html
    assert "Your agenda is empty" not in html


def test_agenda_ignores_unknown_breaks_and_other_summit_slugs(client, programme):
    other = SummitFactory(slug="ai4s-2021", is_current=False, start_date=date(2021, 8, 8),
                          end_date=date(2021, 8, 11))
    TalkFactory(forum=ForumFactory(summit=other, date=date(2021, 8, 8)), slug="old-talk")

    response = get(client, "/agenda/?talks=old-talk,nope,tea,early,early,,%3Cb%3E")

    assert response.status_code == 200
    assert card_slugs(response) == ["early"]


def test_agenda_with_only_unknown_slugs_explains_itself(client, programme):
    response = get(client, "/agenda/?talks=nope")

    html = response.content.decode()
    assert response.status_code == 200
    assert "None of these talks are in the programme" in html
    assert "Mark talks with the star" in html
    assert "/agenda.ics" not in html


def test_agenda_without_params_explains_how_to_star(client, programme):
    response = get(client, "/agenda/")

    html = response.content.decode()
    assert response.status_code == 200
    assert card_slugs(response) == []
    assert "Your agenda is empty" in html
    assert "Mark talks with the star (☆) on the schedule" in html
    assert 'href="/en/schedule/"' in html


def test_requested_slugs_capped_and_deduplicated():
    raw = ",".join(f"s{i}" for i in range(MAX_TALKS + 50)) + ",s0, s1 ,"

    slugs = requested_slugs(raw)

    assert len(slugs) == MAX_TALKS == 200
    assert slugs[:3] == ["s0", "s1", "s2"]
    assert slugs[-1] == "s199"


def test_agenda_caps_the_talks_shown(client, summit):
    _, talks = build_programme(summit, 205, speakers_per_talk=0)
    slugs = [talk.slug for talk in talks]

    response = get(client, "/agenda/?talks=" + ",".join(slugs))

    assert len(card_slugs(response)) == 200
    assert set(card_slugs(response)) == set(slugs[:200])


@pytest.mark.parametrize("count", [1, 60])
def test_agenda_runs_fixed_queries(client, summit, count, django_assert_num_queries):
    _, talks = build_programme(summit, 60)
    slugs = ",".join(talk.slug for talk in talks[:count])

    with django_assert_num_queries(5):
        response = get(client, f"/agenda/?talks={slugs}")

    assert len(card_slugs(response)) == count


def test_agenda_without_params_runs_one_query(client, summit, django_assert_num_queries):
    with django_assert_num_queries(1):
        get(client, "/agenda/")


@pytest.mark.parametrize("count", [1, 60])
def test_agenda_ics_runs_fixed_queries(client, summit, count, django_assert_num_queries):
    _, talks = build_programme(summit, 60)
    slugs = ",".join(talk.slug for talk in talks[:count])

    with django_assert_num_queries(5):
        response = get(client, f"/agenda.ics?talks={slugs}")

    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == count


def test_agenda_ics_holds_the_requested_talks(client, programme):
    response = get(client, "/agenda.ics?talks=late,early,tea,nope")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ai4s-2022-agenda.ics"'
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "AI for Science Summit 2022 · My agenda"
    events = [
        (str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND"))
        for e in calendar.walk("VEVENT")
    ]
    assert events == [
        ("Early talk", datetime(2022, 8, 8, 10, 30, tzinfo=SHANGHAI),
         datetime(2022, 8, 8, 11, 0, tzinfo=SHANGHAI)),
        ("Late talk", datetime(2022, 8, 8, 11, 0, tzinfo=SHANGHAI),
         datetime(2022, 8, 8, 11, 30, tzinfo=SHANGHAI)),
    ]


def test_agenda_ics_empty_without_params(client, programme):
    response = get(client, "/agenda.ics")

    assert response.status_code == 200
    assert Calendar.from_ical(response.content).walk("VEVENT") == []


def test_agenda_without_summit_is_not_found(client, db):
    assert get(client, "/agenda/").status_code == 404
    assert get(client, "/agenda.ics").status_code == 404


@pytest.mark.parametrize("path", ["/schedule/", "/forums/main/", "/agenda/?talks=early,late"])
def test_talk_cards_carry_star_hooks_except_breaks(client, programme, path):
    html = get(client, path).content.decode()

    expected = {"/schedule/": 3, "/forums/main/": 2, "/agenda/?talks=early,late": 2}[path]
    assert html.count("data-talk=") == expected
    assert 'data-talk="tea"' not in html
    assert 'data-start="2022-08-08T10:30:00+08:00" data-end="2022-08-08T11:00:00+08:00" ' \
           'data-zone="Asia/Shanghai"' in html


def test_talk_page_has_star_slot_and_local_time_hook(client, programme):
    html = get(client, "/talks/early/").content.decode()

    assert '<p class="page-head__star" data-talk="early" data-star-text></p>' in html
    assert 'data-local-time data-start="2022-08-08T10:30:00+08:00"' in html


def test_break_page_has_no_star(client, programme):
    assert "data-talk=" not in get(client, "/talks/tea/").content.decode()


def test_pages_load_the_agenda_script_with_translated_labels(client, programme):
    html = client.get("/schedule/").content.decode()  # Chinese by default

    assert ('<script src="/static/js/agenda.js" defer data-summit="ai4s-2022" '
            'data-agenda-url="/agenda/" data-add="加入我的日程"') in html
    assert '<a href="/agenda/">我的日程</a>' in html


def test_agenda_link_marked_current_on_agenda_page(client, programme):
    html = get(client, "/agenda/").content.decode()

    assert '<a href="/en/agenda/" aria-current="page">My agenda</a>' in html


def test_agenda_ics_ordered_by_time_across_days(client, programme):
    response = get(client, "/agenda.ics?talks=next-day,early")

    starts = [e.decoded("DTSTART") for e in Calendar.from_ical(response.content).walk("VEVENT")]
    assert starts == sorted(starts)
    assert starts[1] - starts[0] == timedelta(hours=22, minutes=30)


@pytest.mark.parametrize(("url", "slugs"), [
    ("/agenda/?talks=%00", []),
    ("/agenda/?talks=early%0B,%00late", ["early"]),  # \x0b is whitespace around a slug
    ("/agenda.ics?talks=%00", None),
])
def test_agenda_control_characters_are_ignored_not_500(client, programme, url, slugs):
    response = get(client, url)
    assert response.status_code == 200
    if slugs is not None:
        assert card_slugs(response) == slugs
