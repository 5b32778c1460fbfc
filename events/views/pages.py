"""The programme's public pages: home, schedule, forum, talk and speakers."""

from datetime import date

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, TemplateView

from summit.search import parse_query

from .. import live, queries
from ..models import Forum, Speaker, Summit, Talk
from .live import strip_context
from .mixins import SummitMixin


class HomeView(SummitMixin, TemplateView):
    template_name = "events/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summit, now = context["summit"], context["now"]
        forums = queries.forum_index(summit)
        # Main forum first, then the sub-forums by date (the index is already by date).
        context["forums"] = sorted(forums, key=lambda forum: forum.kind != Forum.Kind.MAIN)
        context["streams"] = queries.summit_streams(summit)
        context["is_over"] = now.astimezone(summit.tzinfo).date() > summit.end_date
        context.update(strip_context(summit, now))
        return context


class ScheduleView(SummitMixin, TemplateView):
    """The programme by day, then forum; ``?day=``, ``?forum=``, ``?kind=`` and ``?q=``
    (words, as on the search page) narrow it down: one plain GET form."""

    template_name = "events/schedule.html"

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        # A filter matching nothing is a page that does not exist, but it still
        # offers the day navigation so the visitor can carry on.
        status = 404 if context["filter_error"] else 200
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summit = context["summit"]
        raw_day = self.request.GET.get("day", "")
        forum_slug = self.request.GET.get("forum", "")
        kind = self.request.GET.get("kind", "")
        terms = parse_query(self.request.GET.get("q", ""))
        day = self._parse_day(raw_day)
        index = queries.forum_index(summit)
        known_days = sorted({forum.date for forum in index})
        known_slugs = {forum.slug for forum in index}
        # The first filter that names nothing in the programme, for the page's message.
        filter_error = next((name for name, bad in [
            ("day", raw_day and day not in known_days),
            ("forum", forum_slug and forum_slug not in known_slugs),
            ("kind", kind and kind not in Talk.Kind.values),
        ] if bad), None)
        if filter_error:
            schedule = None
        else:
            schedule = queries.build_schedule(summit, day=day, forum_slug=forum_slug or None,
                                              kind=kind or None, terms=terms or None)
        context.update(
            schedule=schedule,
            all_days=known_days,
            all_forums=index,
            kinds=Talk.Kind.choices,
            selected_day=day,
            selected_forum=forum_slug,
            selected_kind=kind,
            terms=terms,
            filtered=bool(forum_slug or kind or terms),
            filter_error=bool(filter_error),
            bad_filter=filter_error,
            requested_day=raw_day,
        )
        context.update(strip_context(summit, context["now"]))
        return context

    @staticmethod
    def _parse_day(value):
        try:
            return date.fromisoformat(value) if value else None
        except ValueError:
            return None


class ForumDetailView(SummitMixin, DetailView):
    """A forum of the current summit (``/forums/<slug>/``) or of a past edition
    (``/summits/<summit_slug>/forums/<slug>/``): forum slugs are unique only per summit."""

    template_name = "events/forum_detail.html"
    context_object_name = "forum"

    def get(self, request, *args, **kwargs):
        summit_slug = kwargs.get("summit_slug")
        if summit_slug is not None and summit_slug == self.get_summit().slug:
            # The current summit's forums live at their short address.
            return redirect("events:forum_detail", slug=kwargs["slug"], permanent=True)
        return super().get(request, *args, **kwargs)

    def get_forum_summit(self):
        summit_slug = self.kwargs.get("summit_slug")
        if summit_slug is None:
            return self.get_summit()
        # Only public editions: a summit being prepared stays hidden.
        return get_object_or_404(Summit.objects.public(), slug=summit_slug)

    def get_object(self, queryset=None):
        schedule = queries.build_schedule(
            self.get_forum_summit(), forum_slug=self.kwargs["slug"], chairs=True)
        if not schedule.forums:
            raise Http404("No such forum.")
        self.schedule = schedule
        return schedule.forums[0]

    def get_time_zone(self):
        return self.object.summit.tzinfo

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summit"] = self.object.summit  # the forum's own edition: title, zone
        context["talks"] = self.schedule.talks
        context["streams"] = self.schedule.streams_for(self.object)
        context["is_over"] = context["now"] >= self.object.ends_at
        context["replays"] = [talk for talk in self.schedule.talks if talk.replay]
        if not context["is_over"]:
            context.update(strip_context(self.object.summit, context["now"], forum=self.object))
        return context


class TalkDetailView(SummitMixin, DetailView):
    template_name = "events/talk_detail.html"
    context_object_name = "talk"

    def get_queryset(self):
        return queries.talks_with_speakers().public()

    def get_time_zone(self):
        return self.object.forum.summit.tzinfo  # a past edition renders in its own zone

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        talk, now = self.object, context["now"]
        context["phase"] = live.phase(talk, now)
        context["strip_lead"] = int(live.LEAD.total_seconds())
        context["countdown_within"] = int(live.COUNTDOWN.total_seconds())
        # Loaded before and during the talk: the page's script shows them once it is on air.
        context["watch_streams"] = (queries.streams_for_forum(talk.forum)
                                    if context["phase"] != "after" and not talk.is_cancelled
                                    else [])
        # What is being streamed now (the schema.org location names it).
        context["streams"] = context["watch_streams"] if context["phase"] == "live" else []
        return context


class SpeakerListView(SummitMixin, TemplateView):
    template_name = "events/speaker_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["speakers"] = queries.summit_speakers(context["summit"])
        return context


class SpeakerDetailView(SummitMixin, DetailView):
    template_name = "events/speaker_detail.html"
    context_object_name = "speaker"
    queryset = Speaker.objects.public()  # not someone appearing only in a hidden summit

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["talks"] = queries.speaker_talks(self.object)
        context["chaired_forums"] = queries.chaired_forums(self.object)
        return context
