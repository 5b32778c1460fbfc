"""What the application server does before it serves requests and around each one (wsgi.py,
asgi.py): the checks, the templates, the garbage collector."""

import gc
import threading
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def require_production_environment():
    """Refuse to serve in production without the variables it cannot do without."""
    for name in settings.MISSING_ENVIRONMENT:
        raise ImproperlyConfigured(
            f"{name} must be set when DJANGO_DEBUG is off (production settings; "
            "set DJANGO_DEBUG=true for development)."
        )


def load_templates():
    """Compile the project's own templates (the engines' ``DIRS``) once, at startup.

    Each engine keeps what it compiled (Django's cached loader, Jinja2's template cache),
    so a new worker's first visitors no longer pay for compiling the pages they open (the
    schedule's first render took twice its time), and a template that does not compile
    stops the server at start, not a visitor's request. The admin's templates load on use.
    """
    from django.template import engines

    backends = engines.all()
    owned = {Path(directory).resolve(): backend for backend in backends
             for directory in backend.dirs}
    for directory, backend in owned.items():
        for path in sorted(directory.rglob("*.html")):
            # A file under a nested directory of another engine is that engine's.
            owner = max((d for d in owned if path.is_relative_to(d)), key=lambda d: len(d.parts))
            if owned[owner] is backend:
                backend.get_template(path.relative_to(directory).as_posix())


def tune_garbage_collector():
    """Freeze what startup made: the collector no longer walks it on every full collection.

    A cold render of the 2000-talk schedule makes hundreds of thousands of objects, and
    Python's collector ran 105 to 241 times per request over every object of the worker,
    the loaded code and its data included. Frozen, those are out of the collector's sight
    (and their memory pages stay shared after a fork). Raising the collection thresholds
    as well saved more time, but left cyclic garbage of model instances around: a worker
    grew from 145 to 250-400 MB after the 2000-talk outputs, over the 150 MB limit, so the
    thresholds stay Python's; ``CollectorPausedPerRequest`` pauses the collector during a
    request instead.
    """
    gc.collect()
    gc.freeze()


_paused = {"requests": 0, "resume": False}
_paused_lock = threading.Lock()


@contextmanager
def collector_paused():
    """No cyclic garbage collection inside the block (nested or concurrent blocks share
    the pause; the last one out resumes it, unless it was off before the first).

    A cold render of a large programme makes hundreds of thousands of objects that all
    live until the response is written: each of the collector's passes meanwhile walked
    them again (100 to 240 passes a request), and promoted them to the older generations,
    where the cycles among them (a talk and its speaker links) waited for a full
    collection. Paused, a request costs no pass; reference counting still frees what is
    dropped, and the first allocations after the request start a young-generation pass that
    finds the request's cycles while they are young and frees them.
    """
    with _paused_lock:
        if not _paused["requests"]:
            _paused["resume"] = gc.isenabled()
            gc.disable()
        _paused["requests"] += 1
    try:
        yield
    finally:
        with _paused_lock:
            _paused["requests"] -= 1
            if not _paused["requests"] and _paused["resume"]:
                gc.enable()


class CollectorPausedPerRequest:
    """WSGI middleware: each request is handled with the collector paused (see above).

    gunicorn's sync workers (the default) handle one request at a time; with threads, the
    collector resumes when no request is in flight.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        with collector_paused():
            return self.application(environ, start_response)
