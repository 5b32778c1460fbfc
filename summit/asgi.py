import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "summit.settings")

from summit.startup import require_production_environment  # noqa: E402

require_production_environment()  # a forgotten variable stops the server here
application = get_asgi_application()
