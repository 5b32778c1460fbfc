from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import Forum, Speaker, Summit, Talk, TalkSpeaker
from tests.events.slide_files import HTML, PDF
from tests.factories import (
    ForumFactory,
    SpeakerFactory,
    SummitFactory,
    TalkFactory,
    TalkSpeakerFactory,
    build_programme,
    shanghai,
)

pytestmark = pytest.mark.django_db

DAY = date(2022, 8, 8)


def inline_management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def talk_post(forum, *, title, start, end, slug="", speakers=(), links=()):
    """POST data for the talk admin form: new speaker rows and existing links."""
    data = {
        "forum": forum.pk, "title_zh_hans": title, "slug": slug, "kind": Talk.Kind.TALK,
        "status": Talk.Status.SCHEDULED, "language": Talk.Language.CHINESE,
        "start_0": start.strftime("%Y-%m-%d"), "start_1": start.strftime("%H:%M:%S"),
        "end_0": end.strftime("%Y-%m-%d"), "end_1": end.strftime("%H:%M:%S"),
        "abstract_zh_hans": "", "replay_url": "", "slides_url": "",
    }
    rows = [(link.pk, link.speaker_id) for link in links] + [(None, s.pk) for s in speakers]
    data.update(inline_management("talk_speakers", len(rows), initial=len(links)))
    for index, (link_pk, speaker_pk) in enumerate(rows):
        prefix = f"talk_speakers-{index}-"
        data.update({prefix + "id": link_pk or "", prefix + "speaker": speaker_pk,
                     prefix + "role": TalkSpeaker.Role.SPEAKER, prefix + "order": index})
    return data


def local(hour, minute=0, day=DAY):
    """A naive wall-clock time as typed into the admin (site zone is Asia/Shanghai)."""
    return datetime.combine(day, time(hour, minute))


def test_talk_add_with_speaker_saves_talk_and_link(staff, summit):
    forum = ForumFactory(summit=summit)
    speaker = SpeakerFactory()
    data = talk_post(forum, title="蛋白质结构预测", start=local(10), end=local(10, 30),
                     speakers=[speaker])
    response = staff.post(reverse("admin:events_talk_add"), data)
    assert response.status_code == 302
    talk = Talk.objects.get()
    assert (talk.start, talk.end) == (shanghai(DAY, 10), shanghai(DAY, 10, 30))
    assert list(talk.speakers.all()) == [speaker]
    assert talk.slug.startswith("talk-")


@pytest.mark.parametrize(("content", "saved"), [(HTML, 0), (PDF, 1)])
def test_talk_slides_upload_is_checked_by_content(staff, summit, content, saved):
    data = talk_post(ForumFactory(summit=summit), title="Deck", start=local(10),
                     end=local(10, 30))
    data["slides"] = SimpleUploadedFile("deck.pdf", content, "application/pdf")

    response = staff.post(reverse("admin:events_talk_add"), data)

    errors = response.context["adminform"].form.errors if saved == 0 else {}
    assert (Talk.objects.count(), list(errors)) == (saved, ["slides"] if saved == 0 else [])


def test_talk_add_overlapping_in_forum_shows_clash_and_saves_nothing(staff, summit):
    forum = ForumFactory(summit=summit)
    TalkFactory(forum=forum, title="Opening", start=shanghai(DAY, 9), end=shanghai(DAY, 10))
    data = talk_post(forum, title="Late talk", start=local(9, 30), end=local(10, 30))
    response = staff.post(reverse("admin:events_talk_add"), data)
    assert response.status_code == 200
    assert ("This time overlaps “Opening” (2022-08-08 09:00–10:00) in the same forum."
            in response.content.decode())
    assert Talk.objects.count() == 1


def test_talk_add_outside_forum_hours_names_the_forum(staff, summit):
    forum = ForumFactory(summit=summit, title="生物计算")
    data = talk_post(forum, title="Evening", start=local(19), end=local(20))
    response = staff.post(reverse("admin:events_talk_add"), data)
    assert response.status_code == 200
    assert ("The talk must lie within its forum “生物计算”, 2022-08-08 09:00–18:00."
            in response.content.decode())
    assert Talk.objects.count() == 0


