from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView

from events.views.mixins import SummitMixin

from . import queries
from .models import Article, Category


class NewsMixin(SummitMixin):
    """News works before any summit is set up; times show in the current summit's zone."""

    summit_required = False


class ArticleListView(NewsMixin, ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 12
    category = None

    def get_queryset(self):
        return Article.objects.published().for_cards()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["categories"] = Category.objects.all()
        context["category"] = self.category
        return context


class CategoryArticleListView(ArticleListView):
    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return super().get_queryset().filter(categories=self.category)


class ArticleDetailView(NewsMixin, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        try:
            return queries.article_for_page(Article.objects.published(), slug=self.kwargs["slug"])
        except Article.DoesNotExist as exc:
            raise Http404("No such article.") from exc


@method_decorator(never_cache, name="dispatch")
class ArticlePreviewView(PermissionRequiredMixin, ArticleDetailView):
    """Any article, drafts and scheduled ones included, for staff who may edit news."""

    permission_required = "articles.change_article"
    login_url = reverse_lazy("admin:login")

    def has_permission(self):
        return self.request.user.is_staff and super().has_permission()

    def get_object(self, queryset=None):
        try:
            return queries.article_for_page(Article.objects.all(), pk=self.kwargs["pk"])
        except Article.DoesNotExist as exc:
            raise Http404("No such article.") from exc

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = True
        return context
