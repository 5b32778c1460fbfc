"""Importing posts exported from Hexo, Jekyll or Hugo (front matter + Markdown or HTML)."""

import hashlib
import re
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import markdown
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.text import Truncator, slugify

from events.queries import current_summit
from summit.markdown import MARKDOWN_EXTENSIONS, check_markdown_size, clean_html, render_markdown
from summit.slugs import unique_slug
from summit.text import html_to_text

from .front_matter import COVER_KEYS, FrontMatterError, cover_value, split_front_matter
from .image_fetch import localize_images
from .models import Article, Category

BUNDLE_INDEX = {"index.md", "_index.md", "index.html", "index.htm", "index.markdown"}
SOURCE_KEY_LENGTH = Article._meta.get_field("source_key").max_length
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
    draft: bool = False
    warnings: list = field(default_factory=list)  # what the import left out, one a line

    @property
    def status(self):
        return Article.Status.DRAFT if self.draft else Article.Status.PUBLISHED


def read_text(path):
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PostImportError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


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


def is_true(value):
    """Front-matter booleans: real ones (TOML, YAML) or quoted ("true", "yes")."""
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "on", "1"}
    return value is True


def is_false(value):
    if isinstance(value, str):
        return value.strip().lower() in {"false", "no", "off", "0"}
    return value is False


def path_slug_and_key(path):
    """The slug a file's name suggests and the key that finds its article again on a
    re-import: from the stem, or for a Hugo page bundle (``post/index.md``) its folder."""
    if path.name.lower() in BUNDLE_INDEX:
        folder = path.resolve().parent.name
        return slugify(folder), slugify(folder) or folder or path.name
    return slugify(path.stem), slugify(path.stem) or path.name


def fit_source_key(key):
    """``key`` within the field's length: a longer one keeps its start plus a hash of it."""
    if len(key) <= SOURCE_KEY_LENGTH:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return f"{key[:SOURCE_KEY_LENGTH - 17]}-{digest}"


def cover_from(meta, warnings):
    """The first http(s) cover address; any other one cannot be fetched: warn."""
    for key in COVER_KEYS:
        value = (cover_value(meta, key) or "").strip()
        if urlsplit(value).scheme in {"http", "https"}:
            return value
        if value:
            warnings.append(f"{key} {value!r} is not an http(s) address: the article has no "
                            "cover from it")
    return ""


def import_zone():
    summit = current_summit()
    return summit.tzinfo if summit else zoneinfo.ZoneInfo(settings.TIME_ZONE)


def parse_post(path, *, tz):
    """Read one file into a :class:`ParsedPost`, or raise :class:`PostImportError`."""
    path = Path(path)
    meta, body = split_front_matter(read_text(path))
    check_markdown_size(body, what="body", error=PostImportError)
    title = str(meta.get("title") or "").strip()
    if not title:
        raise PostImportError("no title in the front matter")
    if meta.get("date") in (None, ""):
        raise PostImportError("no date in the front matter")
    front_slug = slugify(str(meta.get("slug") or ""))
    file_slug, file_key = path_slug_and_key(path)
    if path.suffix.lower() in {".html", ".htm"} or HTML_BODY.match(body):
        # Raw HTML (WeChat, Toutiao): keep only what the sanitiser allows; the stored
        # clean HTML is valid Markdown and renders unchanged.
        raw_html, body = body, clean_html(body)
        stored_html = body
    else:
        raw_html = markdown.markdown(body, extensions=MARKDOWN_EXTENSIONS)
        stored_html = render_markdown(body)
    warnings = [f"image {src!r} left out: only http(s) images and this site's /media/ files "
                "are kept (upload it in the admin)"
                for src in dropped_images(raw_html, stored_html)]
    author = meta.get("author")
    return ParsedPost(
        source_key=fit_source_key(front_slug or file_key),
        title=title[:300],
        publish_at=parse_date(meta["date"], tz),
        body=body.strip(),
        slug=front_slug or file_slug,
        summary=str(meta.get("description") or meta.get("summary") or meta.get("excerpt")
                    or first_words(body)),
        byline=str(author.get("name", "") if isinstance(author, dict) else author or "")[:200],
        categories=as_list(meta.get("categories")),
        tags=as_list(meta.get("tags")),
        cover_url=cover_from(meta, warnings)[:500],
        # Hugo marks drafts with draft: true, Jekyll with published: false.
        draft=is_true(meta.get("draft")) or is_false(meta.get("published")),
        warnings=warnings,
    )


