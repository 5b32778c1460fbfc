import pytest

pytestmark = pytest.mark.django_db


def test_public_page_sends_a_strict_content_security_policy(client, summit):
    response = client.get("/")
    directives = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert directives == {
        "default-src": "'self'", "script-src": "'self'", "style-src": "'self'",
        "img-src": "'self' https: http:", "font-src": "'self'", "connect-src": "'self'",
        "object-src": "'none'", "base-uri": "'self'", "form-action": "'self'",
        "frame-ancestors": "'none'", "frame-src": "https://player.bilibili.com",
        "media-src": "'self' https:",
    }
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_admin_keeps_djangos_own_headers_without_the_public_policy(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response

