import pytest
from defusedxml import ElementTree as ET
from django.utils.feedgenerator import Atom1Feed

from summit.feeds import AtomFeed, RssFeed


def feed_xml(generator):
    feed = generator(title="News\x0b", link="https://x.example/", description="d\0")
    feed.add_item(title="A\x0bB", link="https://x.example/a", description="c\x1fd",
                  categories=["e\x01f"])
    return feed.writeString("utf-8")


@pytest.mark.parametrize("generator", [RssFeed, AtomFeed])
def test_feed_generators_drop_control_characters(generator):
    xml = feed_xml(generator)
    ET.fromstring(xml)
    assert all(text in xml for text in ("News<", "AB<", "cd<", '"ef"' if generator is AtomFeed
                                        else ">ef<"))


def test_plain_django_feed_fails_on_control_characters():
    with pytest.raises(ValueError, match="Control characters"):
        feed_xml(Atom1Feed)
