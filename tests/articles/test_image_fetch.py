import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO, StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation
from PIL import Image

from articles.image_fetch import ImageFetchError, checked_address, fetch, stored_image
from articles.models import Article

pytestmark = pytest.mark.django_db


def png(size=(40, 30), color=(2, 30, 170)):
    out = BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


class ImageServer:
    """A local HTTP server the test starts: path -> (status, headers, body); counts hits."""

    def __init__(self):
        self.routes, self.hits = {}, []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.hits.append(self.path)
                status, headers, body = server.routes.get(self.path, (404, {}, b"not found"))
                if status == "slow":
                    time.sleep(1.5)
                    status = 200
                self.send_response(status)
                for name, value in {"Content-Length": str(len(body)), **headers}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def images(settings):
    """Three images: a good PNG, a missing one (404) and one over the size cap."""
    settings.IMPORT_IMAGE_ALLOWED_HOSTS = ["127.0.0.1"]
    server = ImageServer()
    server.routes.update({
        "/good.png": (200, {"Content-Type": "image/png"}, png()),
        "/big.png": (200, {"Content-Type": "image/png"},
                     b"\x89PNG" + b"\0" * settings.IMPORT_IMAGE_MAX_BYTES),
    })
    yield server
    server.close()


def post_with_images(tmp_path, base):
    path = tmp_path / "with-images.md"
    path.write_text(
        "---\ntitle: Three images\ndate: 2022-08-12\n"
        f"cover: {base}/good.png\n---\n\n"
        f"![good]({base}/good.png)\n\n![missing]({base}/missing.png)\n\n![big]({base}/big.png)\n",
        encoding="utf-8",
    )
    return path


