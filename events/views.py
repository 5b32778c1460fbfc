from datetime import date

from django.http import Http404
from django.utils import timezone
from django.views.generic import DetailView, ListView, TemplateView

from . import queries
from .models import Speaker


class SummitMixin:
    """Resolves the current summit once and puts it in the context as ``summit``."""

    def get_summit(self):
        if not hasattr(self, "_summit"):
            self._summit = queries.current_summit()
            if self._summit is None:
                raise Http404("No summit has been set up yet.")
            self.request._current_summit = self._summit
        return self._summit

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summit"] = self.get_summit()
        context["now"] = timezone.now()
        return context

    def render_to_response(self, context, **response_kwargs):
        timezone.activate(self.get_summit().tzinfo)
        return super().render_to_response(context, **response_kwargs)


class HomeView(SummitMixin, TemplateView):
    template_name = "events/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summit = self.get_summit()
        schedule = queries.build_schedule(summit)
        context["forums"] = schedule.forums
        context["streams"] = [s for s in schedule.streams if s.forum_id is None]
        if summit.is_on(context["now"]):
            context["live"], context["upcoming"] = queries.live_and_next(summit, context["now"])
        return context


class ScheduleView(SummitMixin, TemplateView):
    template_name = "events/schedule.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summit = self.get_summit()
        day = self._parse_day(self.request.GET.get("day"))
        forum_slug = self.request.GET.get("forum") or None
        context["all_days"] = queries.summit_days(summit)
        context["schedule"] = queries.build_schedule(summit, day=day, forum_slug=forum_slug)
        context["selected_day"] = day
        context["selected_forum"] = forum_slug
        return context

    def _parse_day(self, value):
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None


class ForumDetailView(SummitMixin, DetailView):
    template_name = "events/forum_detail.html"
    context_object_name = "forum"

    def get_object(self, queryset=None):
        summit = self.get_summit()
        schedule = queries.build_schedule(summit, forum_slug=self.kwargs["slug"])
        if not schedule.forums:
            raise Http404("No such forum.")
        self.schedule = schedule
        return schedule.forums[0]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["talks"] = self.schedule.talks
        context["streams"] = self.schedule.streams_for(self.object)
        return context


class TalkDetailView(SummitMixin, DetailView):
    template_name = "events/talk_detail.html"
    context_object_name = "talk"

    def get_queryset(self):
        return queries.talks_with_speakers()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        talk = self.object
        context["streams"] = queries.streams_for_forum(talk.forum)
        context["is_live"] = talk.is_live(context["now"])
        context["is_over"] = talk.is_over(context["now"])
        return context

    def render_to_response(self, context, **response_kwargs):
        timezone.activate(self.object.forum.summit.tzinfo)
        return super(SummitMixin, self).render_to_response(context, **response_kwargs)


class SpeakerListView(SummitMixin, ListView):
    template_name = "events/speaker_list.html"
    context_object_name = "speakers"

    def get_queryset(self):
        return Speaker.objects.filter(talks__forum__summit=self.get_summit()).distinct()


class SpeakerDetailView(SummitMixin, DetailView):
    template_name = "events/speaker_detail.html"
    context_object_name = "speaker"
    model = Speaker

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["talks"] = list(
            queries.talks_with_speakers().filter(talk_speakers__speaker=self.object)
            .order_by("start")
        )
        return context


