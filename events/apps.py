from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Programme")

    def ready(self):
        from summit.page_cache import version

        from . import models, queries

        version.watch(models.Summit, models.Forum, models.Talk, models.TalkSpeaker,
                      models.Speaker, models.Stream)
        version.register_clock(queries.next_change)
