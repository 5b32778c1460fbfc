"""The news admin's own pages: recap drafts from the programme and the copy for WeChat.

``ArticleAdmin.get_urls`` routes here through ``admin_site.admin_view`` (staff login and
CSRF); each view checks the article permissions itself.
"""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from events.models import Forum

from .models import Article
from .recaps import RecapRefused, append_new_talks, create_recap_draft, recap_of
from .wechat import article_markdown, wechat_html, wechat_page


def check_may_write(model_admin, request):
    """Recap drafts are new articles: news editors (add and change articles) only."""
    if not (model_admin.has_add_permission(request)
            and model_admin.has_change_permission(request)):
        raise PermissionDenied


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def back(request):
    """Where the button was: the coverage report or the forum's page; else the report."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(reverse("admin:articles_article_coverage"))


def refused(model_admin, request, error):
    """Say why, with a link to the recap standing in the way; then go back."""
    message = str(error)
    if error.article is not None:
        message = format_html('{} <a href="{}">{}</a>', message, change_url(error.article),
                              error.article.title)
    model_admin.message_user(request, message, messages.ERROR)
    return back(request)


@require_POST
def create_recap(request, forum_id, *, model_admin):
    check_may_write(model_admin, request)
    forum = get_object_or_404(Forum.objects.select_related("summit"), pk=forum_id)
    try:
        article = create_recap_draft(forum=forum, author=request.user)
    except RecapRefused as error:
        return refused(model_admin, request, error)
    count = article.talks.count()
    model_admin.message_user(request, ngettext(
        "Recap draft created with %(count)d talk.", "Recap draft created with %(count)d talks.",
        count) % {"count": count}, messages.SUCCESS)
    return HttpResponseRedirect(change_url(article))


@require_POST
def append_to_recap(request, forum_id, *, model_admin):
    check_may_write(model_admin, request)
    forum = get_object_or_404(Forum, pk=forum_id)
    article = recap_of(forum)
    if article is None:
        model_admin.message_user(request, _("“%(forum)s” has no recap draft yet.")
                                 % {"forum": forum}, messages.ERROR)
        return back(request)
    try:
        talks = append_new_talks(article=article)
    except RecapRefused as error:
        return refused(model_admin, request, error)
    report_appended(model_admin, request, article, talks)
    return HttpResponseRedirect(change_url(article))


def report_appended(model_admin, request, article, talks):
    if talks:
        model_admin.message_user(request, ngettext(
            "%(count)d talk added to “%(article)s”.", "%(count)d talks added to “%(article)s”.",
            len(talks)) % {"count": len(talks), "article": article}, messages.SUCCESS)
    else:
        model_admin.message_user(request, _("“%(article)s” already covers every talk of its "
                                            "forum.") % {"article": article}, messages.INFO)


# The preview shows the inline styles WeChat needs, so this page (only) lets style
# attributes apply; scripts stay limited to our own files.
@csp_update({"style-src": [UNSAFE_INLINE]})
def wechat(request, object_id, *, model_admin):
    """The article for WeChat (inline styles) and as Markdown: to copy or download."""
    article = get_object_or_404(Article, pk=object_id)
    if not model_admin.has_change_permission(request, article):
        raise PermissionDenied
    absolute = request.build_absolute_uri
    download = request.GET.get("download")
    if download == "html":
        return attachment(wechat_page(article, absolute=absolute), "text/html",
                          f"{article.slug}-wechat.html")
    markdown = article_markdown(article, absolute=absolute)
    if download == "md":
        return attachment(markdown, "text/markdown", f"{article.slug}.md")
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "original": article,
        "title": _("Copy for WeChat: %(title)s") % {"title": article.title},
        # Serialised from the sanitised tree: every text and attribute is escaped.
        "wechat_html": mark_safe(wechat_html(article, absolute=absolute)),  # noqa: S308
        "markdown": markdown,
    }
    return TemplateResponse(request, "admin/articles/article/wechat.html", context)


def attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