def test_talk_add_outside_summit_dates_is_refused(staff, summit):
    forum = ForumFactory(summit=summit)
    day = date(2022, 8, 12)
    data = talk_post(forum, title="Too late", start=local(10, day=day), end=local(11, day=day))
    response = staff.post(reverse("admin:events_talk_add"), data)
    assert response.status_code == 200
    assert ("The talk must lie within the summit&#x27;s dates (2022-08-08 to 2022-08-11)."
            in response.content.decode())
    assert Talk.objects.count() == 0


def test_talk_add_with_busy_speaker_names_the_clash(staff, summit):
    speaker = SpeakerFactory(name="示例讲者甲")
    other_forum = ForumFactory(summit=summit)
    busy = TalkFactory(forum=other_forum, title="材料计算新进展",
                       start=shanghai(DAY, 10), end=shanghai(DAY, 11))
    TalkSpeakerFactory(talk=busy, speaker=speaker)
    forum = ForumFactory(summit=summit)
    data = talk_post(forum, title="Parallel", start=local(10, 30), end=local(11, 30),
                     speakers=[speaker])
    response = staff.post(reverse("admin:events_talk_add"), data)
    assert response.status_code == 200
    assert ("示例讲者甲 is already in “材料计算新进展” (2022-08-08 10:00–11:00), "
            "which overlaps this talk." in response.content.decode())
    assert Talk.objects.count() == 1
    assert TalkSpeaker.objects.count() == 1


def test_talk_change_time_onto_speaker_clash_is_refused(staff, summit):
    speaker = SpeakerFactory(name="示例讲者乙")
    busy = TalkFactory(forum=ForumFactory(summit=summit), title="工业仿真",
                       start=shanghai(DAY, 14), end=shanghai(DAY, 15))
    TalkSpeakerFactory(talk=busy, speaker=speaker)
    forum = ForumFactory(summit=summit)
    talk = TalkFactory(forum=forum, title="Moved", slug="moved",
                       start=shanghai(DAY, 10), end=shanghai(DAY, 11))
    link = TalkSpeakerFactory(talk=talk, speaker=speaker)
    data = talk_post(forum, title="Moved", slug="moved", start=local(14, 30), end=local(15, 30),
                     links=[link])
    response = staff.post(reverse("admin:events_talk_change", args=[talk.pk]), data)
    assert response.status_code == 200
    assert ("示例讲者乙 is already in “工业仿真” (2022-08-08 14:00–15:00), "
            "which overlaps this talk." in response.content.decode())
    talk.refresh_from_db()
    assert (talk.start, talk.end) == (shanghai(DAY, 10), shanghai(DAY, 11))


def test_talk_change_time_without_clash_is_saved(staff, summit):
    speaker = SpeakerFactory()
    forum = ForumFactory(summit=summit)
    talk = TalkFactory(forum=forum, title="Moved", slug="moved",
                       start=shanghai(DAY, 10), end=shanghai(DAY, 11))
    link = TalkSpeakerFactory(talk=talk, speaker=speaker)
    data = talk_post(forum, title="Moved", slug="moved", start=local(14), end=local(15),
                     links=[link])
    response = staff.post(reverse("admin:events_talk_change", args=[talk.pk]), data)
    assert response.status_code == 302
    talk.refresh_from_db()
    assert (talk.start, talk.end) == (shanghai(DAY, 14), shanghai(DAY, 15))


def test_talk_cancelled_ignores_speaker_clash(staff, summit):
    speaker = SpeakerFactory()
    busy = TalkFactory(forum=ForumFactory(summit=summit), start=shanghai(DAY, 10),
                       end=shanghai(DAY, 11))
    TalkSpeakerFactory(talk=busy, speaker=speaker)
    data = talk_post(ForumFactory(summit=summit), title="Dropped", start=local(10),
                     end=local(11), speakers=[speaker])
    data["status"] = Talk.Status.CANCELLED
    response = staff.post(reverse("admin:events_talk_add"), data)
    assert response.status_code == 302
    assert Talk.objects.filter(status=Talk.Status.CANCELLED).count() == 1


