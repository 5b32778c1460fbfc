"""Feed generators that drop control characters, which XML 1.0 cannot carry: a row written
before they were stripped on save would otherwise make its feed fail."""

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from .text import strip_control_characters


def _clean(value):
    if isinstance(value, list | tuple):
        return type(value)(_clean(item) for item in value)
    return strip_control_characters(value)


class CleanTextFeedMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*map(_clean, args), **{key: _clean(v) for key, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(_clean, args), **{key: _clean(v) for key, v in kwargs.items()})


class RssFeed(CleanTextFeedMixin, Rss201rev2Feed):
    pass


class AtomFeed(CleanTextFeedMixin, Atom1Feed):
    pass
