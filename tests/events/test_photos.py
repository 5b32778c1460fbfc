import re
from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from events.models import Speaker
from tests.crafted_images import (
    gif_with_comments,
    gif_with_trailer,
    jpeg_with_gps,
    leftovers,
    stored_bytes,
)
from tests.factories import SpeakerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english():
    """Messages in the source language, whatever earlier tests left activated."""
    with translation.override("en"):
        yield


def image_bytes(size=(300, 180), color=(2, 30, 170), mode="RGB", fmt="PNG"):
    out = BytesIO()
    Image.new(mode, size, color).save(out, format=fmt)
    return out.getvalue()


def rendition(field):
    with field.open("rb") as file, Image.open(file) as image:
        image.load()
        return image.format, image.size, image.getpixel((image.width // 2, image.height // 2))


def speaker_post(**extra):
    return {"name_zh_hans": "示例讲者", "name_latin": "Sample Speaker", "slug": "",
            "honorific_zh_hans": "", "affiliation_zh_hans": "", "position_zh_hans": "",
            "bio_zh_hans": "", "website": "", **extra}


def test_photo_saved_on_model_gets_two_square_jpeg_renditions():
    speaker = SpeakerFactory(photo=ContentFile(image_bytes(), name="wide.png"))
    speaker.refresh_from_db()
    assert rendition(speaker.photo_96)[:2] == ("JPEG", (96, 96))
    assert rendition(speaker.photo_320)[:2] == ("JPEG", (320, 320))


def test_photo_rendition_keeps_the_colour():
    speaker = SpeakerFactory(photo=ContentFile(image_bytes(color=(200, 40, 40)), name="red.png"))
    red, green, blue = rendition(speaker.photo_320)[2]
    assert (abs(red - 200) < 8, abs(green - 40) < 8, abs(blue - 40) < 8) == (True, True, True)


def test_transparent_photo_is_set_on_white_not_black():
    photo = ContentFile(image_bytes(mode="RGBA", color=(0, 0, 0, 0)), name="clear.png")
    speaker = SpeakerFactory(photo=photo)
    assert rendition(speaker.photo_96)[2] == (255, 255, 255)


def test_palette_photo_with_transparency_is_converted():
    image = Image.new("P", (120, 80), 0)
    image.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    out = BytesIO()
    image.save(out, format="PNG", transparency=0)
    speaker = SpeakerFactory(photo=ContentFile(out.getvalue(), name="palette.png"))
    assert rendition(speaker.photo_96)[:2] == ("JPEG", (96, 96))


def test_photo_uploaded_in_admin_gets_renditions(staff):
    upload = SimpleUploadedFile("tall.png", image_bytes(size=(150, 400)), "image/png")
    response = staff.post(reverse("admin:events_speaker_add"), speaker_post(photo=upload))
    assert response.status_code == 302
    speaker = Speaker.objects.get()
    assert rendition(speaker.photo_96)[:2] == ("JPEG", (96, 96))
    assert rendition(speaker.photo_320)[:2] == ("JPEG", (320, 320))
    assert speaker.slug == "sample-speaker"


def test_text_file_named_jpg_is_refused_in_admin(staff):
    upload = SimpleUploadedFile("portrait.jpg", b"not an image at all\n", "image/jpeg")
    response = staff.post(reverse("admin:events_speaker_add"), speaker_post(photo=upload))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["photo"] == [
        "Upload a valid image. The file you uploaded was either not an image or a "
        "corrupted image."
    ]
    assert Speaker.objects.count() == 0


def test_text_file_named_jpg_is_refused_by_the_model(english):
    speaker = SpeakerFactory.build(photo=ContentFile(b"plain text", name="fake.jpg"))
    with pytest.raises(ValidationError) as error:
        speaker.full_clean()
    assert error.value.message_dict["photo"] == ["The file is not a valid image."]


def test_changing_the_photo_replaces_the_renditions():
    speaker = SpeakerFactory(photo=ContentFile(image_bytes(), name="first.png"))
    old = [Path(speaker.photo_96.path), Path(speaker.photo_320.path)]
    speaker.photo = ContentFile(image_bytes(color=(0, 160, 0)), name="second.png")
    speaker.save()
    speaker.refresh_from_db()
    assert [path.exists() for path in old] == [False, False]
    assert Path(speaker.photo_96.path).exists()
    assert rendition(speaker.photo_96)[2][1] > 120


def test_clearing_the_photo_removes_the_renditions():
    speaker = SpeakerFactory(photo=ContentFile(image_bytes(), name="first.png"))
    old = [Path(speaker.photo_96.path), Path(speaker.photo_320.path)]
    speaker.photo = None
    speaker.save()
    speaker.refresh_from_db()
    assert (speaker.photo_96.name, speaker.photo_320.name) == ("", "")
    assert [path.exists() for path in old] == [False, False]


def test_clearing_the_photo_in_admin_removes_the_renditions(staff):
    speaker = SpeakerFactory(photo=ContentFile(image_bytes(), name="first.png"))
    data = speaker_post(name=speaker.name, name_latin=speaker.name_latin, slug=speaker.slug)
    data["photo-clear"] = "on"
    response = staff.post(reverse("admin:events_speaker_change", args=[speaker.pk]), data)
    assert response.status_code == 302
    speaker.refresh_from_db()
    assert (speaker.photo.name, speaker.photo_96.name, speaker.photo_320.name) == ("", "", "")


def test_saving_unchanged_photo_keeps_the_renditions():
    speaker = SpeakerFactory(photo=ContentFile(image_bytes(), name="first.png"))
    before = (speaker.photo_96.name, speaker.photo_320.name)
    speaker.affiliation = "Changed"
    speaker.save()
    speaker.refresh_from_db()
    assert (speaker.photo_96.name, speaker.photo_320.name) == before


def test_speaker_with_missing_photo_file_can_still_be_edited(staff):
    speaker = SpeakerFactory(photo=ContentFile(image_bytes(), name="gone.png"))
    Path(speaker.photo.path).unlink()
    data = speaker_post(name=speaker.name, name_latin=speaker.name_latin, slug=speaker.slug,
                        affiliation="New place")
    response = staff.post(reverse("admin:events_speaker_change", args=[speaker.pk]), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["photo"] == [
        "The image file is missing from storage: upload it again or clear it."
    ]


def test_speaker_list_shows_photo_preview(staff):
    speaker = SpeakerFactory(photo=ContentFile(image_bytes(), name="p.png"))
    response = staff.get(reverse("admin:events_speaker_changelist"))
    assert f'<img src="{speaker.photo_96.url}" width="48" height="48"' in response.content.decode()


@pytest.mark.parametrize("side", [7_000, 10_000, 14_000])  # ours, Pillow's warning, its error
def test_photo_decompression_bomb_is_refused_by_validation(english, side):
    out = BytesIO()
    Image.new("1", (side, side)).save(out, format="PNG")  # many pixels, few bytes
    speaker = SpeakerFactory.build(photo=ContentFile(out.getvalue(), name="bomb.png"))
    with pytest.raises(ValidationError) as error:
        speaker.full_clean()
    assert error.value.message_dict["photo"] == [
        "The image is too large (more than 40 megapixels)."
    ]


def test_photo_animated_gif_bomb_is_refused_by_validation(english):
    # 30 frames of 1300x1300 are 50.7 megapixels although each frame is only 1.7.
    frames = [Image.new("1", (1300, 1300), colour % 2) for colour in range(30)]
    out = BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:])
    speaker = SpeakerFactory.build(photo=ContentFile(out.getvalue(), name="bomb.gif"))
    with pytest.raises(ValidationError) as error:
        speaker.full_clean()
    assert error.value.message_dict["photo"] == [
        "The image is too large (more than 40 megapixels)."
    ]


def test_speaker_with_a_lost_photo_file_can_still_be_saved(caplog):
    speaker = SpeakerFactory()
    Speaker.objects.filter(pk=speaker.pk).update(photo="speakers/missing.jpg")
    speaker = Speaker.objects.get(pk=speaker.pk)
    speaker.position = "Director"
    speaker.save()
    stored = Speaker.objects.get(pk=speaker.pk)
    assert (stored.position, stored.photo_96.name, stored.photo_320.name) == ("Director", "", "")
    assert "photo speakers/missing.jpg unreadable" in caplog.text


CRAFTED = [  # (upload name, content, format it is stored as)
    ("portrait.gif", gif_with_trailer, "gif"),
    ("portrait.png", gif_with_trailer, "gif"),  # a GIF named .png is stored as the GIF it is
    ("portrait.gif", gif_with_comments, "gif"),
    ("portrait.jpg", jpeg_with_gps, "jpg"),
]


@pytest.mark.parametrize(("name", "crafted", "extension"), CRAFTED)
def test_uploaded_photo_is_stored_reencoded_under_a_random_name(staff, name, crafted, extension):
    upload = SimpleUploadedFile(name, crafted(), "image/png")
    response = staff.post(reverse("admin:events_speaker_add"), speaker_post(photo=upload))
    assert response.status_code == 302
    speaker = Speaker.objects.get()

    data = stored_bytes(speaker.photo)

    assert re.fullmatch(rf"speakers/[0-9a-f]{{32}}\.{extension}", speaker.photo.name)
    assert (leftovers(data), data == crafted()) == ([], False)
    assert rendition(speaker.photo_96)[:2] == ("JPEG", (96, 96))


def test_two_uploads_of_one_file_get_different_names():
    first = SpeakerFactory(photo=ContentFile(image_bytes(), name="same.png"))
    second = SpeakerFactory(photo=ContentFile(image_bytes(), name="same.png"))
    assert first.photo.name != second.photo.name
    assert "same" not in first.photo.name + second.photo.name
