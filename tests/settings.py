"""The test suite runs in development mode; summit/settings.py defaults to production.

pytest-django imports the settings before any conftest.py is read, so the mode cannot be
set from a fixture: pyproject.toml points pytest here (``--ds``), and this sets the
environment first, which subprocesses the tests start inherit too.
"""

import os

os.environ["DJANGO_DEBUG"] = "true"

from summit.settings import *  # noqa: E402, F403
