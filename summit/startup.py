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


def tune_garbage_collector():
    """Freeze what startup made: the collector no longer walks it on every full collection.

    A cold render of the 2000-talk schedule makes hundreds of thousands of objects, and
    Python's collector ran 105 to 241 times per request over every object of the worker,
    the loaded code and its data included. Frozen, those are out of the collector's sight
    (and their memory pages stay shared after a fork). Raising the collection thresholds
    as well saved more time, but left cyclic garbage of model instances around: a worker
    grew from 145 to 250-400 MB after the 2000-talk outputs, over the 150 MB limit, so the
    thresholds stay Python's.
    """
    import gc

    gc.collect()
    gc.freeze()
