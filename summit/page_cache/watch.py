"""The cache state kept in each worker for as long as Redis says it has not changed.

Every cached answer starts by reading the state (the public version and the clock,
version.py). A 304 needs nothing else, and that read, one round trip to Redis, was most of
its cost: about 90 of 130 us of CPU on the bench machine, where WhiteNoise answers the
static file in about 65. Redis tells a client when keys it cares about change ("tracking",
client-side caching, Redis 6 and later): here a listening connection subscribed to
``__redis__:invalidate`` gets a message whenever either state key is written (an edit's
INCR, a new clock, an eviction, a flush), on any server, and the worker keeps the state it
read until such a message comes. redis-py's own client-side cache needs Redis 7.4; this
uses the Redis 6 protocol (RESP2, invalidations redirected to the listener), for two keys.

Before it uses what it kept, the worker polls the listening socket without waiting, so an
edit made anywhere counts from the moment Redis's message arrives: microseconds on a local
network, long before the editor's next request. Whatever goes wrong (a connection drops,
Redis restarts, a message cannot be read) drops what was kept and the read goes to Redis as
before; what is kept is also read again after ``MAX_AGE`` seconds, so a connection that
died without a word cannot keep an old state for longer than that.
"""

import contextlib
import os
import threading
import time
import uuid

import redis
from django_redis.exceptions import ConnectionInterrupted
from redis.backoff import NoBackoff
from redis.retry import Retry

CHANNEL = "__redis__:invalidate"
MAX_AGE = 1.0  # seconds a kept state is trusted without a message
RETRY_AFTER = 5.0  # seconds without a watch after one could not be made (Redis down)

_thread = threading.local()


class StateWatch:
    """The values of ``keys`` in the django-redis cache ``store``, kept between messages."""

    def __init__(self, store, keys):
        self.store, self.keys = store, list(keys)
        self.kept, self.kept_at = None, 0.0
        backend = store.client
        pool = backend.get_client(write=False).connection_pool
        name = f"summit-state-watch-{uuid.uuid4().hex}"
        options = dict(pool.connection_kwargs, client_name=name, retry=Retry(NoBackoff(), 0))

        def client():  # one connection of its own, which fails instead of reconnecting
            own = redis.ConnectionPool(connection_class=pool.connection_class,
                                       max_connections=1, **options)
            return redis.Redis(connection_pool=own, single_connection_client=True)

        self.reader = client()
        self.listener = client().pubsub(ignore_subscribe_messages=True)
        try:
            self.listener.subscribe(CHANNEL)
            listener_id = next(entry["id"] for entry in self.reader.client_list(_type="pubsub")
                               if entry.get("name") == name)
            prefixes = [backend.make_key(key) for key in self.keys]
            self.reader.client_tracking_on(clientid=int(listener_id), bcast=True,
                                           prefix=prefixes)
        except Exception:
            self.close()
            raise

    def values(self):
        """``{key: value}`` as ``store.get_many(keys)`` gives it, from Redis only when a
        message said a key changed, or ``MAX_AGE`` has passed. Raises RedisError."""
        # Anything Redis sent the listener (an invalidation, or the confirmation of its
        # subscription) drops what was kept; each is read off the socket, never waited for.
        # (redis-py hands an invalidation to no one, so get_message gives None for it.)
        while self.listener.connection.can_read(timeout=0):
            self.listener.get_message(timeout=0.0)
            self.kept = None
        now = time.monotonic()
        if self.kept is None or now - self.kept_at >= MAX_AGE:
            # Django-redis decodes the values; with Redis failing it raises (the caller's
            # ordinary read then answers a miss and logs it).
            found = self.store.client.get_many(self.keys, client=self.reader)
            self.kept, self.kept_at = found, now
        return self.kept

    def close(self):
        for closing in (self.listener.close, self.reader.close):
            with contextlib.suppress(redis.RedisError):
                closing()


def watched_values(store, keys):
    """``store.get_many(keys)`` through this thread's ``StateWatch`` of ``store``, or None
    when the store is not django-redis or the watch cannot work (Redis down: the caller
    reads as it always did)."""
    backend = getattr(store, "client", None)
    if not hasattr(backend, "get_client"):
        return None
    watch = getattr(_thread, "watch", None)
    if watch is None or _thread.pid != os.getpid() or watch.store is not store:
        if watch is not None and _thread.pid == os.getpid():
            watch.close()
        _thread.watch, _thread.pid = None, os.getpid()
        failed_store, retry_at = getattr(_thread, "failed", (None, 0.0))
        if failed_store is store and time.monotonic() < retry_at:
            return None  # it failed a moment ago: no connection attempt on every request
        try:
            _thread.watch = watch = StateWatch(store, keys)
        except (redis.RedisError, StopIteration, OSError):
            _thread.failed = (store, time.monotonic() + RETRY_AFTER)
            return None
    try:
        return watch.values()
    except (redis.RedisError, ConnectionInterrupted, OSError):
        watch.close()
        _thread.watch = None  # made again on the next request
        return None
