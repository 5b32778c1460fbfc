"""The programme's fields kept in both languages (django-modeltranslation).

Each field below gets a column per language (``title_zh_hans``, ``title_en``); reading
``talk.title`` gives the page's language and falls back to the other one when empty. The
stored HTML of a Markdown field is translated with its source (summit/markdown.py renders
every language).
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Forum, Speaker, Stream, Summit, Talk


class ProgrammeTranslation(TranslationOptions):
    # Untranslated text is stored as "" (not NULL), like the untranslated fields.
    empty_values = ""


@register(Summit)
class SummitTranslation(ProgrammeTranslation):
    fields = ("name", "theme", "description", "description_html")


@register(Forum)
class ForumTranslation(ProgrammeTranslation):
    fields = ("title", "description", "description_html")


@register(Talk)
class TalkTranslation(ProgrammeTranslation):
    fields = ("title", "abstract", "abstract_html")


@register(Speaker)
class SpeakerTranslation(ProgrammeTranslation):
    fields = ("name", "honorific", "affiliation", "position", "bio", "bio_html")


@register(Stream)
class StreamTranslation(ProgrammeTranslation):
    fields = ("channel_name",)
