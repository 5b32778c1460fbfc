"""News fields kept in both languages (django-modeltranslation); see events/translation.py.

A category keeps its own ``name_en`` (with ``display_name`` falling back to the name): its
name is unique, and modeltranslation would make both language columns unique too, so two
categories without an English name would clash.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Article


@register(Article)
class ArticleTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "body_html")
    empty_values = ""
