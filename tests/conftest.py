import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from summit.page_cache import version

from .factories import SummitFactory

# Addresses outside the language prefix (summit/urls.py).
UNPREFIXED = ("/en/", "/admin/", "/api/", "/markdownx/", "/i18n/", "/sitemap.xml",
              "/robots.txt", "/favicon.ico", "/static/", "/media/")


class EnglishClient(Client):
    """Reads the English site: a public page's address gets the /en prefix, so tests
    written with reverse() (the Chinese addresses) ask for the English pages."""

    def generic(self, method, path, *args, **kwargs):
        if path.startswith("/") and not path.startswith(UNPREFIXED):
            path = "/en" + path
        return super().generic(method, path, *args, **kwargs)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language, whatever the last request activated
    (the middleware activates the address's language for the thread, as Django's does)."""
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def english_client():
    return EnglishClient()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads and renditions go to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _no_collected_static(settings):
    """WhiteNoise warns (an error here) when STATIC_ROOT was never collected."""
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """The suite tests what views render; tests/summit/test_page_cache.py turns the cache on
    (the ``page_cache`` fixture) to test what it serves."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def page_cache(settings):
    """The public page cache on, starting from a version no earlier test has used."""
    settings.PAGE_CACHE_SECONDS = 3600
    version.new_version()
    return version


@pytest.fixture
def staff(client, django_user_model):
    """A logged-in superuser whose pages come in English (the source strings)."""
    client.force_login(django_user_model.objects.create_superuser("boss", password=None))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def summit(db):
    return SummitFactory()
