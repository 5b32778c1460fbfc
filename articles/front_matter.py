"""A post's front matter: split from the body, parsed within bounds, and its values checked
to be of the types the importer reads (a nested list is not a title)."""

import re
import tomllib
from datetime import date

import yaml

FRONT_MATTER = re.compile(
    r"\A\s*(?P<fence>---|\+\+\+)[ \t]*\n(?P<head>.*?)\n(?P=fence)[ \t]*(?:\n|\Z)(?P<body>.*)\Z",
    re.DOTALL,
)
# Real front matter is a few hundred bytes; this leaves room for long summaries.
MAX_BYTES = 64 * 1024
TEXT_KEYS = ("title", "slug", "description", "summary", "excerpt")
LIST_KEYS = ("categories", "tags")
FLAG_KEYS = ("draft", "published")
COVER_KEYS = ("headimg", "cover", "thumbnail", "image")


class FrontMatterError(ValueError):
    """Front matter that cannot be read; the message is one line."""


class FrontMatterLoader(yaml.SafeLoader):
    """YAML without aliases: ``*name`` is how a few hundred bytes expand to gigabytes
    (a "billion laughs"), and no blog exporter writes them."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(
                None, None, f"aliases (*name) are not allowed (line {mark.line + 1})", mark
            )
        return super().compose_node(parent, index)


def split_front_matter(text):
    """(meta dict, body) of a post, the meta's values checked by :func:`check_types`."""
    match = FRONT_MATTER.match(text)
    if not match:
        raise FrontMatterError("no front matter (--- YAML --- or +++ TOML +++) at the top")
    head, body = match["head"], match["body"]
    if len(head.encode()) > MAX_BYTES:
        raise FrontMatterError(f"front matter larger than {MAX_BYTES // 1024} KB")
    try:
        if match["fence"] == "---":
            meta = yaml.load(head, Loader=FrontMatterLoader)  # noqa: S506 - a SafeLoader
        else:
            meta = tomllib.loads(head)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        raise FrontMatterError(f"broken front matter: {str(exc).splitlines()[0]}") from exc
    except RecursionError:
        raise FrontMatterError("broken front matter: nested too deeply") from None
    if not isinstance(meta, dict):
        raise FrontMatterError("broken front matter: not a set of key: value pairs")
    check_types(meta)
    return meta, body


def check_types(meta):
    """Refuse a value of the wrong type, naming its key."""
    for key in TEXT_KEYS:
        _expect(key, meta.get(key), _is_text, "text")
    for key in LIST_KEYS:
        _expect(key, meta.get(key), _is_text_or_list, "text or a list of text")
    for key in FLAG_KEYS:
        _expect(key, meta.get(key), lambda v: isinstance(v, bool | str | None), "true or false")
    _expect("date", meta.get("date"), lambda v: isinstance(v, str | date | None), "a date")
    author = meta.get("author")
    _expect("author", author.get("name") if isinstance(author, dict) else author, _is_text,
            "a name")
    for key in COVER_KEYS:
        _expect(key, cover_value(meta, key), lambda v: isinstance(v, str | None), "an address")


def cover_value(meta, key):
    """The cover address under ``key``: Hugo themes such as PaperMod write a table
    (``cover: {image: ..., alt: ...}``)."""
    value = meta.get(key)
    return value.get("image") if isinstance(value, dict) else value


def _is_text(value):
    # YAML and TOML read `title: 2022` as a number: a number is text here, true is not.
    return value is None or (isinstance(value, str | int | float) and not isinstance(value, bool))


def _is_text_or_list(value):
    return _is_text(value) or (isinstance(value, list) and all(map(_is_text, value)))


def _expect(key, value, check, what):
    if not check(value):
        raise FrontMatterError(f"'{key}' in the front matter must be {what}, not {_kind(value)}")


def _kind(value):
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, date):
        return "a date"
    return {list: "a list", dict: "a table of keys", str: "text"}.get(type(value), "a value")
