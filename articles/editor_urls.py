from django.urls import path

from . import editor

urlpatterns = [
    path("upload/", editor.ImageUploadView.as_view(), name="markdownx_upload"),
    path("markdownify/", editor.MarkdownifyView.as_view(), name="markdownx_markdownify"),
]
