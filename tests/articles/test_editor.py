import re
from io import BytesIO

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from .conftest import image_upload

pytestmark = pytest.mark.django_db

UPLOAD = "/markdownx/upload/"
PREVIEW = "/markdownx/markdownify/"
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_markdownx_urls_point_at_guarded_views():
    assert reverse("markdownx_upload") == UPLOAD
    assert reverse("markdownx_markdownify") == PREVIEW


def test_upload_anonymous_forbidden_and_nothing_stored(client, settings):
    response = client.post(UPLOAD, {"image": image_upload()}, **XHR)
    assert response.status_code == 403
    assert stored_files(settings) == []


def test_upload_staff_without_article_permission_forbidden(client, settings, django_user_model):
    client.force_login(django_user_model.objects.create_user("staff", is_staff=True))
    response = client.post(UPLOAD, {"image": image_upload()}, **XHR)
    assert response.status_code == 403
    assert stored_files(settings) == []


def test_upload_non_staff_with_permission_forbidden(client, settings, django_user_model):
    user = django_user_model.objects.create_user("outsider")
    user.user_permissions.add(Permission.objects.get(codename="change_article"))
    client.force_login(user)
    assert client.post(UPLOAD, {"image": image_upload()}, **XHR).status_code == 403
    assert stored_files(settings) == []


def test_preview_anonymous_forbidden(client):
    response = client.post(PREVIEW, {"content": "**x**"})
    assert response.status_code == 403
    assert b"<strong>" not in response.content


def test_preview_editor_gets_sanitised_html(editor_client):
    response = editor_client.post(
        PREVIEW, {"content": "**bold** <script>alert(1)</script>[x](javascript:alert(1))"}
    )
    assert response.status_code == 200
    assert response.content.decode() == '<p><strong>bold</strong> <a rel="noopener">x</a></p>'


def test_preview_without_content_is_empty_not_500(editor_client):
    response = editor_client.post(PREVIEW, {})
    assert response.status_code == 200
    assert response.content == b""


def test_preview_get_not_allowed(editor_client):
    assert editor_client.get(PREVIEW).status_code == 405


@pytest.mark.parametrize("fmt, extension", [
    ("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp"), ("GIF", "gif"),
])
def test_upload_editor_image_stored_with_unguessable_name(editor_client, settings, frozen,
                                                         fmt, extension):
    response = editor_client.post(UPLOAD, {"image": image_upload(f"my photo.{extension}", fmt)},
                                  **XHR)
    assert response.status_code == 200
    [path] = stored_files(settings)
    assert re.fullmatch(rf"articles/2022/08/[0-9a-f]{{32}}\.{extension}", path)
    assert response.json() == {"image_code": f"![](/media/{path})"}
    with Image.open(settings.MEDIA_ROOT / path) as image:
        assert image.format == fmt


def test_upload_large_image_scaled_down(editor_client, settings, frozen):
    editor_client.post(UPLOAD, {"image": image_upload("big.jpg", "JPEG", (4000, 1000))}, **XHR)
    [path] = stored_files(settings)
    with Image.open(settings.MEDIA_ROOT / path) as image:
        assert image.size == (2000, 500)


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'


def bomb(side):
    out = BytesIO()
    Image.new("1", (side, side)).save(out, format="PNG")  # many pixels, few bytes
    return SimpleUploadedFile("bomb.png", out.getvalue(), content_type="image/png")


@pytest.mark.parametrize("upload, message", [
    (SimpleUploadedFile("x.svg", SVG, content_type="image/svg+xml"),
     "The file is not a valid image."),
    (SimpleUploadedFile("x.png", b"not an image at all", content_type="image/png"),
     "The file is not a valid image."),
    (SimpleUploadedFile("x.html", b"<html><script>alert(1)</script>", content_type="text/html"),
     "The file is not a valid image."),
    (SimpleUploadedFile("x.jpg", b"\xff\xd8\xff\xe0" + b"0" * 100, content_type="image/jpeg"),
     "The file is not a valid image."),
])
def test_upload_bad_file_is_400_with_message(editor_client, settings, upload, message):
    response = editor_client.post(UPLOAD, {"image": upload}, **XHR)
    assert response.status_code == 400
    assert response.json() == {"image": [message]}
    assert stored_files(settings) == []


@pytest.mark.parametrize("side", [7_000, 10_000, 14_000])  # ours, Pillow's warning, its error
def test_upload_decompression_bomb_refused(editor_client, settings, side):
    response = editor_client.post(UPLOAD, {"image": bomb(side)}, **XHR)
    assert response.status_code == 400
    assert response.json() == {"image": ["The image is too large (more than 40 megapixels)."]}
    assert stored_files(settings) == []


def test_upload_too_many_bytes_refused(editor_client, settings):
    big = SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (5 * 1024 * 1024),
                             content_type="image/png")
    response = editor_client.post(UPLOAD, {"image": big}, **XHR)
    assert response.status_code == 400
    assert response.json() == {"image": ["The file is too large: at most 5 MB."]}
    assert stored_files(settings) == []


def test_upload_without_file_is_400(editor_client, settings):
    response = editor_client.post(UPLOAD, {}, **XHR)
    assert response.status_code == 400
    assert response.json() == {"image": ["No image was uploaded."]}


def test_preview_longer_than_the_cap_is_413_with_message(editor_client):
    response = editor_client.post(PREVIEW, {"content": "<script>" * 12_501})
    assert response.status_code == 413
    assert response.json() == {
        "content": ["This text is too long: at most 100,000 characters, it has 100,008."]
    }


def test_preview_at_the_cap_is_rendered(editor_client):
    response = editor_client.post(PREVIEW, {"content": "a" * 100_000})
    assert response.status_code == 200
    assert response.content.decode() == f"<p>{'a' * 100_000}</p>"
