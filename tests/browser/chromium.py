"""Where the browser tests find Chromium, and what happens when it is not there."""

from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def missing_browser(executable, environ, playwright_installed=True):
    """None when the browser tests can run; else ("fail" | "skip", reason).

    A developer without Chromium gets a skip; CI (``CI`` set) must fail, so a runner that
    lost its browser cannot pass with the browser tests silently skipped.
    """
    if not playwright_installed:
        problem = 'the "playwright" package is not installed (pip install -e ".[dev]")'
    elif not Path(executable).is_file():
        problem = f"Chromium is not installed at {executable} (apt-get install chromium)"
    else:
        return None
    if environ.get("CI"):
        return "fail", f"CI is set and {problem}: the browser tests cannot run."
    return "skip", f"Browser tests skipped: {problem}."
