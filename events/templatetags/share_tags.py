"""The ``share_card`` tag: the link-preview card of the page (see ``summit/share.py``)."""

from django import template

from summit.share import SharePage

register = template.Library()

# The most specific object the page shows wins; each builds its own card.
CARD_OBJECTS = ("article", "talk", "speaker", "forum")


@register.simple_tag(takes_context=True)
def share_card(context):
    """The page's :class:`~summit.share.ShareCard`, or None when there is nothing to describe."""
    request = context.get("request")
    if request is None:
        return None
    summit = context.get("summit") or context.get("current_summit")
    banner = summit.banner if summit else None
    page = SharePage(
        request=request,
        context=context,
        site_name=summit.name if summit else "",
        fallback_image=request.build_absolute_uri(banner.url) if banner else "",
    )
    for name in CARD_OBJECTS:
        if context.get(name) is not None:
            return context[name].share_card(page)
    return summit.share_card(page) if summit else None
