from django import template

from .. import queries

register = template.Library()


@register.simple_tag
def home_news():
    """``{"pinned": article or None, "latest": [up to 3]}``: two queries."""
    pinned, latest = queries.home_news()
    return {"pinned": pinned, "latest": latest}


@register.simple_tag
def talk_news(talk):
    """Published articles covering ``talk``: one query."""
    return queries.talk_news(talk)
