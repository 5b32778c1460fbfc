from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Category
from events.models import Speaker
from tests.factories import SpeakerFactory, TalkFactory

pytestmark = pytest.mark.django_db


def test_saves_deletes_and_links_of_public_models_bump_the_version(page_cache, summit):
    seen = [page_cache.current_version()]
    talk = TalkFactory(forum__summit=summit)
    seen.append(page_cache.current_version())
    talk.speakers.add(SpeakerFactory())
    seen.append(page_cache.current_version())
    Category.objects.create(name="Recaps", slug="recaps")
    seen.append(page_cache.current_version())
    talk.delete()  # a speaker with talks is protected from deletion
    seen.append(page_cache.current_version())
    Speaker.objects.all().delete()
    seen.append(page_cache.current_version())
    assert seen == sorted(seen) and len(set(seen)) == len(seen)


def test_refresh_public_pages_supersedes_every_page(page_cache):
    before = page_cache.current_version()
    call_command("refresh_public_pages", stdout=StringIO())
    assert page_cache.current_version() > before


def test_evicted_version_starts_again_from_a_random_number(page_cache):
    page_cache.cache().delete(page_cache.VERSION_KEY)
    first = page_cache.current_version()
    page_cache.cache().delete(page_cache.VERSION_KEY)
    assert page_cache.current_version() != first
