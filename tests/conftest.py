import pytest

from .factories import SummitFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads and renditions go to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _no_collected_static(settings):
    """WhiteNoise warns (an error here) when STATIC_ROOT was never collected."""
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture
def staff(client, django_user_model):
    """A logged-in superuser whose pages come in English (the source strings)."""
    client.force_login(django_user_model.objects.create_superuser("boss", password=None))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def summit(db):
    return SummitFactory()
