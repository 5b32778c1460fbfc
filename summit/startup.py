"""What the application server checks before it serves a request (wsgi.py, asgi.py)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def require_production_environment():
    """Refuse to serve in production without the variables it cannot do without."""
    for name in settings.MISSING_ENVIRONMENT:
        raise ImproperlyConfigured(
            f"{name} must be set when DJANGO_DEBUG is off (production settings; "
            "set DJANGO_DEBUG=true for development)."
        )
