"""Downloads and the API in the language of their address or of ``?lang=``."""

import json

import pytest
from icalendar import Calendar

from tests.events.schedule_formats import validate_json, validate_xml
from tests.factories import ForumFactory, SpeakerFactory, TalkFactory, TalkSpeakerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def talk(summit):
    forum = ForumFactory(summit=summit, slug="materials", title="材料计算分论坛",
                         description="关于材料。")
    forum.title_en, forum.description_en = "Materials computing", "About *materials*."
    forum.save()
    talk = TalkFactory(forum=forum, slug="alloys", title="合金设计", abstract="关于合金。")
    talk.title_en, talk.abstract_en = "Alloy design", "About alloys."
    talk.save()
    speaker = SpeakerFactory(name="张伟", slug="zhang-wei", bio="简介。")
    speaker.name_en, speaker.bio_en = "Zhang Wei", "A bio."
    speaker.save()
    TalkSpeakerFactory(talk=talk, speaker=speaker)
    return talk


def summaries(response):
    return [str(event["SUMMARY"]) for event in Calendar.from_ical(response.content).walk("VEVENT")]


@pytest.mark.parametrize("path, title, language", [
    ("/schedule.ics", "合金设计", "zh-hans"),
    ("/en/schedule.ics", "Alloy design", "en"),
    ("/schedule.ics?lang=en", "Alloy design", "en"),
    ("/en/schedule.ics?lang=zh-hans", "合金设计", "zh-hans"),
    ("/en/talks/alloys.ics", "Alloy design", "en"),
    ("/en/forums/materials.ics", "Alloy design", "en"),
    ("/en/speakers/zhang-wei.ics", "Alloy design", "en"),
    ("/en/agenda.ics?talks=alloys", "Alloy design", "en"),
])
def test_calendars_answer_in_the_language_asked_for(client, talk, path, title, language):
    response = client.get(path)
    assert (response.status_code, summaries(response), response["Content-Language"]) == (
        200, [title], language)


def test_calendar_links_point_at_pages_of_its_language(client, talk):
    event = Calendar.from_ical(client.get("/en/schedule.ics").content).walk("VEVENT")[0]
    assert str(event["URL"]) == "http://testserver/en/talks/alloys/"


@pytest.mark.parametrize("value", ["fr", "", "<script>", "x" * 5000])
def test_unknown_lang_is_a_one_line_400(client, talk, value):
    response = client.get("/schedule.ics", {"lang": value})
    assert response.status_code == 400
    assert response.content.decode() == "'lang' must be one of zh-hans, en."


def test_english_schedule_json_and_xml_stay_valid_and_english(client, talk):
    document = json.loads(client.get("/en/schedule.json").content)
    validate_json(document)
    event = document["schedule"]["conference"]["days"][0]["rooms"]["Materials computing"][0]
    assert (event["title"], event["abstract"], event["persons"][0]["name"]) == (
        "Alloy design", "About alloys.", "Zhang Wei")
    assert event["url"] == "http://testserver/en/talks/alloys/"
    xml = client.get("/schedule.xml?lang=en").content
    validate_xml(xml)
    assert "<title>Alloy design</title>" in xml.decode()


def test_api_answers_in_the_language_of_lang(client, talk):
    chinese = client.get("/api/talks/").json()["results"][0]
    english = client.get("/api/talks/", {"lang": "en"})
    talk_en = english.json()["results"][0]
    assert (chinese["title"], chinese["url"]) == ("合金设计", "http://testserver/talks/alloys/")
    assert (talk_en["title"], talk_en["url"], talk_en["forum"]["title"]) == (
        "Alloy design", "http://testserver/en/talks/alloys/", "Materials computing")
    assert talk_en["speakers"][0]["name"] == "Zhang Wei"
    assert english["Content-Language"] == "en"
    assert english["ETag"] != client.get("/api/talks/")["ETag"]


def test_api_refuses_an_unknown_lang_in_json(client, talk):
    response = client.get("/api/talks/", {"lang": "de"})
    assert (response.status_code, response.json()) == (
        400, {"error": "'lang' must be one of zh-hans, en."})
