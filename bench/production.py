"""Django for the bench scripts: production settings on a throwaway SQLite database.

Import this module before anything else from the project; it sets the environment,
calls ``django.setup()`` and serves static files without the manifest (no collectstatic).
"""

import os
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="summit-bench-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="summit.settings",
    DATABASE_URL=f"sqlite:///{WORKDIR / 'bench.sqlite3'}",
    DJANGO_MEDIA_ROOT=str(WORKDIR / "media"),
    DJANGO_DEBUG="0",
    DJANGO_SECRET_KEY="bench-only-not-a-secret",  # noqa: S106 - a throwaway local run
    DJANGO_ALLOWED_HOSTS="localhost",
    DJANGO_SECURE_SSL_REDIRECT="0",
    DJANGO_LOG_LEVEL="ERROR",
)
os.environ.pop("REDIS_URL", None)
# No collectstatic here: WhiteNoise only warns that STATIC_ROOT is missing.
warnings.filterwarnings("ignore", message="No directory at")


def setup():
    """django.setup() with plain static URLs (the manifest would need collectstatic)."""
    import django
    from django.conf import settings

    django.setup()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
