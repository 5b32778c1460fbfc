"""What a cached public page depends on: the public content version and the clock.

The version is one integer in the shared cache. Saving or deleting any public object bumps
it (INCR), so every cached page of every worker and server is superseded at once; no key is
ever deleted one by one. The clock is the next instant at which a page changes by time
alone (a talk starts or ends, a forum or summit day is over, an article's publication time
comes); each app registers a function that gives its next such instant.
"""

import os
import secrets
import threading
from dataclasses import dataclass

import redis
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from .watch import watched_values

VERSION_KEY = "public:version"
CLOCK_KEY = "public:clock"

_clocks = []


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def register_clock(function):
    """``function(now)`` gives the next instant after ``now`` when a public page changes by
    time alone (or None); the cache key moves on at that instant."""
    _clocks.append(function)
    return function


def watch(*models):
    """Saving or deleting any of ``models`` (or changing their many-to-many links) bumps the
    version. Signals are used here only to invalidate the cache."""
    for model in models:
        uid = f"page_cache:{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}:delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(_changed, sender=field.remote_field.through,
                                dispatch_uid=f"{uid}:{field.name}")


def _changed(sender, **kwargs):
    bump()


def bump():
    """A new public version, now and again when the transaction commits.

    Now, so the worker that made the edit sees it on its next request; on commit, because
    between the two another worker may have rendered the old rows under the new version.
    """
    new_version()
    transaction.on_commit(new_version)


def new_version():
    """Supersede every cached page now."""
    try:
        cache().incr(VERSION_KEY)
    except ValueError:  # never set, or evicted
        current_version()


def current_version():
    store = cache()
    version = store.get(VERSION_KEY)
    if version is None:
        # A random start: after an eviction, old pages of a small version number stay unused.
        store.add(VERSION_KEY, secrets.randbelow(2**48), timeout=None)
        version = store.get(VERSION_KEY)
    return version


@dataclass(frozen=True)
class State:
    version: int
    boundary: float | None  # next instant (epoch seconds) a page changes by time alone
    computed_at: float

    def seconds_left(self, now):
        return None if self.boundary is None else self.boundary - now

    def holds(self, version, now):
        return (self.version == version and self.computed_at <= now
                and (self.boundary is None or now < self.boundary))


def current_state(*keys):
    """The version and the next time boundary, read in one round trip to the cache.

    Given ``keys``, gives ``(state, {key: value})``: those keys are read in the same trip.
    """
    store = cache()
    now = timezone.now().timestamp()
    # The state alone (a 304) is kept in the worker while Redis says it holds (watch.py).
    found = None if keys else watched_values(store, (VERSION_KEY, CLOCK_KEY))
    if found is None:
        found = store.get_many([VERSION_KEY, CLOCK_KEY, *keys], **own_connection(store))
    version = found.get(VERSION_KEY)
    if version is None:
        version = current_version()
    state = found.get(CLOCK_KEY)
    if state is None or not state.holds(version, now):
        state = State(version, next_boundary(), now)
        store.set(CLOCK_KEY, state, timeout=None)
    if keys:
        return state, {key: found[key] for key in keys if key in found}
    return state


def next_boundary():
    """The earliest instant after now, over every registered clock, in epoch seconds."""
    now = timezone.now()
    instants = [moment for clock in _clocks if (moment := clock(now)) is not None]
    return min(instants).timestamp() if instants else None


_thread = threading.local()


def own_connection(store):
    """For django-redis, ``{"client": ...}``: one connection of this thread's (and process's)
    own for the state read every cached answer starts with; nothing for other caches.

    Taking a connection from the shared pool and giving it back cost as much as the read
    itself (a 304 read the state in 47 us of CPU through the pool, 30 us through its own
    connection; bench/load.py). django-redis still makes the keys, decodes the values and,
    with Redis down, answers a miss.
    """
    backend = getattr(store, "client", None)
    if not hasattr(backend, "get_client"):
        return {}
    # A forked worker or another cache (the tests swap them) opens its own.
    if getattr(_thread, "pid", None) != os.getpid() or getattr(_thread, "store", None) is not store:
        pool = backend.get_client(write=False).connection_pool
        own = redis.ConnectionPool(connection_class=pool.connection_class, max_connections=1,
                                   **pool.connection_kwargs)
        try:  # the client connects at once
            _thread.client = redis.Redis(connection_pool=own, single_connection_client=True)
        except redis.RedisError:  # down: the shared pool's path answers a miss (and logs)
            return {}
        _thread.pid, _thread.store = os.getpid(), store
    return {"client": _thread.client}
