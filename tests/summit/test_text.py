import pytest
from django.apps import apps

from summit.text import (
    CleanTextMixin,
    has_control_characters,
    strip_control_characters,
    strip_control_characters_from_fields,
)
from tests.factories import TalkFactory

ALL_C0 = "".join(chr(code) for code in range(0x20))


def test_strip_control_characters_keeps_tab_and_newlines_only():
    assert strip_control_characters(f"a{ALL_C0}b\x7f") == "a\t\n\rb\x7f"


@pytest.mark.parametrize(("text", "found"), [("a\x0bb", True), ("a\0", True),
                                             ("a\tb\r\n", False), ("", False), (None, False)])
def test_has_control_characters(text, found):
    assert has_control_characters(text) is found


def test_strip_control_characters_leaves_other_values_alone():
    assert [strip_control_characters(v) for v in (None, 3, ["a\0"])] == [None, 3, ["a\0"]]


@pytest.mark.parametrize(
    "model",
    [m for m in apps.get_models()
     if m._meta.app_label in {"events", "articles"} and not m.__name__.startswith("Historical")],
    ids=lambda model: model.__name__,
)
def test_every_model_of_events_and_articles_strips_control_characters(model):
    assert issubclass(model, CleanTextMixin)


@pytest.mark.django_db
def test_save_strips_every_text_field_before_the_markdown_is_rendered():
    talk = TalkFactory(title="Word\x0b title", abstract="[x](java\x0bscript:alert(1)) \0b",
                       slug="a\x01b", replay_url="https://v.example/\x02x")
    talk.refresh_from_db()
    assert (talk.title, talk.abstract, talk.slug, talk.replay_url) == (
        "Word title", "[x](javascript:alert(1)) b", "ab", "https://v.example/x"
    )
    assert talk.abstract_html == '<p><a rel="noopener">x</a> b</p>'


def test_strip_control_characters_from_fields_names_the_fields_changed():
    talk = TalkFactory.build(title="a\x0b", abstract="ok", slug="s\x1f")
    assert strip_control_characters_from_fields(talk) == ["title", "slug"]
