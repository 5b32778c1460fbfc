"""django-markdownx's preview and upload endpoints, for news editors only.

markdownx's own views accept anyone; these replace them at the same URLs (and names),
so the admin widget keeps working while strangers get a 403 and nothing is stored.
"""

from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import View

from summit.markdown import render_markdown, validate_markdown_size

from .images import store_upload


class EditorOnlyMixin(View):
    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_active and user.is_staff and user.has_perm("articles.change_article")):
            return JsonResponse({"error": _("You may not use the news editor.")}, status=403)
        return super().dispatch(request, *args, **kwargs)


class MarkdownifyView(EditorOnlyMixin):
    def post(self, request):
        content = request.POST.get("content", "")
        try:
            validate_markdown_size(content)
        except ValidationError as exc:
            # Checked before rendering: the preview of a huge text would hold a worker.
            return JsonResponse({"content": exc.messages}, status=413)
        return HttpResponse(render_markdown(content))


class ImageUploadView(EditorOnlyMixin):
    def post(self, request):
        upload = request.FILES.get("image")
        if upload is None:
            return JsonResponse({"image": [_("No image was uploaded.")]}, status=400)
        try:
            url = store_upload(upload)
        except ValidationError as exc:
            return JsonResponse({"image": exc.messages}, status=400)
        return JsonResponse({"image_code": f"![]({url})"})
