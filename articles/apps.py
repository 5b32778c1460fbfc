from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("News")

    def ready(self):
        from summit.page_cache import version

        from . import models, queries

        version.watch(models.Article, models.Category)
        version.register_clock(queries.next_publication)
