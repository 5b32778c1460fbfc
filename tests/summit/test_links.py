from django.test import override_settings
from django.urls import reverse, set_script_prefix
from django.utils import translation

from summit.links import slug_url, slug_urls


def test_slug_url_matches_reverse_for_every_prefix_and_language():
    try:
        for prefix in ("/", "/summit/"):
            set_script_prefix(prefix)
            for language in ("zh-hans", "en"):
                with translation.override(language):
                    for name in ("events:talk_detail", "events:speaker_detail"):
                        assert slug_url(name, "a-b_9") == reverse(name, kwargs={"slug": "a-b_9"})
    finally:
        set_script_prefix("/")


@override_settings(ROOT_URLCONF="articles.urls")
def test_slug_url_follows_the_urlconf():
    assert slug_url("detail", "a") == reverse("detail", kwargs={"slug": "a"}) == "/a/"


def test_slug_urls_gives_the_same_links_as_slug_url():
    for language in ("zh-hans", "en"):
        with translation.override(language):
            talk_url = slug_urls("events:talk_detail")
            assert talk_url("a-b_9") == slug_url("events:talk_detail", "a-b_9")
            assert talk_url("c") == reverse("events:talk_detail", kwargs={"slug": "c"})
