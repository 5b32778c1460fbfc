"""Build (or bring up to date) the demo summit; a second run changes nothing."""

from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.db import transaction

from events import demo
from events.models import Forum, Speaker, Stream, Summit, Talk, TalkSpeaker
from summit.management.demo_command import DemoCommand

SPEAKERS_PER_SUB_FORUM = 7  # the chair and six speakers
MAIN_CHAIRS, MAIN_KEYNOTES = 2, 9


class Command(DemoCommand):
    help = "Load the AI for Science Summit 2022 demo programme (idempotent)."
    history_date = demo.PROGRAMME_ENTERED

    def handle(self, *args, **options):
        with transaction.atomic():
            translated = {f"{k}_en": v for k, v in demo.SUMMIT_EN.items()}
            translated.update({f"{k}_zh_hans": demo.SUMMIT[k] for k in demo.SUMMIT_EN})
            summit = self.upsert(Summit, {"slug": demo.SUMMIT["slug"]}, {
                **{k: v for k, v in demo.SUMMIT.items()
                   if k != "slug" and k not in demo.SUMMIT_EN},
                **translated,
            })
            people = self.speakers()
            for order, (platform, channel, url) in enumerate(demo.SUMMIT_STREAMS):
                self.upsert(Stream, {"summit": summit, "forum": None, "platform": platform,
                                     "channel_name_zh_hans": channel},
                            {"channel_name_en": demo.english(channel), "url": url,
                             "order": order})
            self.main_forum(summit, people[:MAIN_CHAIRS + MAIN_KEYNOTES])
            rest = people[MAIN_CHAIRS + MAIN_KEYNOTES:]
            for index, spec in enumerate(demo.FORUMS[1:]):
                group = rest[index * SPEAKERS_PER_SUB_FORUM:(index + 1) * SPEAKERS_PER_SUB_FORUM]
                self.sub_forum(summit, spec, group[0], group[1:])
            if summit.programme_published_at is None:
                summit.programme_published_at = demo.PROGRAMME_PUBLISHED
                summit.save(update_fields=["programme_published_at"])
                self.record_swap(summit)
        self.stdout.write(self.style.SUCCESS(
            f"Demo summit “{summit.name}”: {summit.forums.count()} forums, "
            f"{Talk.objects.of_summit(summit).count()} talks ({self.outcome()})."
        ))

    def record_swap(self, summit):
        """Tell the change log about the announced swap: the old times, then the new ones."""
        talks = [Talk.objects.get(forum__summit=summit, forum__slug=demo.SWAPPED_FORUM,
                                  title_zh_hans=title) for title in demo.SWAPPED_TALKS]
        final = [(talk.start, talk.end) for talk in talks]
        before = demo.PROGRAMME_ENTERED + timedelta(minutes=1)
        for when, times in ((before, final[::-1]), (demo.SWAPPED_AT, final)):
            for talk, (start, end) in zip(talks, times, strict=True):
                talk.start, talk.end, talk._history_date = start, end, when
                talk.save()

    def speakers(self):
        total = MAIN_CHAIRS + MAIN_KEYNOTES + SPEAKERS_PER_SUB_FORUM * (len(demo.FORUMS) - 1)
        people = []
        for index, (name, latin, slug) in enumerate(demo.sample_people(total)):
            institution, department = demo.AFFILIATIONS[index * 3 % len(demo.AFFILIATIONS)]
            if MAIN_CHAIRS <= index < MAIN_CHAIRS + 3:
                honorific = "院士"
            else:
                honorific = demo.ACADEMIC_RANKS[index % len(demo.ACADEMIC_RANKS)]
            title = demo.POSITIONS[index % len(demo.POSITIONS)]
            position = f"{department}{title}"
            position_en = f"{demo.english(title).capitalize()}, {demo.english(department)}"
            speaker = self.upsert(Speaker, {"slug": slug}, {
                "name_zh_hans": name, "name_en": latin, "name_latin": latin,
                "honorific_zh_hans": honorific, "honorific_en": demo.english(honorific),
                "affiliation_zh_hans": institution,
                "affiliation_en": demo.english(institution),
                "position_zh_hans": position, "position_en": position_en,
                "bio_zh_hans": f"{name}，{institution}{position}。\n\n{demo.SAMPLE_NOTE}",
                "bio_en": f"{latin}, {position_en}, {demo.english(institution)}.\n\n"
                          f"{demo.SAMPLE_NOTE_EN}",
            })
            self.portrait(speaker, index)
            people.append(speaker)
        # Sample speakers an older version of the demo made, and their portraits.
        self.drop_stale(Speaker.objects.filter(slug__startswith=demo.SPEAKER_SLUG_PREFIX),
                        people, ["photo", "photo_96", "photo_320"])
        return people

    def portrait(self, speaker, index):
        if speaker.photo and speaker.photo.storage.exists(speaker.photo.name):
            if not speaker.photo_96:
                speaker.make_renditions()
            return
        png = demo.portrait_png(speaker.initials, index)
        speaker.photo.save(f"{speaker.slug}.png", ContentFile(png), save=True)

    def forum(self, summit, spec, chairs):
        start, end = spec["hours"]
        forum = self.upsert(Forum, {"summit": summit, "slug": spec["slug"]}, {
            "kind": spec["kind"], **bilingual(spec, ["title", "description"]),
            "topic": spec["topic"], "date": spec["date"], "start_time": start,
            "end_time": end, "order": spec["order"],
        })
        forum.chairs.set(chairs)
        url = f"https://search.bilibili.com/all?keyword={spec['channel']}"
        self.upsert(Stream, {"summit": summit, "forum": forum, "platform": "bilibili",
                             "channel_name_zh_hans": spec["channel"]},
                    {"channel_name_en": demo.english(spec["channel"]), "url": url, "order": 0})
        return forum

    def talk(self, forum, number, kind, start, end, title, links=()):
        """One talk with its ordered speakers: ``links`` is [(speaker, role), ...]."""
        title_en = demo.english(title)
        talk = self.upsert(Talk, {"slug": f"2022-{forum.slug}-{number:02d}"}, {
            "forum": forum, "kind": kind, "start": start, "end": end,
            "title_zh_hans": title, "title_en": title_en,
            "abstract_zh_hans": abstract(kind, title),
            "abstract_en": abstract_en(kind, title_en), "language": Talk.Language.CHINESE,
        })
        for order, (speaker, role) in enumerate(links):
            self.upsert(TalkSpeaker, {"talk": talk, "speaker": speaker},
                        {"role": role, "order": order})
        talk.talk_speakers.exclude(speaker__in=[speaker for speaker, _ in links]).delete()
        return talk

    def main_forum(self, summit, people):
        chairs, keynoters = people[:MAIN_CHAIRS], people[MAIN_CHAIRS:]
        spec = demo.FORUMS[0]
        forum = self.forum(summit, spec, chairs)
        tz = summit.tzinfo
        speakers = iter(keynoters)
        panel = [(chairs[0], "moderator")] + [(keynoters[i], "panelist") for i in (0, 3, 5, 7)]
        for number, (kind, start, end, title) in enumerate(demo.MAIN_FORUM_SLOTS, start=1):
            links = {"opening": [(c, "speaker") for c in chairs], "break": [],
                     "panel": panel, "closing": [(chairs[1], "speaker")]}.get(kind)
            if links is None:
                links = [(next(speakers), "speaker")]
            self.talk(forum, number, kind, datetime.combine(spec["date"], start, tz),
                      datetime.combine(spec["date"], end, tz), title, links)

    def sub_forum(self, summit, spec, chair, speakers):
        forum = self.forum(summit, spec, [chair])
        moment = datetime.combine(spec["date"], spec["hours"][0], summit.tzinfo)
        titles = iter(spec["talks"])
        talkers = iter(speakers)
        slots = list(demo.SUB_FORUM_SLOTS) + ([("closing", 15)] if "closing" in spec else [])
        for number, (kind, minutes) in enumerate(slots, start=1):
            end = moment + timedelta(minutes=minutes)
            title, links = {
                "opening": ("开场致辞", [(chair, "speaker")]),
                "break": ("茶歇", []),
                "panel": (spec["panel"], [(chair, "moderator")]
                          + [(speakers[i], "panelist") for i in (0, 2, 4)]),
                "closing": (spec.get("closing"), [(chair, "speaker")]),
            }.get(kind) or (next(titles), [(next(talkers), "speaker")])
            self.talk(forum, number, kind, moment, end, title, links)
            moment = end


