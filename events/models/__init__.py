"""The programme: summits, forums, talks, speakers and streams (one module each)."""

from .common import (
    SLIDES_EXTENSIONS,
    SLIDES_MAX_BYTES,
    validate_image,
    validate_slides,
    validate_time_zone,
)
from .forum import Forum, ForumQuerySet
from .speaker import Speaker, SpeakerQuerySet
from .stream import Stream
from .summit import Summit, SummitQuerySet
from .talk import Talk, TalkQuerySet, TalkSpeaker

__all__ = [
    "SLIDES_EXTENSIONS", "SLIDES_MAX_BYTES", "Forum", "ForumQuerySet", "Speaker",
    "SpeakerQuerySet", "Stream", "Summit", "SummitQuerySet", "Talk", "TalkQuerySet", "TalkSpeaker",
    "validate_image", "validate_slides", "validate_time_zone",
]
