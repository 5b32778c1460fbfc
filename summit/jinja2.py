"""The Jinja2 environment for the few templates rendered in a tight loop (talk cards).

A schedule of 2000 talks renders 2000 cards; Django's template language spent most of a
cold schedule request on them (an include, a tag and ~35 variable lookups a card). Jinja2
compiles a template to Python and renders the same card several times faster.

Every value a template writes goes through ``finalize``, which escapes it as Django's
``conditional_escape`` does, so the output is byte for byte what the Django template gave
(markupsafe writes ``&#39;`` where Django writes ``&#x27;``); Django's safe strings pass
through unchanged (they carry ``__html__``). Jinja2's own autoescaping is therefore off: it
would escape the escaped value again (a second pass and two ``Markup`` objects a value).
Keep it that way only while ``finalize`` escapes: a template here must not use macros or
``|safe`` (their output would be escaped twice, never left raw).
"""

import html

from django.utils.functional import Promise
from jinja2 import Environment


def escape(value):
    """Django's ``conditional_escape``, byte for byte, for every value a card writes (~23 a
    card). Django's ``escape`` is wrapped to accept lazy arguments, which costs as much as
    the escaping itself; a lazy value is made a string here first, as it does."""
    if value.__class__ is str:  # most values: no lazy or safe string to look for
        return html.escape(value)
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def environment(**options):
    options.pop("autoescape", None)
    options["finalize"] = escape
    options["keep_trailing_newline"] = True  # as Django's templates keep it
    return Environment(autoescape=False, **options)  # noqa: S701 - finalize escapes every value
