"""summit/translated.py reads what modeltranslation's descriptor reads."""

import pytest
from django.utils import translation

from events.models import Speaker, Talk
from summit.translated import reader
from tests.factories import SpeakerFactory, TalkFactory

pytestmark = pytest.mark.django_db

BOTH = {"zh_hans": "蛋白质", "en": "Proteins"}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("values", [BOTH, {"zh_hans": "蛋白质", "en": ""},
                                    {"zh_hans": "", "en": "Proteins"}, {"zh_hans": "", "en": ""}])
def test_a_reader_gives_what_the_descriptor_gives(language, values):
    speaker = SpeakerFactory()
    Speaker.objects.filter(pk=speaker.pk).update(
        honorific_zh_hans=values["zh_hans"], honorific_en=values["en"])
    speaker = Speaker.objects.get(pk=speaker.pk)
    with translation.override(language):
        assert reader(Speaker, "honorific")(speaker) == speaker.honorific


@pytest.mark.parametrize(("language", "expected"), [("zh-hans", "蛋白质"), ("en", "Proteins")])
def test_the_language_is_the_one_active_when_the_reader_was_made(language, expected):
    talk = TalkFactory(title_zh_hans=BOTH["zh_hans"], title_en=BOTH["en"])
    with translation.override(language):
        title = reader(Talk, "title")
    with translation.override("en" if language == "zh-hans" else "zh-hans"):
        assert title(talk) == expected


def test_an_untranslated_field_is_read_as_usual():
    talk = TalkFactory(slug="a-talk")
    assert reader(Talk, "slug")(talk) == "a-talk"