class ImageSources(HTMLParser):
    """The ``src`` of every ``<img>`` in a piece of HTML, character references decoded."""

    def __init__(self, html):
        super().__init__()
        self.sources = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources.append((dict(attrs).get("src") or "").strip())


def dropped_images(raw_html, stored_html):
    """Images of the source the sanitiser left out of the stored HTML: a page bundle's
    own files (``photo.jpg``), site paths of the old blog, other schemes."""
    kept = set(ImageSources(stored_html).sources)
    return [src for src in dict.fromkeys(ImageSources(raw_html).sources) if src and src not in kept]


def first_words(body, length=120):
    """A summary for posts without one: the start of the body's text."""
    text = html_to_text(render_markdown(body))
    return Truncator(text).chars(length)


def new_article_slug(post):
    """A free address for a new article: the file's slug, else ``post``."""
    return unique_slug(Article.objects, (post.slug or "post")[:100])


def save_post(post):
    """Create or update the article imported from ``post``; returns (article, created).

    Title, body and summary fill the active language's fields. A translation (a file in
    another language than the default, for an article that exists) sets only those.
    """
    with transaction.atomic():
        article = Article.objects.filter(source_key=post.source_key).first()
        created = article is None
        if created:
            article = Article(source_key=post.source_key)
            article.slug = new_article_slug(post)
        article.title = post.title
        article.body = post.body
        article.summary = post.summary
        if not created and translation.get_language() != settings.LANGUAGE_CODE:
            article.save()
            return article, created
        # The file decides, as for the other fields: a re-import can publish a draft.
        article.status = post.status
        article.byline = post.byline
        article.tags = ", ".join(post.tags)[:300]
        article.cover_url = post.cover_url
        article.publish_at = post.publish_at
        article.save()
        article.categories.set([category_named(name) for name in post.categories])
    return article, created


def category_named(name):
    """The category called ``name``; for an ASCII name also the one whose slug it spells
    ("Recap" finds 回顾); else a new one. "MIT 新闻" must not join "MIT 科技评论" on "mit"."""
    name = name[:80]
    category = Category.objects.filter(name=name).first()
    if category is None and name.isascii():
        category = Category.objects.filter(slug=Category.slug_for(name)).first()
    if category is None:
        category = Category.objects.create(name=name, slug=unique_category_slug(name))
    return category


def unique_category_slug(name):
    """The name's slug, or, when another name has it, that slug plus a hash of the name."""
    slug = Category.slug_for(name)
    if Category.objects.filter(slug=slug).exists():
        digest = hashlib.sha256(name.encode()).hexdigest()[:6]
        slug = unique_slug(Category.objects, f"{slug[:60]}-{digest}")
    return slug


def import_posts(paths, *, dry_run=False, fetch_images=False, language=None):
    """Import each file; yields (path, outcome, article or message) with outcome in
    ``created``, ``updated``, ``error``, ``warning`` (before the file's outcome: an image
    the import leaves out or ``fetch_images`` could not bring home; the article still
    imports). A failing file changes nothing. The files are in ``language`` (Chinese by
    default); the other language's texts stay as they are."""
    with translation.override(language or settings.LANGUAGE_CODE):
        yield from _import_posts(paths, dry_run=dry_run, fetch_images=fetch_images)


def _import_posts(paths, *, dry_run, fetch_images):
    tz = import_zone()
    seen = {}  # source key -> the first file of this run that claimed it
    for path in paths:
        try:
            post = parse_post(path, tz=tz)
        except (PostImportError, FrontMatterError) as exc:
            yield path, "error", str(exc)
            continue
        except OSError as exc:
            yield path, "error", f"cannot read: {exc.strerror or exc}"
            continue
        if post.source_key in seen:
            yield path, "error", (
                f"same import key {post.source_key!r} as {seen[post.source_key]}: "
                "give one of them a slug: in its front matter"
            )
            continue
        seen[post.source_key] = path
        for warning in post.warnings:
            yield path, "warning", warning
        if dry_run:
            existing = Article.objects.filter(source_key=post.source_key).first()
            # Report the address the article would have.
            post.slug = existing.slug if existing else new_article_slug(post)
            yield path, "updated" if existing else "created", post
            continue
        if fetch_images:
            for problem in localize_images(post):
                yield path, "warning", problem
        article, created = save_post(post)
        yield path, "created" if created else "updated", article