def abstract(kind, title):
    if kind == Talk.Kind.BREAK:
        return ""
    if kind == Talk.Kind.PANEL:
        return f"主持人与嘉宾围绕“{title.split('：')[-1]}”展开讨论。\n\n*演示数据。*"
    if kind in (Talk.Kind.OPENING, Talk.Kind.CLOSING):
        return "*演示数据。*"
    return (f"本报告围绕“{title}”，介绍相关方法、代表性应用与尚待解决的问题。\n\n"
            "*演示数据：报告内容为虚构示例。*")


def abstract_en(kind, title):
    if kind == Talk.Kind.BREAK:
        return ""
    if kind == Talk.Kind.PANEL:
        return (f"The moderator and panellists discuss “{title.split(': ', 1)[-1]}”.\n\n"
                "*Demo data.*")
    if kind in (Talk.Kind.OPENING, Talk.Kind.CLOSING):
        return "*Demo data.*"
    return (f"This talk presents the methods, representative applications and open problems "
            f"of “{title}”.\n\n*Demo data: the talk is an invented example.*")


def bilingual(values, fields):
    """Each of ``fields`` of ``values`` as its Chinese version plus the demo's English."""
    result = {}
    for field in fields:
        result[f"{field}_zh_hans"] = values[field]
        result[f"{field}_en"] = demo.english(values[field])
    return result