def run_import(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_posts", *map(str, args), stdout=out, stderr=err)
    except CommandError as exc:
        err.write(f"CommandError: {exc}")
    return out.getvalue(), err.getvalue()


def stored_files():
    folder = settings.MEDIA_ROOT / "articles" / "imported"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_fetch_images_stores_good_one_and_reports_missing_and_oversized(images, tmp_path):
    base = images.url
    out, err = run_import(post_with_images(tmp_path, base), "--fetch-images")
    article = Article.objects.get()
    [stored] = stored_files()
    local = f"/media/articles/imported/{stored.name}"
    assert "created: Three images" in out
    assert err.splitlines() == [
        f"{tmp_path}/with-images.md: warning: image {base}/missing.png kept its address: "
        "HTTP 404 Not Found",
        f"{tmp_path}/with-images.md: warning: image {base}/big.png kept its address: "
        "larger than 5 MB",
    ]
    assert article.body_html == (
        f'<p><img alt="good" src="{local}"></p>\n'
        f'<p><img alt="missing" src="{base}/missing.png" referrerpolicy="no-referrer"></p>\n'
        f'<p><img alt="big" src="{base}/big.png" referrerpolicy="no-referrer"></p>'
    )
    assert article.cover_url == local
    with Image.open(stored) as image:  # re-encoded, a real PNG
        assert (image.format, image.size) == ("PNG", (40, 30))
    # One request per address: the cover and the body share the good image.
    assert sorted(images.hits) == ["/big.png", "/good.png", "/missing.png"]


def test_fetch_images_again_fetches_nothing_twice(images, tmp_path):
    path = post_with_images(tmp_path, images.url)
    run_import(path, "--fetch-images")
    images.hits.clear()
    out, _ = run_import(path, "--fetch-images")
    assert "updated: Three images" in out
    assert "/good.png" not in images.hits
    assert len(stored_files()) == 1
    assert Article.objects.get().cover_url.startswith("/media/articles/imported/")


def test_import_without_fetch_images_leaves_addresses(images, tmp_path):
    run_import(post_with_images(tmp_path, images.url))
    assert images.hits == []
    assert Article.objects.get().cover_url == f"{images.url}/good.png"


def test_dry_run_fetches_nothing(images, tmp_path):
    run_import(post_with_images(tmp_path, images.url), "--fetch-images", "--dry-run")
    assert images.hits == [] and stored_files() == []


def test_html_body_with_escaped_address_is_rewritten(images, tmp_path):
    images.routes["/pic?a=1&b=2"] = (200, {}, png())
    path = tmp_path / "wechat.html"
    path.write_text(f'---\ntitle: WeChat\ndate: 2022-08-12\n---\n\n<p>Hi</p>'
                    f'<img src="{images.url}/pic?a=1&amp;b=2" style="width:100%">',
                    encoding="utf-8")
    run_import(path, "--fetch-images")
    [stored] = stored_files()
    assert Article.objects.get().body_html == (
        f'<p>Hi</p>\n<p><img src="/media/articles/imported/{stored.name}" '
        'referrerpolicy="no-referrer"></p>')


def test_redirect_is_followed_and_checked(images):
    images.routes["/moved"] = (302, {"Location": "/good.png"}, b"")
    assert fetch(f"{images.url}/moved") == images.routes["/good.png"][2]


def test_redirect_to_other_scheme_is_refused(images):
    images.routes["/ftp"] = (301, {"Location": "ftp://127.0.0.1/x.png"}, b"")
    with pytest.raises(ImageFetchError, match="not an http"):
        fetch(f"{images.url}/ftp")


def test_redirect_to_private_address_is_refused_before_connecting(images):
    images.routes["/inside"] = (302, {"Location": "http://10.1.2.3/admin.png"}, b"")
    with pytest.raises(ImageFetchError, match=r"10\.1\.2\.3 resolves to a non-public"):
        fetch(f"{images.url}/inside")


def test_redirect_loop_is_cut(images):
    images.routes["/loop"] = (302, {"Location": "/loop"}, b"")
    with pytest.raises(ImageFetchError, match="more than 5 redirects"):
        fetch(f"{images.url}/loop")
    assert len(images.hits) == 6


def test_private_address_refused_without_the_setting(images, settings):
    settings.IMPORT_IMAGE_ALLOWED_HOSTS = []
    with pytest.raises(ImageFetchError, match=r"127\.0\.0\.1 resolves to a non-public"):
        stored_image(f"{images.url}/good.png")
    assert images.hits == []


@pytest.mark.parametrize("host", [
    "localhost", "10.0.0.1", "192.168.1.1", "169.254.169.254", "::1",
    "0.0.0.0",  # noqa: S104 - an address refused, not one bound
    "100.64.0.1", "::ffff:127.0.0.1",
])
def test_non_public_addresses_refused(settings, host):
    settings.IMPORT_IMAGE_ALLOWED_HOSTS = []
    with pytest.raises(ImageFetchError, match="non-public"):
        checked_address(host, 80)


def test_public_address_passes_the_check(settings):
    settings.IMPORT_IMAGE_ALLOWED_HOSTS = []
    assert checked_address("93.184.215.14", 443) == "93.184.215.14"


def test_not_an_image_is_refused(images):
    images.routes["/page.png"] = (200, {"Content-Type": "image/png"}, b"<html>hi</html>")
    with translation.override("en"), pytest.raises(ImageFetchError,
                                                   match="The file is not a valid image."):
        stored_image(f"{images.url}/page.png")
    assert stored_files() == []


def test_slow_server_times_out(images, settings):
    settings.IMPORT_IMAGE_TIMEOUT = 0.3
    images.routes["/slow.png"] = ("slow", {}, png())
    with pytest.raises(ImageFetchError, match="timed out"):
        fetch(f"{images.url}/slow.png")


def test_oversized_without_content_length_is_cut(images, settings):
    settings.IMPORT_IMAGE_MAX_BYTES = 1000
    images.routes["/chunked.png"] = (200, {"Content-Length": ""}, b"x" * 5000)
    with pytest.raises(ImageFetchError, match="larger than 1000 bytes"):
        fetch(f"{images.url}/chunked.png")
