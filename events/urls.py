from django.urls import path
from django.views.decorators.http import require_safe

from .exports import views as export_views
from .feeds import ProgrammeChangesFeed
from .views import agenda, changes, live, pages

app_name = "events"

urlpatterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path("schedule/", pages.ScheduleView.as_view(), name="schedule"),
    path("forums/<slug:slug>/", pages.ForumDetailView.as_view(), name="forum_detail"),
    path(
        "summits/<slug:summit_slug>/forums/<slug:slug>/", pages.ForumDetailView.as_view(),
        name="summit_forum_detail",
    ),
    path("talks/<slug:slug>/", pages.TalkDetailView.as_view(), name="talk_detail"),
    path("speakers/", pages.SpeakerListView.as_view(), name="speaker_list"),
    path("speakers/<slug:slug>/", pages.SpeakerDetailView.as_view(), name="speaker_detail"),
    path("agenda/", agenda.AgendaView.as_view(), name="agenda"),
    path("live.json", live.live_feed, name="live_feed"),
    path("agenda.ics", agenda.agenda_ics, name="agenda_ics"),
    # Calendars and schedule formats (events/exports/).
    path("schedule.ics", export_views.schedule_ics, name="schedule_ics"),
    path("forums/<slug:slug>.ics", export_views.forum_ics, name="forum_ics"),
    path("talks/<slug:slug>.ics", export_views.talk_ics, name="talk_ics"),
    path("speakers/<slug:slug>.ics", export_views.speaker_ics, name="speaker_ics"),
    path("schedule.xml", export_views.schedule_xml, name="schedule_xml"),
    path("schedule.json", export_views.schedule_json, name="schedule_json"),
    path("schedule/changes/", changes.schedule_changes, name="schedule_changes"),
    path("schedule/changes/atom/", require_safe(ProgrammeChangesFeed()),
         name="schedule_changes_feed"),
]
