"""Redis faults logged once, not on every request.

With Redis down, django-redis (IGNORE_EXCEPTIONS) answers every cache call as a miss and
logs the exception to this module's logger: several times per request. This filter lets
the first record through and then one a quarter of an hour while the fault lasts, with
the number of faults held back, so an outage is one line per worker, not a flood.
"""

import logging
import time

QUIET_SECONDS = 15 * 60


class OncePerOutage(logging.Filter):
    def __init__(self, name="", quiet_seconds=QUIET_SECONDS):
        super().__init__(name)
        self.quiet_seconds = quiet_seconds
        self.last_logged = None
        self.held_back = 0

    def filter(self, record):
        now = time.monotonic()
        if self.last_logged is not None and now - self.last_logged < self.quiet_seconds:
            self.held_back += 1
            return False
        if self.held_back:
            record.msg = f"{record.msg} ({self.held_back} more cache faults since the last report)"
        record.msg = f"Cache unavailable, serving uncached: {record.msg}"
        self.last_logged, self.held_back = now, 0
        return True
