import importlib

import pytest
from django.test import override_settings
from django.urls import clear_url_caches, reverse

pytestmark = pytest.mark.django_db


def test_favicon_ico_points_at_the_self_hosted_icon(client):
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (301, "/static/img/favicon.svg")


@pytest.fixture
def admin_moved():
    """The root URLconf as built with DJANGO_ADMIN_PATH=backstage-7/."""
    import summit.urls

    def rebuild():
        clear_url_caches()
        importlib.reload(summit.urls)

    with override_settings(ADMIN_PATH="backstage-7/"):
        rebuild()
        yield
    rebuild()


def test_the_admin_moves_to_the_path_from_the_environment(client, admin_moved):
    assert client.get("/backstage-7/login/").status_code == 200
    assert client.get("/admin/login/").status_code == 404
    assert reverse("admin:index") == "/backstage-7/"


def test_robots_txt_does_not_name_a_moved_admin(client, admin_moved):
    assert client.get("/robots.txt").content.decode() == (
        "User-agent: *\n"
        "Disallow: /markdownx/\n"
        "Sitemap: http://testserver/sitemap.xml\n"
    )
