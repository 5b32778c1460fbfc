from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("", views.index, name="index"),
    path("openapi.json", views.openapi, name="openapi"),
    path("summits/", views.summit_list, name="summit_list"),
    path("forums/", views.forum_list, name="forum_list"),
    path("talks/", views.talk_list, name="talk_list"),
    path("speakers/", views.speaker_list, name="speaker_list"),
    path("articles/", views.article_list, name="article_list"),
]
