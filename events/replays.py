"""Reading a talk's replay address: which platform it is on and how the talk page plays it.

Staff paste whatever address they have. A Bilibili video becomes the Bilibili player
(embedded from the video's id), a video file a ``<video>``; any other address stays a plain
link. Nothing is requested from the platform until the reader clicks (static/js/live.js).
"""

import re
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.utils.translation import gettext_lazy as _

BILIBILI_PLAYER = "https://player.bilibili.com"
# The frames the talk page may show: settings.CONTENT_SECURITY_POLICY's frame-src.
PLAYER_ORIGINS = [BILIBILI_PLAYER]

BILIBILI_HOSTS = {"bilibili.com", "www.bilibili.com", "m.bilibili.com"}
BVID = re.compile(r"/video/(BV[0-9A-Za-z]{10})(?:/|$)")
AVID = re.compile(r"/video/av(\d+)(?:/|$)", re.IGNORECASE)
VIDEO_TYPES = {".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm",
               ".ogv": "video/ogg", ".mov": "video/quicktime"}


@dataclass(frozen=True)
class Replay:
    url: str
    kind: str  # "bilibili", "video" or "link"
    platform: str = ""  # the name shown beside the placeholder
    embed_url: str = ""  # the player's address (bilibili) or the file (video)
    mime_type: str = ""

    @property
    def playable(self):
        return self.kind != "link"

    @property
    def description(self):
        """What the admin says the address was read as."""
        if self.kind == "bilibili":
            return _("Bilibili video: played in the Bilibili player")
        if self.kind == "video":
            return _("Video file: played in the page")
        return _("Unknown kind of address: shown as a plain link")


def read_replay(url):
    """The Replay for an address, or None when there is none."""
    url = (url or "").strip()
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        return Replay(url=url, kind="link")
    player = _bilibili_player(parts)
    if player:
        return Replay(url=url, kind="bilibili", platform="Bilibili", embed_url=player)
    suffix = re.search(r"\.[0-9a-z]+$", parts.path.lower())
    if suffix and suffix.group() in VIDEO_TYPES:
        # A file has no platform of its own: the reader is told which site serves it.
        return Replay(url=url, kind="video", platform=parts.hostname, embed_url=url,
                      mime_type=VIDEO_TYPES[suffix.group()])
    return Replay(url=url, kind="link")


def _bilibili_player(parts):
    if (parts.hostname or "").lower() not in BILIBILI_HOSTS:
        return ""
    query = {}
    if match := BVID.search(parts.path):
        query["bvid"] = match.group(1)
    elif match := AVID.search(parts.path):
        query["aid"] = match.group(1)
    else:
        return ""
    # A multi-part video names its part as ?p=3; the player takes the same parameter.
    part = re.search(r"(?:^|&)p=(\d+)", parts.query)
    if part:
        query["page"] = part.group(1)
    query["autoplay"] = "0"  # the click loads the player; the reader presses play
    return f"{BILIBILI_PLAYER}/player.html?{urlencode(query)}"
