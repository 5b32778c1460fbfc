import pytest

from summit.page_cache import version

from .factories import SummitFactory


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
