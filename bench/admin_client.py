"""A browser's part for the bench scripts: cookies, CSRF and the admin's change forms.

Each request says it came through a TLS proxy (``X-Forwarded-Proto: https``, which the
production settings trust), as it would in production, so the site sets its Secure session
and CSRF cookies; the cookies are kept by name and sent back over the loopback's plain
http, which a cookie jar would refuse to do.
"""

import http.client
import re
import uuid
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

ADMIN = "/admin/"


class Session:
    def __init__(self, base, forwarded_for=None):
        self.base = base
        self.host = urlsplit(base).netloc
        self.cookies = {}
        self.forwarded_for = forwarded_for

    def use(self, base):
        """The same cookies against another server."""
        self.base, self.host = base, urlsplit(base).netloc
        return self

    def copy(self, base):
        """A second tab of the same browser, on ``base``: safe to use from another thread."""
        other = Session(base, self.forwarded_for)
        other.cookies = dict(self.cookies)
        return other

    def request(self, method, path, body=None, content_type=None):
        """(status, headers, body as text)."""
        headers = {"Host": self.host, "X-Forwarded-Proto": "https",
                   "Accept-Language": "zh-hans"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.forwarded_for:
            headers["X-Forwarded-For"] = self.forwarded_for
        if method == "POST":
            headers["Origin"] = f"https://{self.host}"
            headers["Content-Type"] = content_type or "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(self.host, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return response.status, response, data.decode("utf-8", "replace")

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields, files=None):
        if files:
            body, content_type = multipart(fields, files)
        else:
            body, content_type = urlencode(fields).encode(), None
        return self.request("POST", path, body, content_type)

    def login(self, username, password):
        """The admin's login form; True when it let us in."""
        status, _, page = self.get(ADMIN + "login/")
        fields = AdminForm.parse(page, "login-form")
        fields.update(username=username, password=password, next=ADMIN)
        status, response, page = self.post(ADMIN + "login/", list(fields.items()))
        return status, response.getheader("Location", "")

    def edit(self, path, changes, files=None):
        """Open an admin change form, change some fields, save; the answer's status."""
        status, _, page = self.get(path)
        if status != 200:
            return status
        fields = AdminForm.parse(page)
        fields.update(changes)
        fields["_save"] = "Save"
        status, response, page = self.post(path, list(fields.items()), files)
        if status == 200:  # the form again: say why
            errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', page, re.S)
            raise RuntimeError(f"{path} refused the change: {errors[:3]}")
        return status


class AdminForm(HTMLParser):
    """The fields a browser would submit from the form with the given id (or the first
    ``*_form`` of an admin change page): inputs, checked boxes, selected options, textareas."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, {}
        self.select = self.textarea = None

    @classmethod
    def parse(cls, page, form_id=None):
        parser = cls(form_id)
        parser.feed(page)
        return parser.fields

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            wanted = attrs.get("id", "")
            self.inside = wanted == self.form_id if self.form_id else wanted.endswith("_form")
        if not self.inside or not attrs.get("name") and tag != "option":
            return
        kind = attrs.get("type", "text")
        if tag == "input" and kind not in ("submit", "button", "file", "image", "reset"):
            if kind not in ("checkbox", "radio"):
                self.fields[attrs["name"]] = attrs.get("value") or ""
            elif "checked" in attrs:
                self.fields[attrs["name"]] = attrs.get("value") or "on"
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields[self.select] = attrs.get("value", "")
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.fields[self.textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            # A browser drops the one newline that follows <textarea>.
            text = self.fields[self.textarea] + data
            self.fields[self.textarea] = text[1:] if text.startswith("\n") else text


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode())
    for name, (filename, data, content_type) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                     f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                     + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
