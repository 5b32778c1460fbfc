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


# A collection of the youngest generation after this many new container objects (Python's
# default: 700), and of the older ones after 20 of the younger (default: 10).
GC_THRESHOLDS = (50_000, 20, 20)


def tune_garbage_collector():
    """Fewer, cheaper garbage collections once the application is loaded.

    A cold render of the 2000-talk schedule makes hundreds of thousands of objects, and
    Python's collector ran 105 to 241 times per request over every object of the worker,
    the loaded code included: 96 ms of the page, 248 ms of the calendar. Freezing what
    startup made moves it out of the collector's sight (and keeps its pages shared after a
    fork), and a higher threshold collects less often; reference counting still frees
    everything without a cycle at once. bench/cold.py, 2000 talks, CPU ms: page 994 -> 696,
    json 847 -> 439, xml 847 -> 587, ics 1396 -> 985.
    """
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
