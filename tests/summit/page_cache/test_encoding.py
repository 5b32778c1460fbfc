import pytest

from summit.page_cache.encoding import chosen_encoding, worth_compressing


@pytest.mark.parametrize(("header", "coding"), [
    ("gzip, deflate, br, zstd", "br"),
    ("gzip", "gzip"),
    ("br;q=0, gzip;q=0.5", "gzip"),
    ("*", "br"),
    ("gzip;q=0, *;q=0", "identity"),
    ("", "identity"),
    ("deflate", "identity"),
    ("br;q=zero", "identity"),
])
def test_chosen_encoding_follows_accept_encoding(header, coding):
    assert chosen_encoding(header) == coding


def test_only_text_of_some_size_is_compressed():
    assert worth_compressing("text/html; charset=utf-8", 5000)
    assert not worth_compressing("text/html; charset=utf-8", 100)
    assert not worth_compressing("image/png", 5000)