def test_forum_inline_talks_overlapping_each_other_are_refused(staff, summit):
    data = {
        "summit": summit.pk, "kind": Forum.Kind.SUB, "title_zh_hans": "AI 与物理",
        "slug": "ai-physics", "topic": "", "description_zh_hans": "", "date": "2022-08-09",
        "start_time": "09:00",
        "end_time": "12:00", "order": "1", "co_organizers": "",
        **inline_management("talks", 2),
    }
    for index, (title, start, end) in enumerate([("A", "09:00", "10:00"),
                                                 ("B", "09:30", "10:30")]):
        data.update({f"talks-{index}-{key}": value for key, value in {
            "title_zh_hans": title, "slug": f"talk-{title.lower()}", "kind": Talk.Kind.TALK,
            "status": Talk.Status.SCHEDULED, "start_0": "2022-08-09", "start_1": start,
            "end_0": "2022-08-09", "end_1": end}.items()})
    response = staff.post(reverse("admin:events_forum_add"), data)
    assert response.status_code == 200
    assert "This time overlaps “A” in the same forum." in response.content.decode()
    assert (Forum.objects.count(), Talk.objects.count()) == (0, 0)


def test_forum_change_page_lists_talks_by_start(staff, summit):
    forum = ForumFactory(summit=summit)
    TalkFactory(forum=forum, title="Second", start=shanghai(DAY, 11), end=shanghai(DAY, 12))
    TalkFactory(forum=forum, title="First", start=shanghai(DAY, 9), end=shanghai(DAY, 10))
    response = staff.get(reverse("admin:events_forum_change", args=[forum.pk]))
    formset = response.context["inline_admin_formsets"][0].formset
    assert [form.instance.title for form in formset.forms] == ["First", "Second"]


def test_talk_changelist_shows_times_in_summit_zone(staff):
    summit = SummitFactory(time_zone="Europe/Berlin")
    forum = ForumFactory(summit=summit)
    # 09:00 in Shanghai is 03:00 in Berlin (CEST, UTC+2).
    TalkFactory(forum=forum, start=shanghai(DAY, 9), end=shanghai(DAY, 9, 30))
    response = staff.get(reverse("admin:events_talk_changelist"))
    assert '<td class="field-when">2022-08-08 03:00–03:30</td>' in response.content.decode()


def test_talk_day_filter_uses_summit_zone(staff):
    summit = SummitFactory(time_zone="America/New_York")
    forum = ForumFactory(summit=summit, date=date(2022, 8, 9), start_time="00:00",
                         end_time="23:00")
    # 2022-08-09 01:00 in New York is 2022-08-09 13:00 in Shanghai.
    on_ninth = TalkFactory(forum=forum, start=shanghai(date(2022, 8, 9), 13),
                           end=shanghai(date(2022, 8, 9), 14))
    # 2022-08-09 22:00 in New York is already the 10th in Shanghai.
    late = TalkFactory(forum=forum, start=shanghai(date(2022, 8, 10), 10),
                       end=shanghai(date(2022, 8, 10), 10, 30))
    response = staff.get(reverse("admin:events_talk_changelist"), {"day": "2022-08-09"})
    assert list(response.context["cl"].result_list) == [on_ninth, late]
    response = staff.get(reverse("admin:events_talk_changelist"), {"day": "2022-08-10"})
    assert list(response.context["cl"].result_list) == []


