import importlib
import json

import pytest
from django.contrib.staticfiles import finders
from django.urls import clear_url_caches
from PIL import Image

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


def test_service_worker_served_at_the_root_for_the_whole_site(client):
    response = client.get("/sw.js")
    assert (response.status_code, response["Content-Type"], response["Service-Worker-Allowed"],
            response["Cache-Control"]) == (200, "text/javascript", "/", "no-cache")
    assert b'var OFFLINE = new URL("offline/", SCOPE).href;' in response.content


def test_manifest_names_the_summit_and_its_icons(client, summit):
    response = client.get("/manifest.webmanifest", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert {key: manifest[key] for key in ("name", "short_name", "start_url", "display")} == {
        "name": "AI for Science Summit 2022", "short_name": "AISS 2022", "start_url": "/",
        "display": "standalone"}
    assert [(icon["src"], icon["sizes"], icon["purpose"]) for icon in manifest["icons"]] == [
        ("/static/img/icon-192.png", "192x192", "any"),
        ("/static/img/icon-512.png", "512x512", "any"),
        ("/static/img/icon-maskable-512.png", "512x512", "maskable"),
    ]
    sizes = {}
    for icon in manifest["icons"]:
        with Image.open(finders.find(icon["src"].removeprefix("/static/"))) as image:
            sizes[icon["src"]] = image.size
    assert sizes == {"/static/img/icon-192.png": (192, 192), "/static/img/icon-512.png": (512, 512),
                     "/static/img/icon-maskable-512.png": (512, 512)}


def test_offline_page_is_plain_and_not_indexed(client, summit):
    # One offline page serves every address, so it speaks the default language.
    html = client.get("/offline/").content.decode()
    assert "<h1>您已离线</h1>" in html
    assert '<meta name="robots" content="noindex">' in html


def test_every_page_links_the_manifest_and_registers_the_worker(client, summit):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<script src="/static/js/offline.js" defer data-worker="/sw.js"></script>' in html
