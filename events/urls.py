from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("schedule/", views.ScheduleView.as_view(), name="schedule"),
    path("forums/<slug:slug>/", views.ForumDetailView.as_view(), name="forum_detail"),
    path("talks/<slug:slug>/", views.TalkDetailView.as_view(), name="talk_detail"),
    path("speakers/", views.SpeakerListView.as_view(), name="speaker_list"),
    path("speakers/<slug:slug>/", views.SpeakerDetailView.as_view(), name="speaker_detail"),
]
