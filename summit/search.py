"""Search, shared by the programme and the news: the reader's query made safe, the match
on each database, and the matched words highlighted.

Every word of a query must appear, in either language, in one of a model's fields. The
fields a model searches are kept, upper-cased, in one stored column, ``search_text``
(:func:`document`, a generated column the database keeps current), so a word is one
``LIKE`` on one column instead of an ``UPPER()`` of every field of every row:

- SQLite: that match alone.
- PostgreSQL: the same match (served by a GIN trigram index on ``search_text`` made by the
  migrations; trigrams need no spaces, so they work for Chinese), or English full-text
  search (``plainto_tsquery('english')`` against ``search_vector``, the English fields'
  vector, also stored by the database: :func:`english_vector`), so "materials" also finds
  "material"; ranked by ``ts_rank`` of that vector.

Both put rows whose title holds every word first (``search_rank``).
"""

import operator
import re
import unicodedata
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import connections, models
from django.db.models import Case, F, FloatField, Func, Lookup, Q, Value, When
from django.db.models.functions import Coalesce, Concat, Upper
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_LENGTH = 100  # characters of a query kept; the page says when it cut one
MAX_WORDS = 8  # each word adds a condition per field
CONTEXT = 60  # characters either side of the first match in a snippet
LATIN = re.compile("[A-Za-z]")


@dataclass(frozen=True)
class Terms:
    """A reader's query: ``text`` cleaned and cut, the ``words`` searched for."""

    text: str = ""
    words: tuple = ()
    was_cut: bool = False
    had_text: bool = False  # something was typed, even if nothing searchable

    def __bool__(self):
        return bool(self.words)


def parse_query(raw):
    """The searchable words of ``raw``: control characters dropped, whitespace collapsed,
    at most MAX_LENGTH characters and MAX_WORDS words; words without a letter or digit
    (``%``, ``_``, ``--``) are left out."""
    raw = raw or ""
    # Controls (NUL included: PostgreSQL refuses it) and format characters become spaces.
    text = "".join(" " if unicodedata.category(c) in {"Cc", "Cf", "Cs"} else c
                   for c in raw[:MAX_LENGTH * 4])
    text = " ".join(text.split())
    was_cut = len(text) > MAX_LENGTH or len(raw) > MAX_LENGTH * 4
    text = text[:MAX_LENGTH].strip()
    words, seen = [], set()
    for word in text.split():
        key = word.casefold()
        if key not in seen and any(c.isalnum() for c in word):
            seen.add(key)
            words.append(word)
    was_cut = was_cut or len(words) > MAX_WORDS
    words = words[:MAX_WORDS]
    return Terms(text=" ".join(words), words=tuple(words), was_cut=was_cut,
                 had_text=bool(raw.strip()))


def document(*fields):
    """The ``search_text`` column: ``fields`` upper-cased, one per line (so a word never
    spans two fields), stored and kept current by the database on every write."""
    text, parts = models.TextField(), []
    for field in fields:
        parts += [Coalesce(field, Value(""), output_field=text), Value("\n")]
    return models.GeneratedField(
        expression=Upper(Concat(*parts[:-1], output_field=text)), output_field=text,
        db_persist=True, editable=False,
    )


class EnglishVector(Func):
    """``to_tsvector('english', fields)`` on PostgreSQL; NULL on SQLite, which has no
    full-text vector and finds words with the ``LIKE`` match alone."""

    output_field = SearchVectorField()

    def __init__(self, *fields):
        super().__init__(SearchVector(*fields, config="english"))

    def as_sql(self, compiler, connection, **extra_context):
        return "NULL", []

    def as_postgresql(self, compiler, connection, **extra_context):
        return compiler.compile(self.source_expressions[0])


def english_vector(*fields):
    """The ``search_vector`` column: the English full-text vector of ``fields``, stored and
    kept current by the database like ``search_text``. Stored, a search neither parses
    every row's text again to match nor to rank it (``to_tsvector`` of 400 matching titles
    took 4 ms of a search at 2000 talks), and one condition on the row replaces a
    subquery."""
    return models.GeneratedField(expression=EnglishVector(*fields),
                                 output_field=SearchVectorField(), db_persist=True,
                                 editable=False)


