import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "summit.settings")

from summit.startup import load_templates, require_production_environment  # noqa: E402

require_production_environment()  # a forgotten variable stops the server here
application = get_asgi_application()
# Compiled once here. The collector is not paused per request as in wsgi.py: requests of
# one ASGI worker run interleaved on one thread, and a pause would rarely end.
load_templates()
