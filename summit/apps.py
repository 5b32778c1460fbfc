from django.apps import AppConfig
from django.db.backends.signals import connection_created


class SummitConfig(AppConfig):
    name = "summit"

    def ready(self):
        from .postgresql import use_compiled_timestamp_loader

        connection_created.connect(use_compiled_timestamp_loader,
                                   dispatch_uid="summit.postgresql")
