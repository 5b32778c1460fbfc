import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


STRICT = {
    "default-src": "'self'", "script-src": "'self'", "style-src": "'self'",
    "img-src": "'self' https:", "font-src": "'self'", "connect-src": "'self'",
    "object-src": "'none'", "base-uri": "'self'", "form-action": "'self'",
    "frame-ancestors": "'none'", "frame-src": "https://player.bilibili.com",
    "media-src": "'self' https:",
}


def policy(response):
    return dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )


def test_public_page_sends_a_strict_content_security_policy(client, summit):
    response = client.get("/")
    assert policy(response) == STRICT
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_admin_login_sends_the_strict_policy(client):
    response = client.get(reverse("admin:login"))
    assert (response.status_code, policy(response)) == (200, STRICT)


def test_admin_article_form_with_markdown_preview_sends_the_strict_policy(staff):
    response = staff.get(reverse("admin:articles_article_add"))
    assert (response.status_code, policy(response)) == (200, STRICT)
    assert "markdownx-preview" in response.content.decode()


def test_no_language_cookie_is_ever_set(client, summit):
    # The language comes from the address; the old switch only redirects.
    switched = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    pages = [client.get("/"), client.get("/en/"), switched]
    assert [settings.LANGUAGE_COOKIE_NAME in r.cookies for r in pages] == [False] * 3
    assert switched["Location"] == "/en/"
