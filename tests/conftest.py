import pytest

from .factories import SummitFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads and renditions go to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def summit(db):
    return SummitFactory()
