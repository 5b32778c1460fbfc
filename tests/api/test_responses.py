from django.utils import timezone
from django.utils.http import http_date


def test_talk_list_etag_answers_304_until_a_talk_changes(client, programme):
    response = client.get("/api/talks/")
    etag = response["ETag"]
    assert etag.startswith('"') and len(etag) == 34
    again = client.get("/api/talks/", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    programme["keynote"].title = "Renamed"
    programme["keynote"].save()
    changed = client.get("/api/talks/", headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_talk_list_etag_changes_when_a_speaker_changes(client, programme):
    etag = client.get("/api/talks/")["ETag"]
    programme["speaker"].affiliation = "AISI"
    programme["speaker"].save()
    assert client.get("/api/talks/", headers={"if-none-match": etag}).status_code == 200


def test_talk_list_sends_no_last_modified(client, programme):
    assert "Last-Modified" not in client.get("/api/talks/")


def test_talk_list_renamed_speaker_is_200_with_old_validators(client, programme):
    first = client.get("/api/talks/")
    programme["speaker"].name = "E Weinan renamed"
    programme["speaker"].save()
    later = http_date(timezone.now().timestamp() + 60)
    for headers in ({"if-none-match": first["ETag"]}, {"if-modified-since": later}):
        response = client.get("/api/talks/", headers=headers)
        assert response.status_code == 200
        assert response.json()["results"][0]["speakers"][0]["name"] == "E Weinan renamed"


def test_api_refuses_writes(client, programme):
    assert client.post("/api/talks/").status_code == 405
