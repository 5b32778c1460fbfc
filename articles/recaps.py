"""Recap drafts: an article prefilled from a forum's programme, one section per talk.

The draft is an ordinary unpublished Article linked to its forum and talks, so the coverage
report counts those talks as in progress until it is published. It is found again by its
``source_key`` (``recap:<forum guid>``), which makes a second draft of the same forum
impossible even for two clicks at once (the key is unique).
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from events.models import Forum, Talk, TalkSpeaker
from summit.slugs import unique_slug

from .models import Article, Category

KEY_PREFIX = "recap:"
RECAP_CATEGORY = "recap"  # made by migration 0002
# Markdown's own punctuation in programme text would turn a title into emphasis or a link.
MARKDOWN_ESCAPES = str.maketrans({char: "\\" + char for char in "\\`*_[]"})


class RecapRefused(Exception):
    """The draft cannot be made or extended; ``article`` is the recap that stands in the way."""

    def __init__(self, message, article=None):
        super().__init__(message)
        self.article = article


def recap_key(forum):
    return f"{KEY_PREFIX}{forum.guid}"


def recap_of(forum):
    """The recap article made for ``forum`` (draft or published), or None."""
    return Article.objects.filter(source_key=recap_key(forum)).first()


def talks_to_cover(forum):
    """Talks of ``forum`` worth a write-up that no article covers yet, with their speakers."""
    links = TalkSpeaker.objects.select_related("speaker").order_by("order", "pk")
    return (
        Talk.objects.filter(forum=forum, articles=None).not_cancelled()
        .exclude(kind=Talk.Kind.BREAK)
        .select_related("forum__summit")
        .prefetch_related(Prefetch("talk_speakers", queryset=links, to_attr="speaker_links"))
        .order_by("start", "pk")
    )


def create_recap_draft(*, forum, author=None):
    """A new draft article covering every talk of ``forum`` without an article yet.

    Raises :class:`RecapRefused` when the forum already has its recap (naming it) or when
    every talk is covered already.
    """
    existing = recap_of(forum)
    if existing:
        raise RecapRefused(_("“%(forum)s” already has a recap draft.") % {"forum": forum},
                           existing)
    talks = list(talks_to_cover(forum))
    if not talks:
        raise RecapRefused(_("Every talk of “%(forum)s” is covered already.") % {"forum": forum})
    article = Article(source_key=recap_key(forum), status=Article.Status.DRAFT, author=author)
    article.slug = unique_slug(Article.objects, f"{slugify(forum.slug)[:90]}-recap")
    fill_in_each_language(article, lambda: recap_fields(forum, talks))
    try:
        with transaction.atomic():
            article.save()
            article.forums.add(forum)
            article.summits.add(forum.summit)
            article.talks.add(*talks)
            article.categories.add(*Category.objects.filter(slug=RECAP_CATEGORY))
    except IntegrityError as exc:  # the same click, twice at once: the other one won
        raise RecapRefused(_("“%(forum)s” already has a recap draft.") % {"forum": forum},
                           recap_of(forum)) from exc
    return article


def append_new_talks(*, article):
    """Add the talks its forum gained since ``article`` (a recap draft) was made; returns them."""
    forum = recap_forum(article)
    if forum is None:
        raise RecapRefused(_("“%(article)s” is not a recap draft.") % {"article": article})
    if article.status != Article.Status.DRAFT:
        raise RecapRefused(
            _("“%(article)s” is published: write a new article for the new talks.")
            % {"article": article}, article)
    talks = list(talks_to_cover(forum))
    if talks:
        with transaction.atomic():
            fill_in_each_language(article, lambda: {
                "body": article.body.rstrip() + "\n\n" + talk_sections(talks),
            })
            article.save()
            article.talks.add(*talks)
    return talks


def recap_forum(article):
    """The forum a recap article was made for, or None for any other article."""
    if not (article.source_key or "").startswith(KEY_PREFIX):
        return None
    return (Forum.objects.select_related("summit")
            .filter(guid=article.source_key.removeprefix(KEY_PREFIX)).first())


def stored_languages(model=Article, field="body"):
    """The languages ``model`` keeps ``field`` in: each language with its own column
    (``body_en``, ``body_zh_hans``, as django-modeltranslation adds them), else the default."""
    columns = {f.name for f in model._meta.get_fields()}
    codes = [code for code, _name in settings.LANGUAGES
             if f"{field}_{code.replace('-', '_')}" in columns]
    return codes or [settings.LANGUAGE_CODE]


def fill_in_each_language(article, fields):
    """Set the values ``fields()`` returns on ``article`` once per stored language, with that
    language active: the programme's words and the labels come in that language, and a
    translated field's setter writes that language's column."""
    for code in stored_languages():
        with translation.override(code):
            for name, value in fields().items():
                setattr(article, name, value)


def recap_fields(forum, talks):
    """Title and Markdown body of the recap of ``forum``, in the active language."""
    summit = forum.summit
    day = date_format(forum.date, "DATE_FORMAT")
    opening = _(
        "%(forum)s of %(summit)s took place on %(date)s, under the summit's theme "
        "“%(theme)s”."
    ) % {"forum": forum.title, "summit": summit.name, "date": day, "theme": summit.theme}
    if forum.topic:
        opening = _("%(sentence)s Its topic: %(topic)s.") % {"sentence": opening,
                                                             "topic": forum.topic}
    return {
        "title": _("%(forum)s recap") % {"forum": forum.title},
        "body": f"{md_text(opening)}\n\n{talk_sections(talks)}",
    }


def talk_sections(talks):
    return "\n\n".join(talk_section(talk) for talk in talks) + "\n"


def talk_section(talk):
    """One talk as Markdown: heading, facts, links, and an empty place for the write-up."""
    facts = []
    # Translators: what separates two speakers in a list of them.
    speakers = _("; ").join(speaker_line(link) for link in talk.speaker_links)
    if speakers:
        facts.append(_("Speakers: %(speakers)s") % {"speakers": speakers})
    facts.append(_("Time: %(time)s") % {"time": talk_time(talk)})
    facts.append(_("Talk page: [%(title)s](%(url)s)")
                 % {"title": md_text(talk.title), "url": talk.get_absolute_url()})
    if talk.replay_url:
        facts.append(_("Replay: <%(url)s>") % {"url": talk.replay_url})
    lines = [f"## {md_text(talk.title)}", "", *(f"- {fact}" for fact in facts), ""]
    # An HTML comment: visible in the editor, dropped by the sanitiser if left in.
    lines.append(f"<!-- {_('Write about this talk here.')} -->")
    return "\n".join(lines)


def speaker_line(link):
    """``Name, honorific (affiliation)``, with a role other than speaker named."""
    speaker = link.speaker
    name = speaker.name
    if translation.get_language() == "en" and speaker.name_latin:
        name = speaker.name_latin
    text = md_text(name)
    if speaker.honorific:
        text = _("%(name)s, %(honorific)s") % {"name": text,
                                                "honorific": md_text(speaker.honorific)}
    if speaker.affiliation:
        text = _("%(speaker)s (%(affiliation)s)") % {
            "speaker": text, "affiliation": md_text(speaker.affiliation)}
    if link.role != TalkSpeaker.Role.SPEAKER:
        text += f" · {link.get_role_display()}"
    return text


def talk_time(talk):
    """``2022-08-09 09:00–09:30 (Asia/Shanghai, UTC+8)``: the summit's wall clock, named."""
    summit = talk.forum.summit
    start, end = talk.start.astimezone(summit.tzinfo), talk.end.astimezone(summit.tzinfo)
    offset = start.utcoffset().total_seconds() / 3600
    utc = f"UTC{offset:+g}" if offset else "UTC"
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M} ({summit.time_zone}, {utc})"


def md_text(text):
    return str(text).translate(MARKDOWN_ESCAPES)
