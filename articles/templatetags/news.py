from django import template

from .. import queries

register = template.Library()


@register.simple_tag
def pinned_notice():
    """The home page's notice (or None): one query."""
    return queries.pinned_notice()


@register.simple_tag
def latest_news():
    """The latest three published articles besides the notice: one or two queries."""
    return queries.latest_news()


@register.simple_tag
def talk_news(talk):
    """Published articles covering ``talk``: one query."""
    return queries.talk_news(talk)
