"""Importing posts exported from Hexo, Jekyll or Hugo (front matter + Markdown or HTML)."""

import html
import re
import tomllib
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify

from events.queries import current_summit
from summit.markdown import clean_html, render_markdown

from .models import Article, Category

FRONT_MATTER = re.compile(
    r"\A\s*(?P<fence>---|\+\+\+)[ \t]*\n(?P<head>.*?)\n(?P=fence)[ \t]*(?:\n|\Z)(?P<body>.*)\Z",
    re.DOTALL,
)
COVER_KEYS = ("headimg", "cover", "thumbnail", "image")
HTML_BODY = re.compile(r"\A\s*<(div|p|section|article|span|h[1-6]|img|table|ul|ol|figure)\b", re.I)


class PostImportError(Exception):
    """A file that cannot become an article; the message is one line for the operator."""


@dataclass
class ParsedPost:
    source_key: str
    title: str
    publish_at: datetime
    body: str
    slug: str = ""
    summary: str = ""
    byline: str = ""
    categories: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    cover_url: str = ""


def read_text(path):
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PostImportError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text):
    match = FRONT_MATTER.match(text)
    if not match:
        raise PostImportError("no front matter (--- YAML --- or +++ TOML +++) at the top")
    head, body = match["head"], match["body"]
    try:
        meta = yaml.safe_load(head) if match["fence"] == "---" else tomllib.loads(head)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        reason = str(exc).splitlines()[0]
        raise PostImportError(f"broken front matter: {reason}") from exc
    if not isinstance(meta, dict):
        raise PostImportError("broken front matter: not a set of key: value pairs")
    return meta, body


def parse_date(value, tz):
    """ISO 8601, ``YYYY-MM-DD HH:MM:SS`` (in ``tz``) or RFC 1123; YAML/TOML may pre-parse."""
    if isinstance(value, str):
        value = value.strip()
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            try:
                value = parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError) as exc:
                raise PostImportError(f"unknown date {value!r}") from exc
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time(0, 0))
    if not isinstance(value, datetime):
        raise PostImportError(f"unknown date {value!r}")
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value


def as_list(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [item.strip() for item in re.split(r"[,，、]", value) if item.strip()]
    if isinstance(value, list):
        return [str(item).strip() for item in value if item is not None and str(item).strip()]
    return [str(value).strip()]


def cover_from(meta):
    for key in COVER_KEYS:
        value = meta.get(key)
        if isinstance(value, str) and urlsplit(value.strip()).scheme in {"http", "https"}:
            return value.strip()
    return ""


def import_zone():
    summit = current_summit()
    return summit.tzinfo if summit else zoneinfo.ZoneInfo(settings.TIME_ZONE)


def parse_post(path, *, tz):
    """Read one file into a :class:`ParsedPost`, or raise :class:`PostImportError`."""
    path = Path(path)
    meta, body = split_front_matter(read_text(path))
    title = str(meta.get("title") or "").strip()
    if not title:
        raise PostImportError("no title in the front matter")
    if meta.get("date") in (None, ""):
        raise PostImportError("no date in the front matter")
    front_slug = slugify(str(meta.get("slug") or ""))
    file_slug = slugify(path.stem)
    if path.suffix.lower() in {".html", ".htm"} or HTML_BODY.match(body):
        # Raw HTML (WeChat, Toutiao): keep only what the sanitiser allows; the stored
        # clean HTML is valid Markdown and renders unchanged.
        body = clean_html(body)
    author = meta.get("author")
    return ParsedPost(
        source_key=front_slug or file_slug or path.name,
        title=title[:300],
        publish_at=parse_date(meta["date"], tz),
        body=body.strip(),
        slug=front_slug or file_slug,
        summary=str(meta.get("description") or meta.get("summary") or meta.get("excerpt")
                    or first_words(body)),
        byline=str(author.get("name", "") if isinstance(author, dict) else author or "")[:200],
        categories=as_list(meta.get("categories")),
        tags=as_list(meta.get("tags")),
        cover_url=cover_from(meta)[:500],
    )


def first_words(body, length=120):
    """A summary for posts without one: the start of the body's text."""
    text = " ".join(html.unescape(strip_tags(render_markdown(body))).split())
    return Truncator(text).chars(length)


def unique_article_slug(base, exclude_pk=None):
    base = (base or "post")[:100]
    slug, n = base, 2
    while Article.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def save_post(post):
    """Create or update the article imported from ``post``; returns (article, created)."""
    with transaction.atomic():
        article = Article.objects.filter(source_key=post.source_key).first()
        created = article is None
        if created:
            article = Article(source_key=post.source_key, status=Article.Status.PUBLISHED)
            article.slug = unique_article_slug(post.slug)
        article.title = post.title
        article.body = post.body
        article.summary = post.summary
        article.byline = post.byline
        article.tags = ", ".join(post.tags)[:300]
        article.cover_url = post.cover_url
        article.publish_at = post.publish_at
        article.save()
        article.categories.set([category_named(name) for name in post.categories])
    return article, created


def category_named(name):
    """The category called ``name`` or whose slug it spells ("Recap" finds 回顾), else a new one."""
    slug = Category.slug_for(name)
    category = Category.objects.filter(Q(name=name[:80]) | Q(slug=slug)).first()
    if category is None:
        category = Category.objects.create(name=name[:80], slug=slug)
    return category


def import_posts(paths, *, dry_run=False):
    """Import each file; yields (path, outcome, article or message) with outcome in
    ``created``, ``updated``, ``error``. A failing file changes nothing."""
    tz = import_zone()
    for path in paths:
        try:
            post = parse_post(path, tz=tz)
        except PostImportError as exc:
            yield path, "error", str(exc)
            continue
        except OSError as exc:
            yield path, "error", f"cannot read: {exc.strerror or exc}"
            continue
        if dry_run:
            exists = Article.objects.filter(source_key=post.source_key).exists()
            yield path, "updated" if exists else "created", post
            continue
        article, created = save_post(post)
        yield path, "created" if created else "updated", article
