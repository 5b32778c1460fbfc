import json

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

pytestmark = pytest.mark.django_db


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
    html = client.get("/offline/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>You are offline</h1>" in html
    assert '<meta name="robots" content="noindex">' in html


def test_every_page_links_the_manifest_and_registers_the_worker(client, summit):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<script src="/static/js/offline.js" defer data-worker="/sw.js"></script>' in html
