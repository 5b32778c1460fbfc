from django.urls import path
from django.views.decorators.http import require_safe

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("feed/", require_safe(feeds.LatestArticlesFeed()), name="rss"),
    path("atom/", require_safe(feeds.LatestArticlesAtomFeed()), name="atom"),
    path("category/<slug:slug>/", views.CategoryArticleListView.as_view(), name="category"),
    path("preview/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