class Holds(Lookup):
    """``search_text`` holds ``word``: ``search_text LIKE UPPER('%word%')``. The column is
    upper-cased already; the word is upper-cased by the same database function, and its
    ``%``, ``_`` and ``\\`` are matched literally.

    PostgreSQL first asks ``strpos`` (a Boyer-Moore-Horspool search, twice as fast as
    LIKE's scan): a word of one or two Chinese characters has no trigram, so every row is
    read, and at 2000 talks that scan was the largest part of the search; such a word is
    asked with ``strpos`` alone (with LIKE, the planner would read the whole trigram index
    and then check every row again). A longer word still finds its rows through the
    trigram index on the LIKE; ``strpos`` then only rechecks those.
    """

    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", [value]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        word = self.rhs
        pattern = connection.operators["contains"] % "UPPER(%s)"
        sql, params = f"{lhs} {pattern}", [*lhs_params,
                                          f"%{connection.ops.prep_for_like_query(word)}%"]
        if connection.vendor == "postgresql":
            found = f"strpos({lhs}, UPPER(%s)) > 0"
            if len(word) < 3:  # no whole trigram: the index would be read in full, then
                return found, [*lhs_params, word]  # every row checked again
            sql, params = f"{found} AND {sql}", [*lhs_params, word, *params]
        return sql, params


def _any_field(fields, word):
    return reduce(operator.or_, (Q(**{f"{field}__icontains": word}) for field in fields))


def _every_word_in(fields, words):
    """Each word in at least one of ``fields`` (case-insensitive)."""
    return reduce(operator.and_, (_any_field(fields, word) for word in words))


def _word_anywhere(model, related, word):
    """``word`` in the row's ``search_text`` or in one of its ``related`` fields; those are
    asked with a subquery per table (``forum__title_en`` asks the forums), so each reads
    its own table instead of testing every column of a join row by row."""
    tables = {}
    for field in related:
        relation, _, column = field.rpartition("__")
        tables.setdefault(relation, []).append(column)
    condition = Q(Holds(F("search_text"), word))
    for relation, columns in tables.items():
        target = model._meta.get_field(relation).related_model
        rows = target._base_manager.filter(_any_field(columns, word)).values("pk")
        condition |= Q(**{f"{relation}__in": rows})
    return condition


def search(queryset, terms, *, titles, related=()):
    """``queryset`` narrowed to rows with every word of ``terms`` in their ``search_text``
    or in one of the ``related`` fields (``forum__title_en``), with
    ``search_rank`` (an alias: higher is better) and ordered by it.

    ``titles`` are the row's own fields whose match ranks first. PostgreSQL also finds
    rows whose ``search_vector`` (English, stemmed) matches, and ranks by its ``ts_rank``.
    Trigram similarity to the titles was tried as a rank too: 3.5 ms more at 2000 talks,
    for an order that the title match already gives.
    """
    if not terms:
        return queryset.none()
    model = queryset.model
    # Longest word first: the rarest, usually, so a row that lacks it is not read again
    # for the others (the database tests the conditions in this order).
    words = sorted(terms.words, key=len, reverse=True)
    matched = reduce(operator.and_, (_word_anywhere(model, related, word) for word in words))
    rank = Case(When(_every_word_in(titles, terms.words), then=Value(1.0)),
                default=Value(0.0), output_field=FloatField())
    if connections[queryset.db].vendor == "postgresql" and LATIN.search(terms.text):
        # English stemming only acts on Latin letters; a query without one (材料) finds
        # nothing through it that the LIKE match has not found already.
        query = SearchQuery(terms.text, search_type="plain", config="english")
        matched |= Q(search_vector=query)
        rank += SearchRank(F("search_vector"), query)
    # An alias, not an annotation: ordered by, never selected (the pages do not show it,
    # and the schedule's text filter orders by time, so there it is not computed at all).
    return queryset.filter(matched).alias(search_rank=rank).order_by("-search_rank")


def _spans(text, words):
    """Non-overlapping (start, end) of every occurrence of any word, case-insensitive."""
    if not text or not words:
        return []
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)),
                         re.IGNORECASE)
    return [match.span() for match in pattern.finditer(text)]


def highlight(text, words):
    """``text`` as safe HTML with each matched word in ``<mark>``.

    The matches are found in the raw text and every piece is escaped on its own, so a
    word can never match inside an entity (``amp`` in ``&amp;``) or make markup.
    """
    text = str(text or "")
    pieces, last = [], 0
    for start, end in _spans(text, words):
        pieces.append(escape(text[last:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece escaped above


def snippet(text, words, length=CONTEXT):
    """A short passage of plain ``text`` around its first match (its opening without one),
    highlighted."""
    text = " ".join(str(text or "").split())
    spans = _spans(text, words)
    first = spans[0][0] if spans else 0
    start = max(0, first - length)
    if start:  # begin at a word in Latin text (Chinese has no spaces to look for)
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 and space - start < 15 else start
    end = min(len(text), max(first + length, start + 2 * length))
    passage = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    return highlight(passage, words)


def contains_any(text, words):
    return bool(_spans(str(text or ""), words))
