import sys

from .chromium import missing_browser


def test_missing_browser_none_when_chromium_present():
    assert missing_browser(sys.executable, {"CI": "true"}) is None


def test_missing_browser_skips_outside_ci():
    action, reason = missing_browser("/nonexistent/chromium", {})
    assert (action, "apt-get install chromium" in reason) == ("skip", True)


def test_missing_browser_fails_in_ci():
    action, reason = missing_browser("/nonexistent/chromium", {"CI": "true"})
    assert action == "fail"
    assert reason.startswith("CI is set and Chromium is not installed at /nonexistent/chromium")


def test_missing_playwright_fails_in_ci():
    action, reason = missing_browser(sys.executable, {"CI": "1"}, playwright_installed=False)
    assert (action, "playwright" in reason) == ("fail", True)
