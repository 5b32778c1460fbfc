import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "summit.settings")

from summit.startup import (  # noqa: E402
    CollectorPausedPerRequest,
    load_templates,
    require_production_environment,
    tune_garbage_collector,
)

require_production_environment()  # a forgotten variable stops the server here
django_application = get_wsgi_application()

from summit.page_cache.front import NotModifiedFront  # noqa: E402 - needs django.setup()

# Revalidations of cached public pages are answered before Django's request cycle.
application = CollectorPausedPerRequest(NotModifiedFront(django_application))
load_templates()  # compiled once here, not by the first visitors of each page
tune_garbage_collector()  # last: what startup made is frozen
