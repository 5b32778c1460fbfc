import pytest

pytestmark = pytest.mark.django_db


def test_favicon_ico_points_at_the_self_hosted_icon(client):
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (301, "/static/img/favicon.svg")