def test_talk_day_filter_bad_value_shows_no_talks(staff, summit):
    TalkFactory(forum=ForumFactory(summit=summit))
    response = staff.get(reverse("admin:events_talk_changelist"), {"day": "not-a-day"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_talk_search_finds_speaker_latin_name(staff, summit):
    talk = TalkFactory(forum=ForumFactory(summit=summit), title="Protein folding")
    TalkSpeakerFactory(talk=talk, speaker=SpeakerFactory(name_latin="Lin Qiao"))
    TalkFactory(forum=talk.forum, title="Other", start=shanghai(DAY, 11),
                end=shanghai(DAY, 12))
    response = staff.get(reverse("admin:events_talk_changelist"), {"q": "qiao"})
    assert list(response.context["cl"].result_list) == [talk]


@pytest.mark.parametrize("talks_count", [1, 60])
def test_talk_changelist_queries_do_not_grow(staff, summit, django_assert_num_queries,
                                             talks_count):
    build_programme(summit, talks_count)
    url = reverse("admin:events_talk_changelist")
    with django_assert_num_queries(9):
        response = staff.get(url)
    assert response.status_code == 200
    assert response.context["cl"].result_count == talks_count


@pytest.mark.parametrize("count", [1, 40])
def test_speaker_changelist_queries_do_not_grow(staff, django_assert_num_queries, count):
    SpeakerFactory.create_batch(count)
    with django_assert_num_queries(6):
        response = staff.get(reverse("admin:events_speaker_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["summit", "forum", "talk", "speaker", "stream"])
def test_admin_changelist_and_add_pages_open(staff, summit, name):
    build_programme(summit, 2)
    assert staff.get(reverse(f"admin:events_{name}_changelist")).status_code == 200
    assert staff.get(reverse(f"admin:events_{name}_add")).status_code == 200


def test_talk_change_page_links_to_site(staff, summit):
    talk = TalkFactory(forum=ForumFactory(summit=summit), slug="keynote-1")
    response = staff.get(reverse("admin:events_talk_change", args=[talk.pk]))
    assert response.status_code == 200
    assert reverse("admin:view_on_site", args=[response.context["content_type_id"], talk.pk]) \
        in response.content.decode()


def test_speaker_autocomplete_finds_by_latin_name(staff):
    SpeakerFactory(name="示例讲者丙", name_latin="Bing Example")
    response = staff.get(reverse("admin:autocomplete"), {
        "term": "bing", "app_label": "events", "model_name": "talkspeaker",
        "field_name": "speaker"})
    assert [row["text"] for row in response.json()["results"]] == ["示例讲者丙"]
    assert Speaker.objects.count() == 1


def test_talk_changelist_marks_cancelled_talks(staff, summit):
    TalkFactory(forum=ForumFactory(summit=summit), title="Dropped", status=Talk.Status.CANCELLED)
    response = staff.get(reverse("admin:events_talk_changelist"))
    assert "Dropped (cancelled)</span>" in response.content.decode()


def test_talk_form_names_the_time_zone_of_its_fields(staff, summit):
    response = staff.get(reverse("admin:events_talk_add"))
    assert "Times are in the summit's time zone (Asia/Shanghai)." in response.content.decode()


def test_talk_history_page_lists_an_edit(staff, summit):
    talk = TalkFactory(forum=ForumFactory(summit=summit), title="Before")
    talk.title = "After"
    talk.save()
    response = staff.get(reverse("admin:events_talk_history", args=[talk.pk]))
    assert response.status_code == 200
    assert [r.title for r in response.context["page_obj"]] == ["After", "Before"]


def test_forum_inline_moving_a_talk_onto_a_busy_speaker_is_refused(staff, summit):
    speaker = SpeakerFactory(name="李示例")
    other = TalkFactory(forum=ForumFactory(summit=summit), title="Elsewhere",
                        start=shanghai(DAY, 14), end=shanghai(DAY, 15))
    TalkSpeakerFactory(talk=other, speaker=speaker)
    forum = ForumFactory(summit=summit, slug="moving")
    talk = TalkFactory(forum=forum, title="Mover", slug="mover",
                       start=shanghai(DAY, 9), end=shanghai(DAY, 10))
    TalkSpeakerFactory(talk=talk, speaker=speaker)
    data = {
        "summit": summit.pk, "kind": Forum.Kind.SUB, "title_zh_hans": forum.title,
        "slug": forum.slug, "topic": "", "description_zh_hans": "", "date": "2022-08-08",
        "start_time": "09:00",
        "end_time": "18:00", "order": "0", "co_organizers": "",
        **inline_management("talks", 1, initial=1),
        "talks-0-id": talk.pk, "talks-0-forum": forum.pk, "talks-0-title_zh_hans": "Mover",
        "talks-0-kind": Talk.Kind.TALK, "talks-0-start_0": "2022-08-08",
        "talks-0-start_1": "14:30", "talks-0-end_0": "2022-08-08", "talks-0-end_1": "15:30",
    }
    response = staff.post(reverse("admin:events_forum_change", args=[forum.pk]), data)
    assert response.status_code == 200
    assert ("李示例 is already in “Elsewhere” (2022-08-08 14:00–15:00), which overlaps this talk."
            in response.content.decode())
    talk.refresh_from_db()
    assert talk.start == shanghai(DAY, 9)


def test_current_summit_cannot_be_deleted(staff, summit):
    other = SummitFactory(slug="ai4s-2021", name="AI for Science Summit 2021", is_current=False)
    assert staff.get(reverse("admin:events_summit_delete", args=[summit.pk])).status_code == 403
    response = staff.post(reverse("admin:events_summit_changelist"), {
        "action": "delete_selected", "_selected_action": [summit.pk, other.pk], "post": "yes",
    })
    assert response.status_code == 403
    assert sorted(Summit.objects.values_list("slug", flat=True)) == ["ai4s-2021", "ai4s-2022"]


def test_summit_form_offers_time_zones_read_at_runtime(staff, summit):
    response = staff.get(reverse("admin:events_summit_change", args=[summit.pk]))
    choices = dict(response.context["adminform"].form.fields["time_zone"].widget.choices)
    assert choices["Asia/Shanghai"] == "Asia/Shanghai"
    assert choices["Europe/Berlin"] == "Europe/Berlin"


def test_talk_form_reads_and_shows_times_in_the_summits_zone(staff):
    berlin = SummitFactory(slug="berlin-2022", name="Berlin edition", time_zone="Europe/Berlin")
    forum = ForumFactory(summit=berlin, date=DAY, start_time=time(9), end_time=time(18))
    zone = ZoneInfo("Europe/Berlin")
    talk = TalkFactory(forum=forum, start=datetime.combine(DAY, time(10), tzinfo=zone),
                       end=datetime.combine(DAY, time(11), tzinfo=zone))
    url = reverse("admin:events_talk_change", args=[talk.pk])
    page = staff.get(url).content.decode()
    assert 'name="start_1" value="10:00:00"' in page
    assert "Times are in the summit's time zone (Europe/Berlin)." in page
    data = talk_post(forum, title=talk.title, slug=talk.slug,
                     start=datetime(2022, 8, 8, 14, 0), end=datetime(2022, 8, 8, 15, 0))
    assert staff.post(url, data).status_code == 302
    talk.refresh_from_db()
    assert talk.start == datetime.combine(DAY, time(14), tzinfo=zone)


def test_admin_header_names_the_portal(staff):
    html = staff.get(reverse("admin:index")).content.decode()
    assert '<a href="/admin/">Summit portal administration</a>' in html


@pytest.mark.parametrize(("url", "read_as"), [
    ("https://www.bilibili.com/video/BV1GJ411x7h7",
     "Bilibili video: played in the Bilibili player <code>https://player.bilibili.com/"
     "player.html?bvid=BV1GJ411x7h7&amp;autoplay=0</code>"),
    ("https://media.example.org/keynote.mp4",
     "Video file: played in the page <code>https://media.example.org/keynote.mp4</code>"),
    ("https://example.org/replays/keynote",
     "Unknown kind of address: shown as a plain link <code>https://example.org/replays/keynote"
     "</code>"),
])
def test_talk_admin_says_how_the_replay_was_read(staff, url, read_as):
    forum = ForumFactory(summit=SummitFactory(), date=DAY)
    data = talk_post(forum, title="Keynote", start=local(10), end=local(10, 30))
    data["replay_url"] = url
    response = staff.post(reverse("admin:events_talk_add"), data)
    assert response.status_code == 302
    talk = Talk.objects.get(title_zh_hans="Keynote")
    assert talk.replay_url == url  # kept as pasted, whatever its kind
    html = staff.get(reverse("admin:events_talk_change", args=[talk.pk])).content.decode()
    assert f'<div class="readonly">{read_as}</div>' in html
