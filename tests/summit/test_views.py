import importlib

import pytest
from django.urls import clear_url_caches

from tests.crafted_images import gif_with_trailer
from tests.events.slide_files import PDF, SVG
from tests.summit.test_images import reencode

pytestmark = pytest.mark.django_db

SANDBOX = "sandbox; default-src 'none'; img-src 'self'"


def reload_urls():
    importlib.reload(importlib.import_module("summit.urls"))
    clear_url_caches()


@pytest.fixture
def debug_media(settings):
    """The URLs as development mode builds them: Django serves /media/ itself."""
    settings.DEBUG = True
    reload_urls()
    yield settings.MEDIA_ROOT
    settings.DEBUG = False
    reload_urls()


def put(root, name, content):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


@pytest.mark.parametrize(("name", "content", "disposition"), [
    ("slides/deck.pdf", PDF, 'attachment; filename="deck.pdf"'),
    ("slides/deck.key", SVG, 'attachment; filename="deck.key"'),
    ("articles/drawing.svg", SVG, 'attachment; filename="drawing.svg"'),
    ("speakers/ab12.gif", reencode(gif_with_trailer())[0], 'inline; filename="ab12.gif"'),
])
def test_media_in_development_is_sandboxed_and_downloads_all_but_images(
        client, debug_media, name, content, disposition):
    put(debug_media, name, content)

    response = client.get(f"/media/{name}")
    served = b"".join(response.streaming_content)
    response.close()

    assert served == content
    assert (response["X-Content-Type-Options"], response["Content-Security-Policy"],
            response["Content-Disposition"]) == ("nosniff", SANDBOX, disposition)


def test_media_is_not_served_by_django_in_production(client, settings):
    put(settings.MEDIA_ROOT, "slides/deck.pdf", PDF)
    reload_urls()  # as the production settings (DEBUG off) build them

    assert client.get("/media/slides/deck.pdf").status_code == 404
