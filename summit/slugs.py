"""Slugs: the one way both apps pick an address that no other row uses yet."""

import uuid


def unique_slug(queryset, base, *, fallback=None):
    """``base``, else ``base-2``, ``base-3``, ...: the first slug no row of ``queryset`` has.

    ``queryset`` says which rows count (a model's manager, or one summit's forums). The
    caller builds ``base``: slugified text, or a slug taken from an imported file. An empty
    ``base`` (a Chinese-only title slugifies to nothing) becomes ``fallback`` plus a random
    suffix.
    """
    if not base:
        if fallback is None:
            raise ValueError("An empty slug needs a fallback.")
        base = f"{fallback}-{uuid.uuid4().hex[:6]}"
    slug, n = base, 2
    while queryset.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
