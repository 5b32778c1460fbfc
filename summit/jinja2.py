"""The Jinja2 environment for the few templates rendered in a tight loop (talk cards).

A schedule of 2000 talks renders 2000 cards; Django's template language spent most of a
cold schedule request on them (an include, a tag and ~35 variable lookups a card). Jinja2
compiles a template to Python and renders the same card several times faster.

``finalize`` escapes with Django's ``conditional_escape`` so the output is byte for byte
what the Django template gave (markupsafe writes ``&#39;`` where Django writes ``&#x27;``);
Django's safe strings pass through unchanged (they carry ``__html__``).
"""

from django.utils.html import conditional_escape
from jinja2 import Environment


def environment(**options):
    options.pop("autoescape", None)
    options["finalize"] = conditional_escape
    options["keep_trailing_newline"] = True  # as Django's templates keep it
    return Environment(autoescape=True, **options)
