"""Bringing an imported post's external images home (``import_posts --fetch-images``).

Each image is fetched once, checked like an upload (real format, pixel limits) and stored
re-encoded under media as ``articles/imported/<hash of its URL>.<format>``, so a later run
finds it by its URL and fetches nothing again. The post then points at the stored copy;
saving the article renders it through the one sanitiser.

The portal must not become a way into its own network: only http(s), redirects followed by
hand and checked at every hop, and every address a host resolves to must be public; the
connection goes to the address that was checked (no second lookup in between).
``IMPORT_IMAGE_ALLOWED_HOSTS`` names hosts exempt from the address check (tests, an
intranet mirror).
"""

import hashlib
import http.client
import ipaddress
import socket
import ssl
import time
from io import BytesIO
from urllib.parse import urljoin, urlsplit

import html5lib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils.html import escape

from summit.images import EXTENSIONS, open_image, reencoded
from summit.markdown import render_markdown

FOLDER = "articles/imported"
MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024


class ImageFetchError(Exception):
    """Why one image stays where it was; the message is one line for the operator."""


def localize_images(post):
    """Point ``post``'s external images (body and cover) at stored copies; returns one
    message per image that could not be brought home (it keeps its address)."""
    problems, replacements = [], {}
    for url in external_images(post.body, post.cover_url):
        try:
            replacements[url] = stored_image(url)
        except ImageFetchError as exc:
            problems.append(f"image {url} kept its address: {exc}")
    for old, new in replacements.items():
        # HTML bodies hold the address escaped (&amp;), Markdown ones as written.
        post.body = post.body.replace(escape(old), new).replace(old, new)
    post.cover_url = replacements.get(post.cover_url, post.cover_url)
    return problems


def external_images(body, cover_url=""):
    """The http(s) image addresses of a Markdown/HTML body, as the page would load them."""
    fragment = html5lib.parseFragment(render_markdown(body), treebuilder="etree",
                                      namespaceHTMLElements=False)
    urls = [img.get("src", "") for img in fragment.iter("img")]
    if cover_url:
        urls.append(cover_url)
    return list(dict.fromkeys(url for url in urls if urlsplit(url).scheme in {"http", "https"}))


def stored_image(url):
    """The media URL of ``url``'s stored copy, fetching and storing it the first time."""
    stem = f"{FOLDER}/{hashlib.sha256(url.encode()).hexdigest()[:32]}"
    for extension in EXTENSIONS.values():
        if default_storage.exists(f"{stem}.{extension}"):
            return default_storage.url(f"{stem}.{extension}")
    try:
        content, extension = reencoded(open_image(BytesIO(fetch(url))))
    except ValidationError as exc:
        raise ImageFetchError(exc.messages[0]) from exc
    return default_storage.url(default_storage.save(f"{stem}.{extension}", content))


def fetch(url):
    """The bytes at ``url``, following at most MAX_REDIRECTS http(s) redirects."""
    for _hop in range(MAX_REDIRECTS + 1):
        response_or_next = fetch_once(url)
        if isinstance(response_or_next, bytes):
            return response_or_next
        url = response_or_next
    raise ImageFetchError(f"more than {MAX_REDIRECTS} redirects")


def fetch_once(url):
    """The body of a 200 answer, or the absolute address a redirect points to."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ImageFetchError(f"not an http(s) address: {url}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = checked_address(parts.hostname, port)
    timeout = settings.IMPORT_IMAGE_TIMEOUT
    connection_class = PinnedHTTPSConnection if parts.scheme == "https" else PinnedHTTPConnection
    connection = connection_class(parts.hostname, port, address=address, timeout=timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("GET", path, headers={"Accept": "image/*",
                                                 "User-Agent": "summit-import_posts"})
        response = connection.getresponse()
        if response.status in REDIRECTS and response.getheader("Location"):
            return urljoin(url, response.getheader("Location"))
        if response.status != 200:
            raise ImageFetchError(f"HTTP {response.status} {response.reason}".strip())
        return read_capped(response, deadline=time.monotonic() + 3 * timeout)
    except (OSError, http.client.HTTPException) as exc:
        raise ImageFetchError(f"cannot fetch: {exc or type(exc).__name__}") from exc
    finally:
        connection.close()


def read_capped(response, *, deadline):
    cap = settings.IMPORT_IMAGE_MAX_BYTES
    megabytes = cap // (1024 * 1024)
    too_large = f"larger than {megabytes} MB" if megabytes else f"larger than {cap} bytes"
    length = response.getheader("Content-Length", "")
    if length.isdigit() and int(length) > cap:
        raise ImageFetchError(too_large)
    data = bytearray()
    while chunk := response.read(CHUNK):
        data += chunk
        if len(data) > cap:
            raise ImageFetchError(too_large)
        if time.monotonic() > deadline:  # a server dripping bytes under each timeout
            raise ImageFetchError("too slow")
    return bytes(data)


def checked_address(host, port):
    """An address of ``host`` to connect to; refuses a host with any non-public address
    (loopback, private, link-local, reserved...) unless IMPORT_IMAGE_ALLOWED_HOSTS names it."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ImageFetchError(f"cannot resolve {host}") from exc
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    allowed = {name.lower() for name in settings.IMPORT_IMAGE_ALLOWED_HOSTS}
    if host.lower().rstrip(".") not in allowed:
        for address in addresses:
            mapped = getattr(address, "ipv4_mapped", None) or address
            if not mapped.is_global or mapped.is_multicast:
                raise ImageFetchError(f"{host} resolves to a non-public address ({address})")
    return str(addresses[0])


class PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the checked ``address`` while asking for ``host``."""

    def __init__(self, host, port, *, address, **kwargs):
        super().__init__(host, port, **kwargs)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class PinnedHTTPSConnection(PinnedHTTPConnection):
    """The same over TLS, with the certificate checked against ``host``."""

    default_port = 443
    context = ssl.create_default_context()

    def connect(self):
        super().connect()
        self.sock = self.context.wrap_socket(self.sock, server_hostname=self.host)
