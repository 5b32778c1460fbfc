import pytest
from django.utils import translation

from events.replays import read_replay

PLAYER = "https://player.bilibili.com/player.html?"


@pytest.mark.parametrize(("url", "player"), [
    ("https://www.bilibili.com/video/BV1GJ411x7h7", "bvid=BV1GJ411x7h7&autoplay=0"),
    ("https://www.bilibili.com/video/BV1GJ411x7h7/?spm_id_from=333&vd_source=x",
     "bvid=BV1GJ411x7h7&autoplay=0"),
    ("https://m.bilibili.com/video/BV1GJ411x7h7?p=3", "bvid=BV1GJ411x7h7&page=3&autoplay=0"),
    ("https://www.bilibili.com/video/av170001", "aid=170001&autoplay=0"),
    ("http://bilibili.com/video/AV170001/", "aid=170001&autoplay=0"),
])
def test_bilibili_video_plays_in_the_player(url, player):
    replay = read_replay(url)
    assert (replay.kind, replay.platform, replay.embed_url, replay.url) == (
        "bilibili", "Bilibili", PLAYER + player, url)


@pytest.mark.parametrize("url", [
    "https://space.bilibili.com/12345",  # a channel, not a video
    "https://www.bilibili.com/video/BVshort",  # not a BV id
    "https://b23.tv/abcd",  # a short link: its id is unknown without asking Bilibili
    "https://evil.example/www.bilibili.com/video/BV1GJ411x7h7",
    "https://www.youtube.com/watch?v=abc",
    "https://example.org/replays/day-one",
    "ftp://example.org/talk.mp4",
])
def test_other_addresses_stay_a_plain_link(url):
    replay = read_replay(url)
    assert (replay.kind, replay.embed_url, replay.playable, replay.url) == ("link", "", False, url)


@pytest.mark.parametrize(("url", "mime_type"), [
    ("https://media.example.org/2022/keynote.mp4", "video/mp4"),
    ("https://media.example.org/2022/keynote.WEBM?token=1", "video/webm"),
    ("https://media.example.org/keynote.ogv", "video/ogg"),
])
def test_video_file_plays_in_the_page(url, mime_type):
    replay = read_replay(url)
    assert (replay.kind, replay.platform, replay.embed_url, replay.mime_type) == (
        "video", "media.example.org", url, mime_type)


@pytest.mark.parametrize("url", ["", "   ", None])
def test_no_address_no_replay(url):
    assert read_replay(url) is None


def test_descriptions_say_how_each_kind_plays():
    with translation.override("en"):
        kinds = {read_replay(url).kind: str(read_replay(url).description) for url in (
            "https://www.bilibili.com/video/BV1GJ411x7h7", "https://x.org/a.mp4",
            "https://x.org/a")}
    assert kinds == {
        "bilibili": "Bilibili video: played in the Bilibili player",
        "video": "Video file: played in the page",
        "link": "Unknown kind of address: shown as a plain link",
    }
